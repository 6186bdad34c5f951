from django.urls import path

from . import kinds, views

app_name = "plans"

A = {"kind": kinds.ASSOCIATION}
C = {"kind": kinds.COUNCIL}

urlpatterns = [
    path("", views.index, name="index"),
    # The school development programme (R5.2)
    path("programme/", views.programme_list, name="programme_list"),
    path("programme/new/", views.programme_create, name="programme_create"),
    path("programme/<int:pk>/", views.programme_edit, name="programme_edit"),
    path("programme/<int:pk>/directions/new/", views.direction_create, name="direction_create"),
    path("directions/<int:pk>/", views.direction_edit, name="direction_edit"),
    # Methodical associations' plans (R2.19, P4.2)
    path("associations/new/", views.association_plan_start, name="association_plan_start"),
    path("associations/<int:pk>/", views.plan_detail, A, name="association_plan"),
    path("associations/<int:pk>/items/new/", views.item_create, A, name="association_item_create"),
    path("associations/<int:pk>/copy/", views.plan_copy, A, name="association_plan_copy"),
    path("associations/<int:pk>/pdf/", views.plan_pdf, A, name="association_plan_pdf"),
    path("association-items/<int:pk>/", views.item_edit, A, name="association_item_edit"),
    path(
        "association-items/<int:pk>/status/", views.item_status, A, name="association_item_status"
    ),
    path(
        "association-items/<int:pk>/delete/", views.item_delete, A, name="association_item_delete"
    ),
    # The council's plan (R5.1)
    path("council/new/", views.council_plan_start, name="council_plan_start"),
    path("council/<int:pk>/", views.plan_detail, C, name="council_plan"),
    path("council/<int:pk>/items/new/", views.item_create, C, name="council_item_create"),
    path("council/<int:pk>/take/", views.council_take, name="council_take"),
    path("council/<int:pk>/copy/", views.plan_copy, C, name="council_plan_copy"),
    path("council/<int:pk>/pdf/", views.plan_pdf, C, name="council_plan_pdf"),
    path("council-items/<int:pk>/", views.item_edit, C, name="council_item_edit"),
    path("council-items/<int:pk>/status/", views.item_status, C, name="council_item_status"),
    path("council-items/<int:pk>/delete/", views.item_delete, C, name="council_item_delete"),
    path("council-items/<int:pk>/agenda/", views.council_item_agenda, name="council_item_agenda"),
]
