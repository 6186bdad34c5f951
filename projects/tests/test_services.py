"""Rules of events (R2.17), groups (R2.11), projects and stages (R2.9), hearings (P4.3) and
the quarterly counts."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings.models import AgendaItem
from meetings.tests.factories import plan_meeting
from projects import services
from projects.models import Event, Group, Hearing, Project, Stage
from school.selectors import today
from tests.transactions import rolled_back

from . import factories

pytestmark = pytest.mark.django_db


# Groups (R2.11) ---------------------------------------------------------------------------------


def test_a_group_with_no_members_is_refused(world):
    with pytest.raises(ValidationError) as error:
        factories.group(world, members=[])
    assert "members" in error.value.message_dict
    assert not Group.objects.exists()


def test_a_group_member_of_another_school_is_refused(world):
    with pytest.raises(ValidationError) as error:
        factories.group(world, members=[world.staff["teacher"], world.staff["other_school"]])
    assert "members" in error.value.message_dict
    assert not Group.objects.exists()


def test_a_group_term_ends_after_it_starts(world):
    with pytest.raises(ValidationError) as error:
        factories.group(world, starts_on=world.year.end_date, ends_on=world.year.start_date)
    assert "ends_on" in error.value.message_dict


def test_a_group_keeps_its_leader_and_members(world):
    group = factories.group(world)
    assert group.leader == world.staff["mahead"]
    assert set(group.members.all()) == {world.staff["teacher"], world.staff["secretary"]}
    updated = services.group_update(
        group=group,
        kind="project",
        name=group.name,
        goal=group.goal,
        leader=group.leader,
        members=[world.staff["teacher"]],
        starts_on=group.starts_on,
        ends_on=group.ends_on,
    )
    assert list(updated.members.all()) == [world.staff["teacher"]]


# Events (R2.17, P3.1) ------------------------------------------------------------------------------


def test_an_event_needs_an_organiser(world):
    with pytest.raises(ValidationError) as error:
        factories.event(world, organisers=[])
    assert "organisers" in error.value.message_dict
    assert not Event.objects.exists()


def test_a_held_event_has_results_and_has_started(world):
    with pytest.raises(ValidationError) as error:
        factories.event(world, status="held", results="")
    assert "results" in error.value.message_dict
    later = today() + datetime.timedelta(days=5)
    with pytest.raises(ValidationError) as error:
        factories.event(world, starts_on=later, ends_on=later, status="held", results="Өттү.")
    assert "status" in error.value.message_dict


def test_an_event_is_linked_to_plan_items(world):
    from plans.models import CouncilPlan, CouncilPlanItem

    plan = CouncilPlan.objects.create(council=world.council)
    start = world.year.start_date + datetime.timedelta(days=30)
    item = CouncilPlanItem.objects.create(
        plan=plan,
        activity="«Заманбап сабак» конференциясы",
        form="conference",
        quarter=1,
        planned_start=start,
        planned_end=start + datetime.timedelta(days=10),
    )
    event = factories.event(world, council_plan_items=[item])
    assert list(item.events.all()) == [event]


def test_an_event_material_is_checked(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as error:
        factories.event(world, upload=SimpleUploadedFile("программа.txt", b"text"))
    assert "upload" in error.value.message_dict
    assert not Event.objects.exists()


def test_a_removed_material_goes_only_once_the_removal_is_committed(
    world, django_capture_on_commit_callbacks
):

    from experience.tests.factories import pdf_upload

    event = factories.event(world, upload=pdf_upload())
    material = event.materials.get()
    pk, storage, name = material.pk, material.file.storage, material.file.name
    assert storage.exists(name)
    with rolled_back():
        services.material_remove(material=material)
    # The row is back, and so must its file be.
    assert event.materials.filter(pk=pk).exists()
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.material_remove(material=event.materials.get())
    assert not event.materials.exists()
    assert not storage.exists(name)


# Projects and stages (R2.6, R2.8, R2.9, R2.12) -------------------------------------------------------------


def test_a_completed_project_has_results(world):
    with pytest.raises(ValidationError) as error:
        factories.project(world, status="completed", results="")
    assert "results" in error.value.message_dict
    assert not Project.objects.exists()


def test_stages_are_numbered_in_order_inside_the_term(world):
    project = factories.project(world)
    first = factories.stage(project, title="Адабиятты талдоо", days=(0, 30))
    second = factories.stage(project, title="Эксперимент", days=(31, 120))
    assert (first.position, second.position) == (1, 2)
    with pytest.raises(ValidationError) as error:
        factories.stage(project, title="Мурунку этап", days=(10, 40))
    assert "starts_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        factories.stage(project, title="Мөөнөттөн тышкары", days=(130, 400))
    assert "ends_on" in error.value.message_dict
    assert Stage.objects.filter(project=project).count() == 2


def test_the_project_term_cannot_leave_a_stage_outside(world):
    project = factories.project(world)
    factories.stage(project, days=(100, 150))
    with pytest.raises(ValidationError) as error:
        services.project_update(
            project=project,
            title=project.title,
            problem=project.problem,
            leader=project.leader,
            starts_on=project.starts_on,
            ends_on=project.starts_on + datetime.timedelta(days=120),
            participants=[],
            status=project.status,
        )
    assert "ends_on" in error.value.message_dict


# Hearing at a meeting (P4.3) ------------------------------------------------------------------------------


def test_a_group_is_put_on_the_agenda_with_its_leader_speaking(world):
    group = factories.group(world)
    meeting = plan_meeting(world.council)
    hearing = services.put_on_agenda(
        meeting=meeting, title="Чыгармачыл топтун отчету", user=world.users["deputy"], group=group
    )
    item = AgendaItem.objects.get(pk=hearing.agenda_item_id)
    assert item.meeting == meeting
    assert item.title == "Чыгармачыл топтун отчету"
    assert list(item.speakers.all()) == [world.staff["mahead"]]
    assert list(group.hearings.all()) == [hearing]
    with pytest.raises(ValidationError) as error:
        services.put_on_agenda(meeting=meeting, title="Дагы", user=None, group=group)
    assert "meeting" in error.value.message_dict


def test_an_approved_meeting_takes_no_hearing(world):
    from meetings import services as meeting_services
    from meetings.tests.factories import held_meeting

    day = min(today(), world.year.end_date)
    meeting = held_meeting(world.council, day)
    meeting = meeting_services.meeting_approve(meeting=meeting, user=world.users["deputy"])
    project = factories.project(world)
    with pytest.raises(ValidationError) as error:
        services.put_on_agenda(meeting=meeting, title="Долбоор", user=None, project=project)
    assert "meeting" in error.value.message_dict
    assert not Hearing.objects.exists()
