from tests.permission_table import Row, deputy_only, object_page, school_page


def _membership(world):
    return {"pk": world.council.memberships.get(staff=world.staff["mahead"]).pk}


ROWS = {
    "council:council_detail": Row(expect=school_page()),
    "council:council_create": Row(expect=deputy_only(school_page, other_school=200)),
    "council:council_officers": Row(
        kwargs=lambda w: {"pk": w.council.pk}, expect=deputy_only(object_page)
    ),
    "council:membership_add": Row(
        kwargs=lambda w: {"pk": w.council.pk}, expect=deputy_only(object_page)
    ),
    "council:council_confirm": Row(
        kwargs=lambda w: {"pk": w.council.pk}, expect=deputy_only(object_page)
    ),
    "council:council_pdf": Row(kwargs=lambda w: {"pk": w.council.pk}, expect=object_page()),
    "council:membership_end": Row(kwargs=_membership, expect=deputy_only(object_page)),
}
