"""The site's URLs plus one bare view, for the benchmark only (config.bench_settings)."""

from django.shortcuts import render
from django.urls import path

from .urls import handler500
from .urls import urlpatterns as site_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def bare(request):
    """A trivial template rendered through the whole middleware stack: the floor a page's
    throughput is compared with."""
    return render(request, "bench/bare.html")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *site_urlpatterns]
