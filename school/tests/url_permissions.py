from tests.permission_table import ROLES, Row, deputy_only, object_page, school_page


def _lockout(world):
    """The teacher locked out after five wrong passwords (django-axes' record)."""
    from axes.models import AccessAttempt

    return AccessAttempt.objects.create(
        username=world.users["teacher"].username,
        ip_address="192.168.1.20",
        user_agent="test",
        failures_since_start=5,
        get_data="",
        post_data="",
    )


ROWS = {
    "school:year_list": Row(expect=school_page()),
    "school:year_create": Row(expect=deputy_only(school_page, other_school=200)),
    "school:year_edit": Row(kwargs=lambda w: {"pk": w.year.pk}, expect=deputy_only(object_page)),
    # Another school's deputy sees the page of their own school.
    "school:logins": Row(expect=school_page(403, deputy=200, director=200, other_school=200)),
    # A POST action: a GET is refused as such (who may lift which lockout: test_logins.py).
    "school:lockout_lift": Row(
        kwargs=lambda w: {"pk": _lockout(w).pk},
        expect={**dict.fromkeys(ROLES, 405), "anonymous": 302},
    ),
    "school:record_history": Row(
        kwargs=lambda w: {"label": "council.council", "pk": w.council.pk},
        expect=object_page(403, deputy=200, director=200),
    ),
}
