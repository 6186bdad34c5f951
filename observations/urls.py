from django.urls import path

from . import views

app_name = "observations"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("about-me/", views.about_me, name="about_me"),
    path("new/", views.create, name="create"),
    path("all/", views.browse, name="browse"),
    path("teachers/", views.teachers, name="teachers"),
    path("teachers/<int:pk>/", views.teacher_history, name="teacher_history"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<int:pk>/notes/", views.note_add, name="note_add"),
    path("<int:pk>/pdf/", views.pdf, name="pdf"),
    path("criteria/", views.criteria_list, name="criteria_list"),
    path("criteria/new/", views.criteria_create, name="criteria_create"),
    path("criteria/<int:pk>/", views.criteria_edit, name="criteria_edit"),
    path("young-specialists/", views.young_specialists, name="young_specialists"),
    path(
        "young-specialists/<int:staff_pk>/<int:year_pk>/",
        views.young_conclusion,
        name="young_conclusion",
    ),
    path(
        "young-specialists/conclusions/<int:pk>/pdf/",
        views.young_conclusion_pdf,
        name="young_conclusion_pdf",
    ),
]
