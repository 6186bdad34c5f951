from django.urls import path

from . import kinds, views

app_name = "plans"


def kind_patterns(kind):
    """A plan's pages, the same for each kind: ``<plan_path>/<pk>/…``, ``<item_path>/<pk>/…``."""
    plan, item, extra = f"{kind.plan_path}/<int:pk>/", f"{kind.item_path}/<int:pk>/", {"kind": kind}
    pages = (
        (plan, views.plan_detail, "plan"),
        (f"{plan}items/new/", views.item_create, "item_create"),
        (f"{plan}copy/", views.plan_copy, "plan_copy"),
        (f"{plan}pdf/", views.plan_pdf, "plan_pdf"),
        (item, views.item_edit, "item_edit"),
        (f"{item}status/", views.item_status, "item_status"),
        (f"{item}delete/", views.item_delete, "item_delete"),
    )
    return [path(route, view, extra, name=f"{kind.key}_{part}") for route, view, part in pages]


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
    *kind_patterns(kinds.ASSOCIATION),
    # The council's plan (R5.1)
    path("council/new/", views.council_plan_start, name="council_plan_start"),
    *kind_patterns(kinds.COUNCIL),
    path("council/<int:pk>/take/", views.council_take, name="council_take"),
    path("council-items/<int:pk>/agenda/", views.council_item_agenda, name="council_item_agenda"),
]
