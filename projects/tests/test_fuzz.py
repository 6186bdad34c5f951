"""Any input to the events, groups, projects, stages and agenda forms: never a 5xx, nothing
written or changed when refused, exactly what was sent when accepted, another school's
people, plan items, groups and meetings never taken."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope
from hypothesis import strategies as st

from council.tests.factories import CouncilFactory
from meetings.models import AgendaItem
from meetings.tests.factories import plan_meeting
from plans.tests import factories as plan_factories
from projects.models import Event, EventMaterial, Group, Hearing, Project, Stage
from tests.files import PDF_BYTES
from tests.fuzz import DATES, TEXT, fuzz_form, ids, sent_date, sent_id, uploads

from . import factories

pytestmark = pytest.mark.django_db

PROJECT_MODELS = [
    Event,
    Event.organisers.through,
    Event.participants.through,
    Event.council_plan_items.through,
    Event.association_plan_items.through,
    EventMaterial,
    Group,
    Group.members.through,
    Project,
    Project.participants.through,
    Stage,
    Hearing,
    AgendaItem,
]


def _days(*days):
    return st.sampled_from([d.isoformat() for d in days] + [d.strftime("%d.%m.%Y") for d in days])


def _people(world):
    return ids(
        [world.staff["teacher"].pk, world.staff["mahead"].pk], [world.staff["other_school"].pk]
    )


def _sent_bytes(upload):
    upload.seek(0)
    return upload.read()


def test_event_survives_any_input(client, world):
    plan = plan_factories.council_plan(world.council)
    item = plan_factories.council_item(plan)
    with scope(school=world.other_school.pk):
        foreign_plan = plan_factories.council_plan(CouncilFactory(academic_year=world.other_year))
        foreign_item = plan_factories.council_item(foreign_plan)
    day = world.year.start_date + datetime.timedelta(days=30)
    client.force_login(world.users["deputy"])

    def check_saved(data):
        event = Event.objects.latest("pk")
        assert event.school_id == world.school.pk
        assert event.title == data["title"].strip()
        assert event.place == data["place"].strip()
        assert event.kind == data["kind"] and event.status == data["status"]
        assert (event.starts_on, event.ends_on) == (
            sent_date(data["starts_on"]),
            sent_date(data["ends_on"]),
        )
        assert event.results == data["results"].strip()
        assert [p.pk for p in event.organisers.all()] == [sent_id(data["organisers"])]
        linked = [i.pk for i in event.council_plan_items.all()]
        assert linked == ([sent_id(data["council_plan_items"])] if linked else [])
        assert linked or not data["council_plan_items"].strip()
        if data["upload"]:
            (material,) = event.materials.all()
            with material.file.open("rb") as stored:
                assert stored.read() == _sent_bytes(data["upload"])

    fuzz_form(
        client,
        "/projects/events/new/",
        fields={
            "title": st.one_of(TEXT, st.just("«Заманбап сабак» конференциясы")),
            "kind": st.sampled_from(["conference", "seminar", "", "party"]),
            "starts_on": st.one_of(DATES, _days(day)),
            "ends_on": st.one_of(DATES, _days(day, day + datetime.timedelta(days=1))),
            "place": TEXT,
            "organisers": _people(world),
            "council_plan_items": st.one_of(st.just(""), ids([item.pk], [foreign_item.pk])),
            "status": st.sampled_from(["planned", "held", "cancelled", "", "lost"]),
            "results": TEXT,
            "upload": st.one_of(st.just(""), uploads()),
        },
        models=PROJECT_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "title": "«Заманбап сабак» конференциясы",
                "kind": "conference",
                "starts_on": day.isoformat(),
                "ends_on": day.isoformat(),
                "place": "Акт залы",
                "organisers": str(world.staff["mahead"].pk),
                "council_plan_items": str(item.pk),
                "status": "held",
                "results": "12 баяндама угулду.",
                "upload": SimpleUploadedFile("программа.pdf", PDF_BYTES),
            }
        ],
        max_examples=40,
    )


def test_group_survives_any_input(client, world):
    client.force_login(world.users["deputy"])

    def check_saved(data):
        group = Group.objects.latest("pk")
        assert group.school_id == world.school.pk
        assert group.name == data["name"].strip()
        assert group.goal == data["goal"].strip()
        assert group.leader_id == sent_id(data["leader"])
        assert [m.pk for m in group.members.all()] == [sent_id(data["members"])]
        assert group.starts_on == sent_date(data["starts_on"]) <= group.ends_on

    fuzz_form(
        client,
        "/projects/groups/new/",
        fields={
            "kind": st.sampled_from(["creative", "project", "", "band"]),
            "name": st.one_of(TEXT, st.just("Функционалдык сабаттуулук тобу")),
            "goal": st.one_of(TEXT, st.just("Баалоо тапшырмаларын түзүү.")),
            "leader": _people(world),
            "members": _people(world),
            "starts_on": st.one_of(DATES, _days(world.year.start_date)),
            "ends_on": st.one_of(DATES, _days(world.year.end_date)),
            "results": TEXT,
        },
        models=PROJECT_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "kind": "creative",
                "name": "Функционалдык сабаттуулук тобу",
                "goal": "Баалоо тапшырмаларын түзүү.",
                "leader": str(world.staff["mahead"].pk),
                "members": str(world.staff["teacher"].pk),
                "starts_on": world.year.start_date.isoformat(),
                "ends_on": world.year.end_date.isoformat(),
                "results": "",
            }
        ],
        max_examples=35,
    )


def test_project_survives_any_input(client, world):
    group = factories.group(world)
    foreign_group = Group.objects.create(
        school=world.other_school,
        kind="creative",
        name="Башка мектептин тобу",
        goal="Башка",
        leader=world.staff["other_school"],
        starts_on=world.other_year.start_date,
        ends_on=world.other_year.end_date,
    )
    client.force_login(world.users["deputy"])

    def check_saved(data):
        project = Project.objects.latest("pk")
        assert project.school_id == world.school.pk
        assert project.title == data["title"].strip()
        assert project.problem == data["problem"].strip()
        assert project.leader_id == sent_id(data["leader"])
        assert project.group_id == sent_id(data["group"])
        assert project.status == data["status"]
        assert project.results == data["results"].strip()

    fuzz_form(
        client,
        "/projects/new/",
        fields={
            "title": st.one_of(TEXT, st.just("Санариптик куралдар")),
            "problem": st.one_of(TEXT, st.just("Кандай таасир этет?")),
            "leader": _people(world),
            "participants": _people(world),
            "group": st.one_of(st.just(""), ids([group.pk], [foreign_group.pk])),
            "starts_on": st.one_of(DATES, _days(world.year.start_date)),
            "ends_on": st.one_of(DATES, _days(world.year.end_date)),
            "status": st.sampled_from(["planned", "active", "completed", "", "dead"]),
            "results": TEXT,
        },
        models=PROJECT_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "title": "Санариптик куралдар",
                "problem": "Кандай таасир этет?",
                "leader": str(world.staff["mahead"].pk),
                "participants": str(world.staff["teacher"].pk),
                "group": str(group.pk),
                "starts_on": world.year.start_date.isoformat(),
                "ends_on": world.year.end_date.isoformat(),
                "status": "completed",
                "results": "Макала жарыяланды.",
            }
        ],
        max_examples=35,
    )


def test_stage_survives_any_input(client, world):
    project = factories.project(world)
    client.force_login(world.users["mahead"])  # the leader keeps the project's stages
    start = project.starts_on

    def check_saved(data):
        stage = Stage.objects.latest("pk")
        assert stage.project_id == project.pk
        assert stage.title == data["title"].strip()
        assert stage.outcome == data["outcome"].strip()
        assert stage.status == data["status"]
        assert project.starts_on <= stage.starts_on <= stage.ends_on <= project.ends_on

    fuzz_form(
        client,
        f"/projects/{project.pk}/stages/new/",
        fields={
            "title": st.one_of(TEXT, st.just("Адабиятты талдоо")),
            "starts_on": st.one_of(DATES, _days(start)),
            "ends_on": st.one_of(DATES, _days(start + datetime.timedelta(days=30))),
            "status": st.sampled_from(["planned", "active", "done", "", "skipped"]),
            "outcome": TEXT,
        },
        models=PROJECT_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "title": "Адабиятты талдоо",
                "starts_on": start.isoformat(),
                "ends_on": (start + datetime.timedelta(days=30)).isoformat(),
                "status": "planned",
                "outcome": "",
            }
        ],
        max_examples=35,
    )


def test_project_agenda_survives_any_input(client, world):
    project = factories.project(world)
    meeting = plan_meeting(world.council, world.year.end_date - datetime.timedelta(days=5))
    with scope(school=world.other_school.pk):
        foreign = plan_meeting(
            CouncilFactory(academic_year=world.other_year),
            world.other_year.end_date - datetime.timedelta(days=5),
        )
    client.force_login(world.users["deputy"])

    def check_saved(data):
        hearing = Hearing.objects.get(project=project)
        assert hearing.agenda_item.meeting_id == meeting.pk
        assert hearing.agenda_item.title == data["title"].strip()

    fuzz_form(
        client,
        f"/projects/{project.pk}/agenda/",
        fields={
            "meeting": ids([meeting.pk], [foreign.pk]),
            "title": st.one_of(TEXT, st.just("Долбоордун жыйынтыгы")),
        },
        models=PROJECT_MODELS,
        check_saved=check_saved,
        valid=[{"meeting": str(meeting.pk), "title": "Долбоордун жыйынтыгы"}],
        max_examples=30,
    )


def test_lists_survive_any_filter(client, world):
    client.force_login(world.users["teacher"])
    fuzz_form(
        client,
        "/projects/events/",
        method="get",
        fields={
            "kind": st.sampled_from(["", "conference", "x"]),
            "status": st.sampled_from(["", "held", "²"]),
        },
        models=PROJECT_MODELS,
        max_examples=10,
    )
    fuzz_form(
        client,
        "/projects/",
        method="get",
        fields={"status": st.sampled_from(["", "active", "completed", "x", "²"])},
        models=PROJECT_MODELS,
        max_examples=8,
    )
