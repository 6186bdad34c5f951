from django.urls import path

from . import views

app_name = "council"

urlpatterns = [
    path("", views.council_detail, name="council_detail"),
    path("new/", views.council_create, name="council_create"),
    path("<int:pk>/officers/", views.council_officers, name="council_officers"),
    path("<int:pk>/members/add/", views.membership_add, name="membership_add"),
    path("<int:pk>/confirm/", views.council_confirm, name="council_confirm"),
    path("<int:pk>/composition.pdf", views.council_pdf, name="council_pdf"),
    path("members/<int:pk>/leave/", views.membership_end, name="membership_end"),
]
