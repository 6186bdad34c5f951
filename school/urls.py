from django.urls import path

from . import views

app_name = "school"

urlpatterns = [
    path("", views.year_list, name="year_list"),
    path("years/new/", views.year_create, name="year_create"),
    path("years/<int:pk>/", views.year_edit, name="year_edit"),
    path("logins/", views.logins, name="logins"),
    path("logins/<int:pk>/lift/", views.lockout_lift, name="lockout_lift"),
    path("history/<str:label>/<int:pk>/", views.record_history, name="record_history"),
]
