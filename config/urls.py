from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # The login page has the language switcher too, so choosing a language needs no login.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("calendar/", include("school.urls")),
    path("staff/", include("members.urls")),
    path("council/", include("council.urls")),
    path("plans/", include("plans.urls")),
    path("meetings/", include("meetings.urls")),
    path("observations/", include("observations.urls")),
    path("growth/", include("development.urls")),
    path("experience/", include("experience.urls")),
    path("projects/", include("projects.urls")),
    path("", include("reports.urls")),
]

handler500 = "config.views.server_error"
