from django.urls import path

from . import views

app_name = "development"

urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("due/", views.due, name="due"),
    path(
        "schedule/<int:year_pk>/schedule.pdf",
        views.attestation_schedule_pdf,
        name="attestation_schedule_pdf",
    ),
    path("settings/", views.settings_edit, name="settings"),
    path("teachers/<int:pk>/", views.portfolio, name="portfolio"),
    path("teachers/<int:pk>/portfolio.pdf", views.portfolio_pdf, name="portfolio_pdf"),
    path("teachers/<int:pk>/category/", views.category_edit, name="category_edit"),
    path(
        "teachers/<int:pk>/attestations/new/",
        views.attestation_create,
        name="attestation_create",
    ),
    path("teachers/<int:pk>/courses/new/", views.course_create, name="course_create"),
    path(
        "teachers/<int:staff_pk>/self-education/<int:year_pk>/",
        views.self_education_edit,
        name="self_education_edit",
    ),
    path("attestations/<int:pk>/", views.attestation_detail, name="attestation_detail"),
    path("attestations/<int:pk>/edit/", views.attestation_edit, name="attestation_edit"),
    path("attestations/<int:pk>/documents/new/", views.document_create, name="document_create"),
    path("attestations/<int:pk>/characteristic/", views.characteristic, name="characteristic"),
    path(
        "attestations/<int:pk>/characteristic.pdf",
        views.characteristic_pdf,
        name="characteristic_pdf",
    ),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("documents/<int:pk>/remove/", views.document_delete, name="document_delete"),
    path("self-education/", views.self_education, name="self_education"),
    path("courses/<int:pk>/", views.course_edit, name="course_edit"),
    path("courses/<int:pk>/remove/", views.course_delete, name="course_delete"),
    path("courses/<int:pk>/certificate/", views.certificate_download, name="certificate_download"),
    path("programmes/", views.review_list, name="review_list"),
    path("programmes/new/", views.review_create, name="review_create"),
    path("programmes/<int:pk>/follow-up/", views.review_follow_up, name="review_follow_up"),
]
