"""Expected statuses of every meetings URL for every role (the permission walk)."""

import datetime

from tests.permission_table import ROLES, Row, deputy_only, object_page, school_page


def _objects(w):
    """A held meeting with its protocol parts, and a planned one; built once per world."""
    if not hasattr(w, "_meetings"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from meetings import services
        from meetings.tests.factories import held_meeting, plan_meeting
        from school.selectors import today

        held = held_meeting(w.council, w.year.start_date + datetime.timedelta(days=20))
        item = services.agenda_item_add(meeting=held, title="Окуу планын талкуулоо")
        decision = services.decision_add(
            item=item,
            text="Ачык сабактардын графигин түзүү",
            responsible=[w.staff["mahead"]],
            due_date=held.date + datetime.timedelta(days=30),
        )
        guest = services.guest_add(meeting=held, name="Асанов Т.", position="Методист")
        from tests.files import PDF_BYTES

        upload = SimpleUploadedFile("план.pdf", PDF_BYTES, "application/pdf")
        attachment = services.attachment_add(meeting=held, upload=upload, user=w.users["deputy"])
        planned_day = min(today() + datetime.timedelta(days=7), w.year.end_date)
        planned = plan_meeting(w.council, planned_day)
        w._meetings = {
            "held": held,
            "item": item,
            "decision": decision,
            "guest": guest,
            "attachment": attachment,
            "planned": planned,
        }
    return w._meetings


def _pk(name):
    return lambda w: {"pk": _objects(w)[name].pk}


def protocol_writers(**overrides):
    """The secretary and the deputy write the protocol."""
    return object_page(403, deputy=200, secretary=200, **overrides)


# A POST action: a GET is refused as such, whoever asks (the anonymous go to log in first).
POST_ONLY = {**dict.fromkeys(ROLES, 405), "anonymous": 302}

ROWS = {
    "meetings:meeting_list": Row(expect=school_page()),
    "meetings:meeting_create": Row(expect=deputy_only(school_page, other_school=200)),
    "meetings:meeting_calendar": Row(expect=school_page()),
    "meetings:protocol_archive": Row(kwargs=lambda w: {"pk": w.year.pk}, expect=object_page()),
    "meetings:meeting_detail": Row(kwargs=_pk("held"), expect=object_page()),
    "meetings:meeting_edit": Row(kwargs=_pk("held"), expect=deputy_only()),
    "meetings:meeting_cancel": Row(kwargs=_pk("planned"), expect=deputy_only()),
    # In the test world the deputy is the chair: approval is theirs.
    "meetings:meeting_approve": Row(kwargs=_pk("held"), expect=deputy_only()),
    "meetings:attendance_edit": Row(kwargs=_pk("held"), expect=protocol_writers()),
    "meetings:guest_list": Row(kwargs=_pk("held"), expect=protocol_writers()),
    "meetings:agenda_item_create": Row(kwargs=_pk("held"), expect=deputy_only()),
    "meetings:attachment_create": Row(kwargs=_pk("held"), expect=protocol_writers()),
    "meetings:protocol_pdf": Row(kwargs=_pk("held"), expect=object_page()),
    "meetings:protocol_print": Row(kwargs=_pk("held"), expect=object_page()),
    "meetings:guest_remove": Row(kwargs=_pk("guest"), expect=protocol_writers()),
    "meetings:agenda_item_edit": Row(kwargs=_pk("item"), expect=deputy_only()),
    # Moving is a POST action: a GET is refused as such (who may move: test_views.py).
    "meetings:agenda_item_move": Row(kwargs=_pk("item"), expect=POST_ONLY),
    "meetings:agenda_item_delete": Row(kwargs=_pk("item"), expect=deputy_only()),
    "meetings:item_record": Row(kwargs=_pk("item"), expect=protocol_writers()),
    "meetings:decision_create": Row(kwargs=_pk("item"), expect=protocol_writers()),
    "meetings:decision_register": Row(expect=school_page()),
    "meetings:my_decisions": Row(expect=school_page()),
    "meetings:pedagogical_extract": Row(expect=school_page()),
    "meetings:decision_detail": Row(kwargs=_pk("decision"), expect=object_page()),
    # The deputy (the chair in the test world) and the responsible person (mahead).
    "meetings:decision_complete": Row(
        kwargs=_pk("decision"), expect=object_page(403, deputy=200, mahead=200)
    ),
    "meetings:decision_cancel": Row(kwargs=_pk("decision"), expect=deputy_only()),
    # Opening a closed decision again is a POST action (who may: test_views.py).
    "meetings:decision_reopen": Row(kwargs=_pk("decision"), expect=POST_ONLY),
    "meetings:decision_edit": Row(kwargs=_pk("decision"), expect=protocol_writers()),
    "meetings:decision_delete": Row(kwargs=_pk("decision"), expect=protocol_writers()),
    "meetings:attachment_download": Row(kwargs=_pk("attachment"), expect=object_page()),
    "meetings:attachment_delete": Row(kwargs=_pk("attachment"), expect=protocol_writers()),
}
