from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("new/", views.meeting_create, name="meeting_create"),
    path("calendar.ics", views.meeting_calendar, name="meeting_calendar"),
    path("archive/<int:pk>/", views.protocol_archive, name="protocol_archive"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("<int:pk>/approve/", views.meeting_approve, name="meeting_approve"),
    path("<int:pk>/attendance/", views.attendance_edit, name="attendance_edit"),
    path("<int:pk>/guests/", views.guest_list, name="guest_list"),
    path("<int:pk>/agenda/new/", views.agenda_item_create, name="agenda_item_create"),
    path("<int:pk>/attachments/new/", views.attachment_create, name="attachment_create"),
    path("<int:pk>/protocol.pdf", views.protocol_pdf, name="protocol_pdf"),
    path("<int:pk>/print/", views.protocol_print, name="protocol_print"),
    path("guests/<int:pk>/remove/", views.guest_remove, name="guest_remove"),
    path("agenda/<int:pk>/edit/", views.agenda_item_edit, name="agenda_item_edit"),
    path("agenda/<int:pk>/move/", views.agenda_item_move, name="agenda_item_move"),
    path("agenda/<int:pk>/remove/", views.agenda_item_delete, name="agenda_item_delete"),
    path("agenda/<int:pk>/record/", views.item_record, name="item_record"),
    path("agenda/<int:pk>/decisions/new/", views.decision_create, name="decision_create"),
    path("decisions/", views.decision_register, name="decision_register"),
    path("decisions/mine/", views.my_decisions, name="my_decisions"),
    path(
        "decisions/pedagogical-council.pdf",
        views.pedagogical_extract,
        name="pedagogical_extract",
    ),
    path("decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/done/", views.decision_complete, name="decision_complete"),
    path("decisions/<int:pk>/cancel/", views.decision_cancel, name="decision_cancel"),
    path("decisions/<int:pk>/reopen/", views.decision_reopen, name="decision_reopen"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/remove/", views.decision_delete, name="decision_delete"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/remove/", views.attachment_delete, name="attachment_delete"),
]
