"""Any input to the meeting and protocol forms (R5.3, R4.4): never a 5xx, nothing written or
changed (history and amendments included) when refused, exactly what was sent when accepted,
and another school's people, items and meetings never taken."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope
from hypothesis import strategies as st

from council.tests.factories import CouncilFactory
from meetings import services
from meetings.models import (
    AgendaItem,
    Amendment,
    Attachment,
    Attendance,
    Contribution,
    Decision,
    Guest,
    Meeting,
)
from meetings.tests.factories import held_meeting, plan_meeting
from tests.files import PDF_BYTES
from tests.fuzz import (
    DATES,
    NUMBERS,
    TEXT,
    fuzz_form,
    ids,
    sent_date,
    sent_id,
    uploads,
    with_history,
)

pytestmark = pytest.mark.django_db

PROTOCOL_MODELS = [
    *with_history(Meeting, AgendaItem, Contribution, Attendance, Guest, Decision),
    Amendment,
    Attachment,
    AgendaItem.speakers.through,
    Decision.responsible.through,
]


def _days(*days):
    return st.sampled_from([d.isoformat() for d in days] + [d.strftime("%d.%m.%Y") for d in days])


def _versions(meeting):
    return st.one_of(st.just(str(meeting.version)), NUMBERS)


def _people(world):
    return ids(
        [world.staff["mahead"].pk, world.staff["teacher"].pk, world.staff["secretary"].pk],
        [world.staff["other_school"].pk],
    )


@pytest.fixture
def meeting(world):
    return held_meeting(world.council, world.year.start_date + datetime.timedelta(days=10))


@pytest.fixture
def item(meeting):
    return services.agenda_item_add(meeting=meeting, title="Сабакка катышуунун жыйынтыгы")


@pytest.fixture
def foreign_item(world):
    with scope(school=world.other_school.pk):
        council = CouncilFactory(academic_year=world.other_year)
        other = plan_meeting(council, world.other_year.start_date + datetime.timedelta(days=5))
        return services.agenda_item_add(meeting=other, title="Башка мектептин маселеси")


def test_meeting_plan_survives_any_input(client, world):
    client.force_login(world.users["deputy"])
    in_year = world.year.start_date + datetime.timedelta(days=60)

    def check_saved(data):
        meeting = Meeting.objects.latest("pk")
        assert meeting.council_id == world.council.pk
        assert meeting.date == sent_date(data["date"])
        assert world.year.contains(meeting.date)
        assert meeting.time.strftime("%H:%M") == data["time"][:5]
        assert meeting.place == data["place"].strip()
        assert meeting.kind == data["kind"]
        assert meeting.chair_id == int(data["chair"] or world.council.chair_id)
        assert meeting.chair.school_id == world.school.pk

    fuzz_form(
        client,
        "/meetings/new/",
        fields={
            "date": st.one_of(DATES, _days(world.year.start_date, in_year, world.year.end_date)),
            "time": st.sampled_from(["14:30", "09:00", "", "25:00", "14:60", "түштө", "9"]),
            "place": st.one_of(TEXT, st.just("Мугалимдер бөлмөсү")),
            "kind": st.sampled_from(["regular", "extraordinary", "", "secret"]),
            "chair": st.one_of(st.just(""), _people(world)),
            "secretary": st.one_of(st.just(""), _people(world)),
        },
        models=PROTOCOL_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "date": in_year.isoformat(),
                "time": "14:30",
                "place": "Китепкана",
                "kind": "extraordinary",
                "chair": "",
                "secretary": str(world.staff["mahead"].pk),
            }
        ],
        max_examples=35,
    )


def test_amending_an_approved_meeting_survives_any_input(client, world, item):
    meeting = services.meeting_approve(
        meeting=item.meeting, user=world.users["deputy"], confirm_empty_items=True
    )
    client.force_login(world.users["deputy"])

    def check_saved(data):
        meeting.refresh_from_db()
        assert meeting.place == data["place"].strip()
        assert meeting.date == sent_date(data["date"])
        amendment = meeting.amendments.get()  # an approved protocol changes only with a reason
        assert amendment.reason == data["amendment_reason"].strip()

    fuzz_form(
        client,
        f"/meetings/{meeting.pk}/edit/",
        fields={
            "date": st.one_of(DATES, _days(meeting.date)),
            "place": st.one_of(TEXT, st.just("Акт залы")),
            "version": _versions(meeting),
            "amendment_reason": st.one_of(TEXT, st.just("Жыйындын орду туура эмес жазылган")),
        },
        fixed={"time": "14:00", "kind": "regular", "chair": "", "secretary": ""},
        models=PROTOCOL_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "date": meeting.date.isoformat(),
                "place": "Акт залы",
                "version": str(meeting.version),
                "amendment_reason": "Жыйындын орду туура эмес жазылган",
            }
        ],
        max_examples=35,
    )


def test_agenda_item_survives_any_input(client, world, meeting):
    client.force_login(world.users["deputy"])

    def check_saved(data):
        item = AgendaItem.objects.latest("pk")
        assert item.meeting_id == meeting.pk
        assert item.title == data["title"].strip()
        assert item.guest_speakers == data["guest_speakers"].strip()
        assert [s.pk for s in item.speakers.all()] == [sent_id(data["speakers"])]
        assert item.planned_minutes == sent_id(data["planned_minutes"])

    fuzz_form(
        client,
        f"/meetings/{meeting.pk}/agenda/new/",
        fields={
            "title": st.one_of(TEXT, st.just("Жаш адистердин сабактары")),
            "speakers": _people(world),
            "guest_speakers": TEXT,
            "planned_minutes": st.one_of(NUMBERS, st.sampled_from(["15", "600", "601"])),
            "version": _versions(meeting),
        },
        models=PROTOCOL_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "title": "Жаш адистердин сабактары",
                "speakers": str(world.staff["teacher"].pk),
                "guest_speakers": "Асанов Т., райондук методист",
                "planned_minutes": "15",
                "version": str(meeting.version),
            }
        ],
        max_examples=35,
    )


def test_attendance_survives_any_input(client, world, meeting):
    client.force_login(world.users["secretary"])
    members = [world.staff[r] for r in ("deputy", "secretary", "mahead")]
    fields = {"version": _versions(meeting)}
    for person in members:
        fields[f"member_{person.pk}"] = st.sampled_from(["present", "absent", "", "maybe"])
        fields[f"reason_{person.pk}"] = st.one_of(TEXT, st.just("Ооруп калды"))
    fields[f"member_{world.staff['other_school'].pk}"] = st.sampled_from(["present", "absent"])

    def check_saved(data):
        for person in members:
            mark = Attendance.objects.get(meeting=meeting, staff=person)
            assert mark.present == (data[f"member_{person.pk}"] == "present")
            if not mark.present:
                assert mark.absence_reason == data[f"reason_{person.pk}"].strip()
        other = world.staff["other_school"]
        assert not Attendance.objects.filter(meeting=meeting, staff=other).exists()

    fuzz_form(
        client,
        f"/meetings/{meeting.pk}/attendance/",
        fields=fields,
        models=PROTOCOL_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "version": str(meeting.version),
                **{f"member_{p.pk}": "present" for p in members},
                f"member_{world.staff['mahead'].pk}": "absent",
                f"reason_{world.staff['mahead'].pk}": "Курста",
            }
        ],
        max_examples=35,
    )


def test_heard_and_spoke_survive_any_input(client, world, item):
    client.force_login(world.users["secretary"])
    meeting = item.meeting

    def check_saved(data):
        item.refresh_from_db()
        assert item.heard_summary == data["heard_summary"].strip()
        assert item.heard_guest == data["heard_guest"].strip()
        assert item.heard_speaker_id == sent_id(data["heard_speaker"])
        spoke = list(item.contributions.all())
        assert [c.summary for c in spoke] == [data["spoke-0-summary"].strip()] * bool(spoke)
        assert all(c.speaker is None or c.speaker.school_id == world.school.pk for c in spoke)

    fuzz_form(
        client,
        f"/meetings/agenda/{item.pk}/record/",
        fields={
            "heard_speaker": st.one_of(st.just(""), _people(world)),
            "heard_guest": TEXT,
            "heard_summary": st.one_of(TEXT, st.just("Окуучулардын жетишкендиги 78%.")),
            "spoke-TOTAL_FORMS": st.sampled_from(["1", "1", "0", "3", "abc", "", "-1"]),
            "spoke-0-speaker": st.one_of(st.just(""), _people(world)),
            "spoke-0-guest": TEXT,
            "spoke-0-summary": st.one_of(TEXT, st.just("Сунуш колдоого алынды.")),
            "version": _versions(meeting),
        },
        fixed={"spoke-INITIAL_FORMS": "0", "spoke-MIN_NUM_FORMS": "0"},
        models=PROTOCOL_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "heard_speaker": str(world.staff["mahead"].pk),
                "heard_guest": "",
                "heard_summary": "Окуучулардын жетишкендиги 78%.",
                "spoke-TOTAL_FORMS": "1",
                "spoke-0-speaker": str(world.staff["teacher"].pk),
                "spoke-0-guest": "",
                "spoke-0-summary": "Сунуш колдоого алынды.",
                "version": str(meeting.version),
            }
        ],
        max_examples=40,
    )


def test_decision_survives_any_input(client, world, item):
    client.force_login(world.users["secretary"])
    meeting = item.meeting
    due = meeting.date + datetime.timedelta(days=30)

    def check_saved(data):
        decision = Decision.objects.latest("pk")
        assert decision.agenda_item_id == item.pk
        assert decision.text == data["text"].strip()
        assert decision.due_date == sent_date(data["due_date"])
        assert decision.due_date >= meeting.date
        assert [p.pk for p in decision.responsible.all()] == [sent_id(data["responsible"])]
        for name in ("votes_for", "votes_against", "votes_abstained"):
            assert getattr(decision, name) == sent_id(data[name])

    votes = st.one_of(st.sampled_from(["", "0", "7", "32767", "32768"]), NUMBERS)
    fuzz_form(
        client,
        f"/meetings/agenda/{item.pk}/decisions/new/",
        fields={
            "text": st.one_of(TEXT, st.just("Ачык сабактардын графигин түзүү")),
            "responsible": _people(world),
            "due_date": st.one_of(DATES, _days(meeting.date, due, world.year.end_date)),
            "votes_for": votes,
            "votes_against": votes,
            "votes_abstained": votes,
            "version": _versions(meeting),
        },
        models=PROTOCOL_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "text": "Ачык сабактардын графигин түзүү",
                "responsible": str(world.staff["mahead"].pk),
                "due_date": due.isoformat(),
                "votes_for": "2",
                "votes_against": "0",
                "votes_abstained": "1",
                "version": str(meeting.version),
            }
        ],
        max_examples=40,
    )


def _decision(world, item):
    return services.decision_add(
        item=item,
        text="Ачык сабактардын графигин түзүү",
        responsible=[world.staff["mahead"]],
        due_date=item.meeting.date + datetime.timedelta(days=30),
    )


def test_marking_a_decision_done_survives_any_input(client, world, item):
    decision = _decision(world, item)
    client.force_login(world.users["deputy"])

    def check_saved(data):  # R4.4: the execution is recorded
        decision.refresh_from_db()
        assert decision.status == Decision.Status.DONE
        assert decision.done_on == sent_date(data["done_on"])
        assert decision.execution_note == data["note"].strip()

    fuzz_form(
        client,
        f"/meetings/decisions/{decision.pk}/done/",
        fields={
            "done_on": st.one_of(DATES, _days(item.meeting.date, item.meeting.date)),
            "note": st.one_of(TEXT, st.just("График илинди.")),
        },
        models=PROTOCOL_MODELS,
        check_saved=check_saved,
        valid=[{"done_on": item.meeting.date.isoformat(), "note": "График илинди."}],
        max_examples=20,
    )


def test_cancelling_a_decision_survives_any_input(client, world, item):
    decision = _decision(world, item)
    client.force_login(world.users["deputy"])

    def check_saved(data):
        decision.refresh_from_db()
        assert decision.status == Decision.Status.CANCELLED
        assert decision.cancel_reason == data["reason"].strip()

    fuzz_form(
        client,
        f"/meetings/decisions/{decision.pk}/cancel/",
        fields={"reason": st.one_of(TEXT, st.just("Кайталанган чечим."))},
        models=PROTOCOL_MODELS,
        check_saved=check_saved,
        valid=[{"reason": "Кайталанган чечим."}],
        max_examples=20,
    )


def test_guest_survives_any_input(client, world, meeting):
    client.force_login(world.users["secretary"])

    def check_saved(data):
        guest = Guest.objects.latest("pk")
        assert guest.meeting_id == meeting.pk
        assert guest.name == data["name"].strip()
        assert guest.position == data["position"].strip()

    fuzz_form(
        client,
        f"/meetings/{meeting.pk}/guests/",
        fields={
            "name": st.one_of(TEXT, st.just("Асанов Т.")),
            "position": st.one_of(TEXT, st.just("Райондук методист")),
            "version": _versions(meeting),
        },
        models=PROTOCOL_MODELS,
        check_saved=check_saved,
        valid=[{"name": "Асанов Т.", "position": "Методист", "version": str(meeting.version)}],
        max_examples=30,
    )


def test_attachment_upload_survives_any_file(client, world, item, foreign_item):
    client.force_login(world.users["secretary"])
    meeting = item.meeting
    pdf = PDF_BYTES

    def check_saved(data):
        attachment = Attachment.objects.latest("pk")
        assert attachment.meeting_id == meeting.pk
        assert attachment.agenda_item_id == sent_id(data["agenda_item"])
        data["file"].seek(0)
        sent = data["file"].read()
        with attachment.file.open("rb") as stored:
            assert stored.read() == sent
        assert attachment.size == len(sent)
        assert "/" not in attachment.original_name and ".." not in attachment.file.name

    fuzz_form(
        client,
        f"/meetings/{meeting.pk}/attachments/new/",
        fields={
            "file": uploads(),
            "agenda_item": st.one_of(st.just(""), ids([item.pk], [foreign_item.pk])),
            "version": _versions(meeting),
        },
        models=PROTOCOL_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "file": SimpleUploadedFile("протокол.pdf", pdf, content_type="application/pdf"),
                "agenda_item": str(item.pk),
                "version": str(meeting.version),
            }
        ],
        max_examples=35,
    )


YEARS_ASKED = [{"year": "²"}, {"year": "٣"}, {"year": "9" * 40}, {"year": "-1"}]


def test_meeting_lists_survive_any_year(client, world):
    client.force_login(world.users["deputy"])
    year = st.one_of(ids([world.year.pk], [world.other_year.pk]), NUMBERS)
    for url in ("/meetings/", "/meetings/new/"):
        fuzz_form(
            client,
            url,
            method="get",
            fields={"year": year},
            models=PROTOCOL_MODELS,
            valid=[{"year": str(world.year.pk)}],
            examples=YEARS_ASKED,
            max_examples=15,
        )


def test_decision_register_filters_survive_any_input(client, world, item):
    client.force_login(world.users["deputy"])
    fuzz_form(
        client,
        "/meetings/decisions/",
        method="get",
        fields={
            "status": st.sampled_from(["", "open", "done", "overdue", "lost"]),
            "responsible": st.one_of(st.just(""), _people(world)),
            "due_from": st.one_of(st.just(""), DATES),
            "due_to": st.one_of(st.just(""), DATES),
            "meeting": st.one_of(st.just(""), ids([item.meeting_id], [])),
        },
        models=PROTOCOL_MODELS,
        valid=[{"status": "overdue", "due_from": "2020-01-01", "due_to": "2030-01-01"}],
        max_examples=30,
    )


def test_moving_an_agenda_item_survives_any_input(client, world, item):
    services.agenda_item_add(meeting=item.meeting, title="Экинчи маселе")
    meeting = item.meeting
    meeting.refresh_from_db()
    client.force_login(world.users["deputy"])

    def check_saved(data):
        # The view always goes back to the agenda; a refused move changes nothing.
        positions = sorted(meeting.agenda_items.values_list("position", flat=True))
        assert positions == [1, 2]

    fuzz_form(
        client,
        f"/meetings/agenda/{item.pk}/move/",
        fields={
            "version": st.one_of(_versions(meeting), st.sampled_from(["²", "٣"])),
            "direction": st.sampled_from(["up", "down", "", "sideways"]),
        },
        models=PROTOCOL_MODELS,
        check_saved=check_saved,
        examples=[{"version": "²", "direction": "down"}],
        max_examples=20,
    )
