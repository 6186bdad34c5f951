from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("reports/quarterly/", views.quarterly, name="quarterly"),
    path("reports/quarterly.pdf", views.quarterly_pdf, name="quarterly_pdf"),
    path("reports/annual/", views.annual, name="annual"),
    path("reports/annual.pdf", views.annual_pdf, name="annual_pdf"),
]
