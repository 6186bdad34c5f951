"""The one copy of "whose person is this login" and "who heads this teacher", which every
app asks: both stay inside the user's school."""

from django.contrib.auth.models import AnonymousUser
from django_scopes import scopes_disabled

from members.permissions import can_view_personal_records, heads_association_of, staff_of
from members.tests.factories import AssociationFactory, StaffFactory
from school.models import User
from school.tests.factories import UserFactory


def test_staff_of_gives_the_person_behind_a_login(world):
    assert staff_of(world.users["teacher"]) == world.staff["teacher"]
    assert staff_of(world.users["other_school"]) == world.staff["other_school"]


def test_staff_of_gives_nobody_without_a_school_or_a_person(world):
    assert staff_of(AnonymousUser()) is None
    assert staff_of(world.users["admin"]) is None
    alone = UserFactory(username="no-person", school=world.school, role=User.Role.TEACHER)
    assert staff_of(alone) is None


def test_a_staff_record_of_another_school_is_never_returned(world):
    user = UserFactory(username="moved", school=world.school, role=User.Role.TEACHER)
    with scopes_disabled():
        StaffFactory(school=world.other_school, user=user)
        assert staff_of(user) is None


def test_the_head_of_the_teachers_association_heads_the_teacher(world):
    head, teacher = world.staff["mahead"], world.staff["teacher"]
    assert heads_association_of(head, teacher.pk)
    assert not heads_association_of(world.staff["secretary"], teacher.pk)
    assert not heads_association_of(None, teacher.pk)


def test_another_schools_head_never_heads_this_schools_teacher(world):
    """Even with this school's teacher put in the other school's association, and with the
    tenancy scope off (a command, a background task)."""
    other_head, teacher = world.staff["other_school"], world.staff["teacher"]
    with scopes_disabled():
        association = AssociationFactory(school=world.other_school, head=other_head)
        association.teachers.add(teacher)
        assert not heads_association_of(other_head, teacher.pk)
    assert not heads_association_of(other_head, teacher.pk)
    assert not can_view_personal_records(world.users["other_school"], teacher)


def test_personal_records_are_read_by_the_teacher_the_head_and_the_administration(world):
    teacher = world.staff["teacher"]
    readers = {
        role
        for role in ("teacher", "mahead", "secretary", "deputy", "director", "other_school")
        if can_view_personal_records(world.users[role], teacher)
    }
    assert readers == {"teacher", "mahead", "deputy", "director"}
