"""Who sees a visit (R6.1): the predicate and the list selector give the same answer."""

import pytest
from django.urls import reverse

from conftest import client_for
from members.tests.factories import AssociationFactory, StaffFactory
from observations import permissions, selectors
from observations.models import Observation
from observations.tests.factories import make_observation
from school.tests.factories import UserFactory
from tests.permission_table import ROLES, object_page

S = Observation.Status


@pytest.fixture
def visits(world):
    """Visits in every state, by and about different people of the first school."""
    staff = world.staff
    outsider = StaffFactory(school=world.school)  # in no association
    result = {}
    for status in S.values:
        result[("mahead", "teacher", status)] = make_observation(
            staff["mahead"], staff["teacher"], status=status
        )
        result[("deputy", "secretary", status)] = make_observation(
            staff["deputy"], staff["secretary"], status=status
        )
        result[("secretary", "outsider", status)] = make_observation(
            staff["secretary"], outsider, status=status
        )
    return result


ALL_ROLES = ["teacher", "mahead", "secretary", "deputy", "director", "other_school", "admin"]


def test_predicate_and_selector_agree_for_every_role_and_state(world, visits):
    for role in ALL_ROLES:
        user = world.users[role]
        listed = set(selectors.observations_visible_to(user).values_list("pk", flat=True))
        for key, visit in visits.items():
            assert permissions.can_view_observation(user, visit) == (visit.pk in listed), (
                role,
                key,
            )


def _seen_by(world, role, visits):
    user = world.users[role]
    return {key for key, visit in visits.items() if permissions.can_view_observation(user, visit)}


def test_who_sees_what(world, visits):
    submitted = {S.SUBMITTED, S.ACKNOWLEDGED}
    # The observed teacher: submitted visits about them, never the draft.
    assert _seen_by(world, "teacher", visits) == {("mahead", "teacher", s) for s in submitted}
    # The association head: own visits (drafts too).
    assert _seen_by(world, "mahead", visits) == {("mahead", "teacher", s) for s in S.values}
    # The secretary: own visits, and submitted visits about them; not the teacher's (a colleague).
    assert _seen_by(world, "secretary", visits) == {
        ("secretary", "outsider", s) for s in S.values
    } | {("deputy", "secretary", s) for s in submitted}
    # The deputy sees everything, drafts included; the director everything submitted.
    assert _seen_by(world, "deputy", visits) == set(visits)
    assert _seen_by(world, "director", visits) == {k for k in visits if k[2] in submitted}
    assert _seen_by(world, "other_school", visits) == set()
    assert _seen_by(world, "admin", visits) == set()


def test_a_head_of_another_association_does_not_see(world, visits):
    other_head_user = UserFactory(school=world.school)
    other_head = StaffFactory(school=world.school, user=other_head_user)
    AssociationFactory(school=world.school, head=other_head).teachers.set(
        [world.staff["secretary"]]
    )
    seen = _seen_by(world, "teacher", visits)  # unchanged for others
    assert ("deputy", "secretary", S.DRAFT) not in seen
    user_seen = {
        k for k, v in visits.items() if permissions.can_view_observation(other_head_user, v)
    }
    # Heads the secretary's association: sees submitted visits about the secretary only.
    assert user_seen == {
        ("deputy", "secretary", S.SUBMITTED),
        ("deputy", "secretary", S.ACKNOWLEDGED),
    }
    listed = set(selectors.observations_visible_to(other_head_user).values_list("pk", flat=True))
    assert listed == {visits[k].pk for k in user_seen}


def test_actions(world, visits):
    users = world.users
    draft = visits[("mahead", "teacher", S.DRAFT)]
    submitted = visits[("mahead", "teacher", S.SUBMITTED)]
    acknowledged = visits[("mahead", "teacher", S.ACKNOWLEDGED)]
    assert permissions.can_edit_observation(users["mahead"], draft)
    assert not permissions.can_edit_observation(users["deputy"], draft)
    assert not permissions.can_edit_observation(users["mahead"], submitted)
    assert permissions.can_withdraw_observation(users["mahead"], submitted)
    assert not permissions.can_withdraw_observation(users["mahead"], acknowledged)
    assert permissions.can_acknowledge_observation(users["teacher"], submitted)
    assert not permissions.can_acknowledge_observation(users["deputy"], submitted)
    assert not permissions.can_acknowledge_observation(users["teacher"], acknowledged)
    assert permissions.can_add_note(users["teacher"], acknowledged)
    assert permissions.can_add_note(users["director"], acknowledged)
    assert not permissions.can_add_note(users["secretary"], acknowledged)
    assert not permissions.can_add_note(users["mahead"], submitted)


# The POST-only actions on a visit by mahead about teacher: who may act (302 back to the
# card), who sees the visit but may not act (403), who may not see it (404).
POST_ACTIONS = {
    "withdraw": (S.SUBMITTED, {}, {"mahead": 302, "teacher": 403, "deputy": 403, "director": 403}),
    "acknowledge": (
        S.SUBMITTED,
        {"familiarised": "on"},
        {"teacher": 302, "mahead": 403, "deputy": 403, "director": 403},
    ),
    "note_add": (
        S.ACKNOWLEDGED,
        {"text": "Кайра катыштым."},
        {"teacher": 302, "mahead": 302, "deputy": 302, "director": 302},
    ),
}


@pytest.mark.parametrize("name", POST_ACTIONS)
def test_post_only_actions_check_rights_on_post(client, world, name):
    status, data, allowed = POST_ACTIONS[name]
    expected = object_page(secretary=404) | allowed
    failures = []
    for role in ROLES:
        visit = make_observation(world.staff["mahead"], world.staff["teacher"], status=status)
        client.logout()
        client_for(client, world.users[role])
        got = client.post(reverse(f"observations:{name}", args=[visit.pk]), data).status_code
        if got != expected[role]:
            failures.append(f"{role}: got {got}, expected {expected[role]}")
    assert not failures, "; ".join(failures)


@pytest.mark.parametrize("name", POST_ACTIONS)
def test_post_only_actions_answer_a_get_with_405(client, world, name):
    status, _data, allowed = POST_ACTIONS[name]
    visit = make_observation(world.staff["mahead"], world.staff["teacher"], status=status)
    role = next(role for role, code in allowed.items() if code == 302)
    client_for(client, world.users[role])
    assert client.get(reverse(f"observations:{name}", args=[visit.pk])).status_code == 405
    visit.refresh_from_db()
    assert visit.status == status
