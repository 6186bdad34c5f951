import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from meetings import services
from meetings.models import AgendaItem, Decision, Meeting
from meetings.tests.factories import day, held_meeting, plan_meeting
from members.tests.factories import StaffFactory
from tests.files import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(world):
    meeting = held_meeting(world.council, day(world, 10))
    return services.agenda_item_add(meeting=meeting, title="Сабакка катышуунун жыйынтыгы")


def test_the_deputy_plans_a_meeting_with_the_next_number(world, client):
    client_for(client, world.users["deputy"])
    response = client.post(
        reverse("meetings:meeting_create"),
        {
            "date": day(world, 15).isoformat(),
            "time": "14:30",
            "place": "Китепкана",
            "kind": "regular",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and meeting.number == 1
    assert meeting.chair == world.staff["deputy"]
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Китепкана" in page


def test_a_bad_date_is_shown_next_to_the_field_and_input_kept(world, client):
    client_for(client, world.users["deputy"])
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("meetings:meeting_create"),
        {"date": "2001-01-01", "time": "14:30", "place": "Китепкана", "kind": "regular"},
    )
    assert response.status_code == 200
    assert "within the academic year" in response.content.decode()
    assert 'value="Китепкана"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_decision_with_a_due_date_before_the_meeting_keeps_the_text(world, client, item):
    client_for(client, world.users["secretary"])
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("meetings:decision_create", args=[item.pk]),
        {
            "text": "Ачык сабактардын графигин түзүү",
            "responsible": [world.staff["mahead"].pk],
            "due_date": day(world, 5).isoformat(),
            "version": item.meeting.version + 0,
        },
    )
    item.meeting.refresh_from_db()
    body = response.content.decode()
    assert response.status_code == 200
    assert "cannot be before the meeting" in body
    assert "Ачык сабактардын графигин түзүү" in body
    assert not Decision.objects.exists()


def test_a_responsible_person_of_another_school_cannot_be_chosen(world, client, item):
    client_for(client, world.users["secretary"])
    item.meeting.refresh_from_db()
    response = client.post(
        reverse("meetings:decision_create", args=[item.pk]),
        {
            "text": "Т",
            "responsible": [world.staff["other_school"].pk],
            "due_date": day(world, 20).isoformat(),
            "version": item.meeting.version,
        },
    )
    assert response.status_code == 200 and not Decision.objects.exists()
    assert response.context["form"].errors["responsible"]


