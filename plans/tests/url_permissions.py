"""Rows of the permission walk for the work plans (R5.1, R5.2, P4.2).

Everyone of the school reads; the association's head edits its own plan; the deputy
edits all plans and the programme; another school's user gets 404 for every object.
"""

from tests.permission_table import Row, deputy_only, object_page, school_page

from . import factories


def _programme(w):
    from plans import services

    return services.programme_create(
        school=w.school, title="Мектепти өнүктүрүү программасы", start_year=2024, end_year=2029
    )


def _direction(w):
    from plans import services

    return services.direction_create(programme=_programme(w), title="Сапаттуу билим")


def _association_plan(w):
    return factories.association_plan(w.association, w.year)


def _association_item(w):
    return factories.association_item(_association_plan(w))


def _council_plan(w):
    return factories.council_plan(w.council)


def _council_item(w):
    return factories.council_item(_council_plan(w))


def head_edits():
    """The association's head (mahead) and the deputy edit; the others are refused."""
    return object_page(403, deputy=200, mahead=200)


ROWS = {
    "plans:index": Row(expect=school_page()),
    "plans:programme_list": Row(expect=school_page()),
    "plans:programme_create": Row(expect=deputy_only(school_page, other_school=200)),
    "plans:programme_edit": Row(
        kwargs=lambda w: {"pk": _programme(w).pk}, expect=deputy_only(object_page)
    ),
    "plans:direction_create": Row(
        kwargs=lambda w: {"pk": _programme(w).pk}, expect=deputy_only(object_page)
    ),
    "plans:direction_edit": Row(
        kwargs=lambda w: {"pk": _direction(w).pk}, expect=deputy_only(object_page)
    ),
    # The head of an association starts its plan; the other school's deputy sees their own.
    "plans:association_plan_start": Row(
        expect=school_page(403, deputy=200, mahead=200, other_school=200)
    ),
    "plans:association_plan": Row(
        kwargs=lambda w: {"pk": _association_plan(w).pk}, expect=object_page()
    ),
    "plans:association_item_create": Row(
        kwargs=lambda w: {"pk": _association_plan(w).pk}, expect=head_edits()
    ),
    "plans:association_plan_copy": Row(
        kwargs=lambda w: {"pk": _association_plan(w).pk}, expect=head_edits()
    ),
    "plans:association_plan_pdf": Row(
        kwargs=lambda w: {"pk": _association_plan(w).pk}, expect=object_page()
    ),
    "plans:association_item_edit": Row(
        kwargs=lambda w: {"pk": _association_item(w).pk}, expect=head_edits()
    ),
    "plans:association_item_status": Row(
        kwargs=lambda w: {"pk": _association_item(w).pk}, expect=head_edits()
    ),
    "plans:association_item_delete": Row(
        kwargs=lambda w: {"pk": _association_item(w).pk}, expect=head_edits()
    ),
    "plans:council_plan_start": Row(expect=deputy_only(school_page, other_school=200)),
    "plans:council_plan": Row(kwargs=lambda w: {"pk": _council_plan(w).pk}, expect=object_page()),
    "plans:council_item_create": Row(
        kwargs=lambda w: {"pk": _council_plan(w).pk}, expect=deputy_only(object_page)
    ),
    "plans:council_take": Row(
        kwargs=lambda w: {"pk": _council_plan(w).pk}, expect=deputy_only(object_page)
    ),
    "plans:council_plan_copy": Row(
        kwargs=lambda w: {"pk": _council_plan(w).pk}, expect=deputy_only(object_page)
    ),
    "plans:council_plan_pdf": Row(
        kwargs=lambda w: {"pk": _council_plan(w).pk}, expect=object_page()
    ),
    "plans:council_item_edit": Row(
        kwargs=lambda w: {"pk": _council_item(w).pk}, expect=deputy_only(object_page)
    ),
    "plans:council_item_status": Row(
        kwargs=lambda w: {"pk": _council_item(w).pk}, expect=deputy_only(object_page)
    ),
    "plans:council_item_delete": Row(
        kwargs=lambda w: {"pk": _council_item(w).pk}, expect=deputy_only(object_page)
    ),
    "plans:council_item_agenda": Row(
        kwargs=lambda w: {"pk": _council_item(w).pk}, expect=deputy_only(object_page)
    ),
}
