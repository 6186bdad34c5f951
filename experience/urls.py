from django.urls import path

from . import views

app_name = "experience"

urlpatterns = [
    path("", views.entry_list, name="entry_list"),
    path("new/", views.entry_create, name="entry_create"),
    path("<int:pk>/", views.entry_detail, name="entry_detail"),
    path("<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("<int:pk>/remove/", views.entry_delete, name="entry_delete"),
    path("files/<int:pk>/", views.file_download, name="file_download"),
    path("files/<int:pk>/remove/", views.file_delete, name="file_delete"),
    path("publications/", views.publication_list, name="publication_list"),
    path("publications/new/", views.publication_create, name="publication_create"),
    path("publications/<int:pk>/edit/", views.publication_edit, name="publication_edit"),
    path("publications/<int:pk>/remove/", views.publication_delete, name="publication_delete"),
    path("manuscripts/", views.manuscript_list, name="manuscript_list"),
    path("manuscripts/new/", views.manuscript_create, name="manuscript_create"),
    path("manuscripts/<int:pk>/", views.manuscript_detail, name="manuscript_detail"),
    path("manuscripts/<int:pk>/file/", views.manuscript_file, name="manuscript_file"),
    path(
        "manuscripts/<int:pk>/reviewers/", views.manuscript_reviewers, name="manuscript_reviewers"
    ),
    path("manuscripts/<int:pk>/decide/", views.manuscript_decide, name="manuscript_decide"),
    path("reviews/<int:pk>/", views.review_write, name="review_write"),
    path("reviews/<int:pk>/remove/", views.review_remove, name="review_remove"),
    path("reviews/<int:pk>/review.pdf", views.review_pdf, name="review_pdf"),
    path("awards/", views.award_list, name="award_list"),
    path("awards/new/", views.award_create, name="award_create"),
    path("awards/<int:pk>/", views.award_detail, name="award_detail"),
    path("awards/<int:pk>/edit/", views.award_edit, name="award_edit"),
    path("awards/<int:pk>/characteristic.pdf", views.award_pdf, name="award_pdf"),
]
