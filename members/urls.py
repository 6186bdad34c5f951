from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.staff_list, name="staff_list"),
    path("new/", views.staff_create, name="staff_create"),
    path("<int:pk>/", views.staff_detail, name="staff_detail"),
    path("<int:pk>/edit/", views.staff_edit, name="staff_edit"),
    path("subjects/", views.subject_list, name="subject_list"),
    path("associations/", views.association_list, name="association_list"),
    path("associations/new/", views.association_create, name="association_create"),
    path("associations/<int:pk>/", views.association_detail, name="association_detail"),
    path("associations/<int:pk>/edit/", views.association_edit, name="association_edit"),
]
