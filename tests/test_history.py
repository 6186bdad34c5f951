"""History is kept (who, when, what) and approved or acknowledged records are never deleted."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from council.tests.factories import add_member
from meetings import services as meeting_services
from meetings.models import Decision, Meeting
from meetings.tests.factories import held_meeting
from members.tests.factories import StaffFactory
from observations import services as observation_services
from observations.models import Observation
from observations.tests.factories import make_observation
from school.selectors import today


@pytest.fixture
def council_of_five(world):
    for _n in range(2):
        add_member(world.council, StaffFactory(school=world.school), ["innovative_teacher"])
    return world.council


def _approved_meeting_with_decision(world, council):
    day = today() - datetime.timedelta(days=2)  # inside the year: the tests run on a school_day
    meeting = held_meeting(council, day, user=world.users["secretary"])
    item = meeting.agenda_items.first() or meeting_services.agenda_item_add(
        meeting=meeting, title="Окуу планы жөнүндө"
    )
    decision = meeting_services.decision_add(
        item=item,
        text="Ачык сабактардын графигин бекитүү.",
        responsible=[world.staff["mahead"]],
        due_date=day + datetime.timedelta(days=30),
        user=world.users["secretary"],
    )
    meeting_services.meeting_approve(meeting=meeting, user=world.users["deputy"])
    meeting.refresh_from_db()
    return meeting, decision


def test_an_approved_protocol_and_its_decisions_are_never_deleted(
    world, school_day, council_of_five
):
    meeting, decision = _approved_meeting_with_decision(world, council_of_five)
    assert meeting.status == Meeting.Status.APPROVED
    with pytest.raises(ProtectedError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        meeting.delete()
    with pytest.raises(ValidationError) as error:
        meeting_services.decision_remove(
            decision=decision, user=world.users["deputy"], amendment_reason="Ката жазылган"
        )
    assert error.value.code == "approved"
    assert Decision.objects.filter(pk=decision.pk).exists()


def test_changes_made_in_the_browser_are_recorded_with_who_and_when(client, world):
    visit = make_observation(world.staff["mahead"], world.staff["teacher"])
    client.force_login(world.users["teacher"])
    response = client.post(
        f"/observations/{visit.pk}/acknowledge/",
        {"familiarised": "on", "response": "Сунуштарды эске алам."},
    )
    assert response.status_code == 302
    last = visit.history.order_by("-history_date").first()
    assert last.history_type == "~"
    assert last.history_user == world.users["teacher"]
    assert last.status == Observation.Status.ACKNOWLEDGED

    client.force_login(world.users["deputy"])
    content = client.get(f"/calendar/history/observations.observation/{visit.pk}/").content
    content = content.decode()
    assert world.users["teacher"].get_full_name() in content
    assert "Сунуштарды эске алам." in content


def test_the_history_page_shows_an_approval(client, world, school_day, council_of_five):
    meeting, _decision = _approved_meeting_with_decision(world, council_of_five)
    client.force_login(world.users["deputy"])
    response = client.get(f"/calendar/history/meetings.meeting/{meeting.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "протокол бекитилди" in content  # the status after approval, in Kyrgyz


def test_a_deleted_draft_visit_leaves_its_history(client, world):
    draft = make_observation(
        world.staff["deputy"], world.staff["teacher"], status=Observation.Status.DRAFT
    )
    pk = draft.pk
    client.force_login(world.users["deputy"])
    observation_services.observation_delete(observation=draft)
    assert not Observation.objects.filter(pk=pk).exists()
    kinds = list(
        Observation.history.filter(id=pk)
        .order_by("history_date")
        .values_list("history_type", flat=True)
    )
    assert kinds == ["+", "-"]
    response = client.get(f"/calendar/history/observations.observation/{pk}/")
    assert response.status_code == 200
    # Another school's deputy does not see it.
    client.force_login(world.users["other_school"])
    assert client.get(f"/calendar/history/observations.observation/{pk}/").status_code == 404


def test_an_acknowledged_visit_is_never_deleted(world):
    visit = make_observation(
        world.staff["mahead"], world.staff["teacher"], status=Observation.Status.ACKNOWLEDGED
    )
    with pytest.raises(ProtectedError), transaction.atomic():
        Observation.objects.filter(pk=visit.pk).delete()
    with pytest.raises(ValidationError):
        observation_services.observation_delete(observation=visit)
    assert Observation.objects.filter(pk=visit.pk).exists()


def test_history_page_is_for_the_deputy_and_director_only(client, world):
    url = f"/calendar/history/council.council/{world.council.pk}/"
    for role, status in [("teacher", 403), ("secretary", 403), ("deputy", 200), ("director", 200)]:
        client.force_login(world.users[role])
        assert client.get(url).status_code == status, role
    client.force_login(world.users["deputy"])
    assert client.get("/calendar/history/members.staff/1/").status_code == 404