def test_votes_above_attendance_are_refused_in_the_form(world, client, item):
    client_for(client, world.users["secretary"])
    client.cookies["django_language"] = "en"
    item.meeting.refresh_from_db()
    response = client.post(
        reverse("meetings:decision_create", args=[item.pk]),
        {
            "text": "Т",
            "responsible": [world.staff["mahead"].pk],
            "due_date": day(world, 20).isoformat(),
            "votes_for": 3,
            "votes_against": 1,
            "votes_abstained": 0,
            "version": item.meeting.version,
        },
    )
    assert "only 3 members were present" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_stale_form_is_refused_with_a_message_and_the_typed_text_kept(world, client, item):
    client_for(client, world.users["secretary"])
    client.cookies["django_language"] = "en"
    item.meeting.refresh_from_db()
    opened = item.meeting.version
    # The deputy saves first, from the same version.
    services.item_record(
        item=item,
        heard_speaker=world.staff["mahead"],
        heard_guest="",
        heard_summary="Орун басардын тексти",
        contributions=[],
        version=opened,
    )
    response = client.post(
        reverse("meetings:item_record", args=[item.pk]),
        {
            "heard_speaker": world.staff["mahead"].pk,
            "heard_summary": "Катчынын тексти",
            "version": opened,
            "spoke-TOTAL_FORMS": 0,
            "spoke-INITIAL_FORMS": 0,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this protocol" in body
    assert "Катчынын тексти" in body
    item.refresh_from_db()
    assert item.heard_summary == "Орун басардын тексти"


def test_heard_and_spoke_are_saved(world, client, item):
    client_for(client, world.users["secretary"])
    item.meeting.refresh_from_db()
    response = client.post(
        reverse("meetings:item_record", args=[item.pk]),
        {
            "heard_speaker": world.staff["mahead"].pk,
            "heard_summary": "38 сабакка катышылды.",
            "version": item.meeting.version,
            "spoke-TOTAL_FORMS": 2,
            "spoke-INITIAL_FORMS": 0,
            "spoke-0-speaker": world.staff["deputy"].pk,
            "spoke-0-summary": "Графикти бекитүүнү сунуштады.",
            "spoke-1-guest": "Асанов Т., методист",
            "spoke-1-summary": "Колдоду.",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("meetings:meeting_detail", args=[item.meeting.pk])).content.decode()
    assert "38 сабакка катышылды." in page
    assert "Асанов Т., методист: Колдоду." in page


def test_attendance_shows_the_quorum_and_absence_needs_a_reason(world, client):
    meeting = plan_meeting(world.council, day(world, 10))
    client_for(client, world.users["secretary"])
    client.cookies["django_language"] = "en"
    url = reverse("meetings:attendance_edit", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "Present: 0 of 3 members; a quorum needs 2." in page
    data = {"version": meeting.version}
    for key in ("deputy", "secretary"):
        data[f"member_{world.staff[key].pk}"] = "present"
    data[f"member_{world.staff['mahead'].pk}"] = "absent"
    response = client.post(url, data)
    assert "Give the reason for the absence." in response.content.decode()
    data[f"reason_{world.staff['mahead'].pk}"] = "ооруп калды"
    assert client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Present: 2 of 3 members; a quorum needs 2." in page and "ооруп калды" in page


def test_approval_without_quorum_needs_the_checkbox(world, client):
    absent = {world.staff["mahead"].pk: "ооруп", world.staff["secretary"].pk: "курста"}
    meeting = held_meeting(world.council, day(world, 10), absent=absent)
    client_for(client, world.users["deputy"])
    client.cookies["django_language"] = "en"
    url = reverse("meetings:meeting_approve", args=[meeting.pk])
    response = client.post(url, {"version": meeting.version})
    assert "There is no quorum: 1 of 3 members were present" in response.content.decode()
    meeting.refresh_from_db()
    assert not meeting.is_approved
    client.post(url, {"version": meeting.version, "confirm_without_quorum": "on"})
    meeting.refresh_from_db()
    assert meeting.is_approved and meeting.quorum_confirmed


def test_an_approved_protocol_refuses_edits_by_the_secretary(world, client, item):
    services.meeting_approve(
        meeting=item.meeting, user=world.users["deputy"], confirm_empty_items=True
    )
    client_for(client, world.users["secretary"])
    assert client.get(reverse("meetings:decision_create", args=[item.pk])).status_code == 403
    assert (
        client.get(reverse("meetings:attendance_edit", args=[item.meeting.pk])).status_code == 403
    )


def test_the_chair_amends_an_approved_protocol_with_a_reason(world, client, item):
    meeting = services.meeting_approve(
        meeting=item.meeting, user=world.users["deputy"], confirm_empty_items=True
    )
    client_for(client, world.users["deputy"])
    client.cookies["django_language"] = "en"
    url = reverse("meetings:guest_list", args=[meeting.pk])
    response = client.post(
        url, {"name": "Асанов Т.", "position": "Методист", "version": meeting.version}
    )
    assert (
        "needs a reason" in response.content.decode()
        or "This field is required" in response.content.decode()
    )
    assert not meeting.guests.exists()
    response = client.post(
        url,
        {
            "name": "Асанов Т.",
            "position": "Методист",
            "version": meeting.version,
            "amendment_reason": "Конок протоколго киргизилбей калган",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Amendments after approval" in page
    assert "Конок протоколго киргизилбей калган" in page


def test_the_deputy_reorders_and_removes_the_review_item(world, client):
    held_meeting(world.council, day(world, 5))
    meeting = plan_meeting(world.council, day(world, 10))
    services.agenda_item_add(meeting=meeting, title="Экинчи маселе")
    meeting.refresh_from_db()
    review = meeting.agenda_items.get(kind="review")
    client_for(client, world.users["deputy"])
    client.post(
        reverse("meetings:agenda_item_move", args=[review.pk]),
        {"direction": "down", "version": meeting.version},
    )
    assert list(meeting.agenda_items.order_by("position").values_list("kind", flat=True)) == [
        "regular",
        "review",
    ]
    meeting.refresh_from_db()
    client.post(
        reverse("meetings:agenda_item_delete", args=[review.pk]), {"version": meeting.version}
    )
    assert not AgendaItem.objects.filter(pk=review.pk).exists()


def test_the_teacher_cannot_move_agenda_items(world, client, item):
    client_for(client, world.users["teacher"])
    response = client.post(
        reverse("meetings:agenda_item_move", args=[item.pk]), {"direction": "up"}
    )
    assert response.status_code == 403


def test_moving_an_agenda_item_is_a_post(world, client, item):
    client_for(client, world.users["deputy"])
    response = client.get(reverse("meetings:agenda_item_move", args=[item.pk]))
    assert response.status_code == 405


def test_an_oversize_attachment_is_refused_next_to_the_field(world, client, item, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    client_for(client, world.users["secretary"])
    client.cookies["django_language"] = "en"
    item.meeting.refresh_from_db()
    upload = SimpleUploadedFile("доклад.pdf", b"%PDF-1.4" + b"0" * (1024 * 1024 + 600 * 1024))
    response = client.post(
        reverse("meetings:attachment_create", args=[item.meeting.pk]),
        {"file": upload, "version": item.meeting.version},
    )
    assert "The file is 1.6\xa0MB; at most 1.0\xa0MB is accepted." in response.content.decode()
    assert not item.meeting.attachments.exists()


def test_attachments_are_served_through_the_view_only_to_the_school(world, client, item):
    upload = SimpleUploadedFile("доклад.pdf", PDF_BYTES)
    attachment = services.attachment_add(
        meeting=item.meeting, upload=upload, user=world.users["deputy"]
    )
    url = reverse("meetings:attachment_download", args=[attachment.pk])
    client_for(client, world.users["teacher"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "attachment" in response["Content-Disposition"]
    client.logout()
    client_for(client, world.users["other_school"])
    assert client.get(url).status_code == 404


def test_the_deputy_is_warned_when_the_current_quarter_has_no_meeting(world, school_day, client):
    client_for(client, world.users["deputy"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("meetings:meeting_list")).content.decode()
    assert "No meeting is planned in the current quarter" in page
    client.logout()
    client_for(client, world.users["teacher"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("meetings:meeting_list")).content.decode()
    assert "No meeting is planned in the current quarter" not in page


def test_an_ended_quarter_without_a_held_meeting_is_flagged_on_the_page(world, client):
    from school.selectors import today

    client_for(client, world.users["teacher"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("meetings:meeting_list")).content.decode()
    ended = world.year.quarters.filter(end_date__lt=today()).count()
    assert page.count("No meeting was held in this quarter") == ended


def test_calendar_lists_planned_meetings(world, client):
    from school.selectors import today

    planned_day = min(today() + datetime.timedelta(days=5), world.year.end_date)
    meeting = plan_meeting(world.council, planned_day)
    services.agenda_item_add(
        meeting=meeting, title="Олимпиада, жыйынтыктар; талдоо", planned_minutes=30
    )
    client_for(client, world.users["teacher"])
    response = client.get(reverse("meetings:meeting_calendar"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert f"UID:meeting-{meeting.pk}@" in body
    assert "Олимпиада\\, жыйынтыктар\\; талдоо" in body.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_decision_register_filters_and_my_decisions(world, client, item):
    mine = services.decision_add(
        item=item, text="Мугалимге", responsible=[world.staff["teacher"]], due_date=day(world, 11)
    )
    other = services.decision_add(
        item=item, text="Башкага", responsible=[world.staff["mahead"]], due_date=day(world, 300)
    )
    services.decision_complete(decision=other, done_on=day(world, 12), note="Бүттү", user=None)
    client_for(client, world.users["teacher"])
    response = client.get(reverse("meetings:my_decisions"))
    assert list(response.context["decisions"]) == [mine]
    register = reverse("meetings:decision_register")
    assert list(client.get(register + "?status=done").context["decisions"]) == [other]
    assert list(client.get(register + "?status=overdue").context["decisions"]) == [mine]
    assert list(
        client.get(register + f"?responsible={world.staff['mahead'].pk}").context["decisions"]
    ) == [other]
    due = f"?due_from={day(world, 10).isoformat()}&due_to={day(world, 20).isoformat()}"
    assert list(client.get(register + due).context["decisions"]) == [mine]


def test_the_register_query_count_does_not_grow_with_rows(
    world, client, item, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client_for(client, world.users["director"])
    url = reverse("meetings:decision_register")

    def add(n):
        for i in range(n):
            services.decision_add(
                item=item,
                text=f"Токтом {i}",
                responsible=[world.staff["mahead"], StaffFactory(school=world.school)],
                due_date=day(world, 20 + i),
            )

    add(5)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(45)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["decisions"]) == 50
    assert len(many) == len(few)
    # Beyond a page the rows go on to the next one; the queries stay the same.
    add(25)
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)
    assert len(more) == len(few) <= 15
    assert len(response.context["decisions"]) == 50
    assert response.context["page"].paginator.count == 75
    second = client.get(url, {"page": 2}).context["decisions"]
    assert len(second) == 25
    assert {d.pk for d in response.context["decisions"]} | {d.pk for d in second} == set(
        Decision.objects.values_list("pk", flat=True)
    )


def test_the_responsible_person_marks_a_decision_done(world, client, item):
    decision = services.decision_add(
        item=item, text="Т", responsible=[world.staff["teacher"]], due_date=day(world, 20)
    )
    client_for(client, world.users["teacher"])
    detail = client.get(reverse("meetings:decision_detail", args=[decision.pk]))
    assert detail.context["complete_form"] is not None and detail.context["cancel_form"] is None
    response = client.post(
        reverse("meetings:decision_cancel", args=[decision.pk]), {"reason": "керексиз"}
    )
    assert response.status_code == 403  # cancelling is for the deputy and the chair
    url = reverse("meetings:decision_complete", args=[decision.pk])
    response = client.post(url, {"done_on": "", "note": "Аткарылды"})
    assert response.status_code == 200 and response.context["form"].errors["done_on"]
    response = client.post(url, {"done_on": day(world, 15).isoformat(), "note": "Аткарылды"})
    assert response.status_code == 302
    assert response.url == reverse("meetings:decision_detail", args=[decision.pk])
    decision.refresh_from_db()
    assert decision.status == "done" and decision.execution_note == "Аткарылды"


def test_the_deputy_cancels_a_decision_and_opens_it_again(world, client, item):
    decision = services.decision_add(
        item=item, text="Т", responsible=[world.staff["teacher"]], due_date=day(world, 20)
    )
    client_for(client, world.users["deputy"])
    response = client.post(
        reverse("meetings:decision_cancel", args=[decision.pk]), {"reason": "керексиз"}
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == "cancelled" and decision.cancel_reason == "керексиз"
    reopen = reverse("meetings:decision_reopen", args=[decision.pk])
    assert client.get(reopen).status_code == 405  # an action: only a POST does it
    client_for(client, world.users["teacher"])
    assert client.post(reopen).status_code == 403  # opening again is the deputy's
    client_for(client, world.users["deputy"])
    assert client.post(reopen).status_code == 302
    decision.refresh_from_db()
    assert decision.status == "open" and decision.cancel_reason == ""


def _earlier_year_item(world):
    """An agenda item of a held meeting of the previous academic year, with its own council."""
    from council.tests.factories import CouncilFactory, add_member
    from school.tests.factories import make_year

    year = make_year(world.school, world.year.start_date.year - 1)
    council = CouncilFactory(
        academic_year=year, chair=world.staff["deputy"], secretary=world.staff["secretary"]
    )
    for role in ("deputy", "secretary", "mahead"):
        add_member(council, world.staff[role], ["administration"])
    meeting = held_meeting(council, year.start_date + datetime.timedelta(days=10))
    return year, services.agenda_item_add(meeting=meeting, title="Былтыркы маселе")


def test_the_register_shows_the_current_year_unless_another_is_chosen(
    world, school_day, client, item
):
    """R4.4: the register opens on this year's decisions; earlier years stay a click away."""
    earlier_year, earlier_item = _earlier_year_item(world)
    old = services.decision_add(
        item=earlier_item,
        text="Былтыркы токтом",
        responsible=[world.staff["mahead"]],
        due_date=earlier_year.start_date + datetime.timedelta(days=40),
    )
    new = services.decision_add(
        item=item,
        text="Быйылкы токтом",
        responsible=[world.staff["mahead"]],
        due_date=day(world, 270),
    )
    client_for(client, world.users["teacher"])
    url = reverse("meetings:decision_register")
    response = client.get(url)
    page = response.content.decode()
    assert list(response.context["decisions"]) == [new]
    assert f'<option value="{world.year.pk}" selected>' in page
    # The meeting filter offers the chosen year's meetings only.
    meetings = list(response.context["form"].fields["meeting"].queryset)
    assert meetings == [item.meeting]
    response = client.get(url, {"year": earlier_year.pk})
    assert list(response.context["decisions"]) == [old]
    # "All years": both, the earliest due first; the other filters still apply.
    response = client.get(url, {"year": ""})
    assert list(response.context["decisions"]) == [old, new]
    response = client.get(url, {"year": "", "status": "overdue"})
    assert list(response.context["decisions"]) == [old]
    # A wrong date is shown next to its field; the chosen year still applies.
    client.cookies["django_language"] = "en"
    response = client.get(url, {"year": earlier_year.pk, "due_from": "2026-02-31"})
    assert response.context["form"].errors["due_from"]
    assert list(response.context["decisions"]) == [old]


def test_the_register_pages_keep_the_filters(world, client, item):
    for i in range(55):
        services.decision_add(
            item=item,
            text=f"Токтом {i}",
            responsible=[world.staff["mahead"]],
            due_date=day(world, 20 + i),
        )
    client_for(client, world.users["deputy"])
    url = reverse("meetings:decision_register")
    query = {"year": world.year.pk, "responsible": world.staff["mahead"].pk, "status": "open"}
    response = client.get(url, query)
    page = response.content.decode()
    assert response.context["page"].paginator.count == 55
    assert len(response.context["decisions"]) == 50
    link = (
        f'href="?year={world.year.pk}&amp;responsible={world.staff["mahead"].pk}'
        '&amp;status=open&amp;page=2"'
    )
    assert link in page
    assert 'aria-current="page"' in page
    response = client.get(url, {**query, "page": 2})
    assert [d.text for d in response.context["decisions"]] == [f"Токтом {i}" for i in range(50, 55)]
    # The count shown is the total, not the rows of the page.
    assert "55" in response.content.decode()
    # My decisions go a page at a time too.
    client.logout()
    client_for(client, world.users["mahead"])
    response = client.get(reverse("meetings:my_decisions"))
    assert len(response.context["decisions"]) == 50
    assert response.context["page"].paginator.count == 55


def _protocol_people(world):
    return [world.staff["mahead"], world.staff["secretary"], world.staff["deputy"]]


def _grow_protocol(world, meeting, n, start):
    """n more agenda items, each with speakers, heard and spoke, a decision, a guest and a file."""
    people = _protocol_people(world)
    for i in range(start, start + n):
        extra = services.agenda_item_add(
            meeting=meeting, title=f"Маселе {i}", speakers=people[: 1 + i % 3]
        )
        services.item_record(
            item=extra,
            heard_speaker=people[i % 3],
            heard_guest="",
            heard_summary=f"Угулду {i}",
            contributions=[(p, "", f"Сүйлөдү {i}") for p in people],
        )
        services.decision_add(
            item=extra,
            text=f"Токтом {i}",
            responsible=people[: 1 + i % 3],
            due_date=day(world, 30 + i),
        )
        services.guest_add(meeting=meeting, name=f"Конок {i}", position="Методист")
        services.attachment_add(
            meeting=meeting,
            upload=SimpleUploadedFile(f"доклад-{i}.pdf", PDF_BYTES),
            agenda_item=extra if i % 2 else None,
            user=world.users["deputy"],
        )


def test_the_protocol_page_query_count_does_not_grow(world, client, item):
    """Items, speakers, contributions, decisions with their responsible people, guests and
    files: a fixed number of queries."""
    url = reverse("meetings:meeting_detail", args=[item.meeting.pk])
    client_for(client, world.users["deputy"])
    _grow_protocol(world, item.meeting, 1, 0)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _grow_protocol(world, item.meeting, 6, 1)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few) <= 15
    page = response.content.decode()
    assert "Сүйлөдү 6" in page and "Токтом 6" in page and "доклад-5.pdf" in page
    assert "Конок 6" in page and page.count("Сүйлөдү 3") == 3


def test_the_reviewing_meeting_shows_earlier_decisions_in_few_queries(world, client, item):
    """An earlier meeting's open decisions come under review at the next one (R4.4), with
    their responsible people, within the same bound."""
    people = _protocol_people(world)
    earlier = held_meeting(world.council, day(world, 11))
    earlier_item = services.agenda_item_add(meeting=earlier, title="Мурунку маселе")
    for i in range(4):
        services.decision_add(
            item=earlier_item, text=f"Мурунку {i}", responsible=people, due_date=day(world, 12)
        )
    reviewing = held_meeting(world.council, day(world, 14))
    review = reviewing.agenda_items.get(kind="review")
    assert review.reviewed_decisions.count() == 4
    client_for(client, world.users["deputy"])
    with CaptureQueriesContext(connection) as reviewed:
        page = client.get(reverse("meetings:meeting_detail", args=[reviewing.pk])).content
    assert len(reviewed) <= 15
    shown = page.decode()
    names = ", ".join(p.short_name for p in sorted(people, key=lambda p: p.last_name))
    assert all(f"Мурунку {i} — {names}" in shown for i in range(4))


def test_an_amended_protocol_page_lists_its_amendments_in_few_queries(world, client, item):
    """Approved and amended: the amendments are listed, still within the same bound."""
    meeting = item.meeting
    url = reverse("meetings:meeting_detail", args=[meeting.pk])
    _grow_protocol(world, meeting, 1, 0)
    services.meeting_approve(meeting=meeting, user=world.users["deputy"], confirm_empty_items=True)
    meeting.refresh_from_db()
    services.guest_add(
        meeting=meeting,
        name="Кечиккен конок",
        position="Ата-эне",
        amendment_reason="Унутулган",
        user=world.users["deputy"],
    )
    client_for(client, world.users["deputy"])
    with CaptureQueriesContext(connection) as approved:
        page = client.get(url).content.decode()
    assert len(approved) <= 15
    assert "Унутулган" in page and "Кечиккен конок" in page
