"""Fixtures shared by every app's tests: a school with a user in each role, and another school.

KENESH_TEST_TODAY=YYYY-MM-DD runs the whole suite as if that were today (the clock still
ticks), to prove that no test depends on the real date: a test that needs a day picks one in
its world's year, or freezes the clock itself.
"""

import datetime
import os
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django_scopes import scope, scopes_disabled

from council.tests.factories import CouncilFactory, add_member
from members.tests.factories import AssociationFactory, StaffFactory
from school.models import User
from school.tests.factories import SchoolFactory, UserFactory, make_year


def pytest_configure(config):
    asked = os.environ.get("KENESH_TEST_TODAY")
    if asked:
        import time_machine

        day = datetime.date.fromisoformat(asked)
        traveller = time_machine.travel(datetime.datetime(day.year, day.month, day.day, 10, 0))
        traveller.start()
        config.add_cleanup(traveller.stop)


@dataclass
class World:
    school: object
    year: object
    council: object
    association: object
    users: dict  # role -> User (None for anonymous)
    staff: dict  # role -> Staff
    other_school: object
    other_year: object


def _person(school, role_name, user_role=User.Role.TEACHER, **staff_kwargs):
    user = UserFactory(username=role_name, school=school, role=user_role)
    staff = StaffFactory(school=school, user=user, **staff_kwargs)
    return user, staff


def build_world() -> World:
    """A school with a user in each role, and another school (outside any scope)."""
    school = SchoolFactory(name="Жалал-Абад шаарындагы №8 орто мектеби")
    year = make_year(school)
    users, staff = {"anonymous": None}, {}
    for role, user_role, extra in [
        ("director", User.Role.DIRECTOR, {"category": "highest", "position": "Директор"}),
        ("deputy", User.Role.DEPUTY, {"category": "highest", "position": "Орун басар"}),
        ("secretary", User.Role.TEACHER, {}),
        ("mahead", User.Role.TEACHER, {}),
        ("teacher", User.Role.TEACHER, {}),
    ]:
        users[role], staff[role] = _person(school, role, user_role, **extra)
    users["admin"] = User.objects.create_superuser(username="admin", password="kenesh-test")
    association = AssociationFactory(school=school, head=staff["mahead"], name="Математика МБ")
    association.teachers.set([staff["mahead"], staff["teacher"]])
    council = CouncilFactory(
        academic_year=year, chair=staff["deputy"], secretary=staff["secretary"]
    )
    add_member(council, staff["deputy"], ["administration"])
    add_member(council, staff["secretary"], ["researcher"])
    add_member(council, staff["mahead"], ["ma_head"])
    other_school = SchoolFactory(name="Ош шаарындагы №1 мектеп")
    other_year = make_year(other_school)
    users["other_school"], staff["other_school"] = _person(
        other_school, "other_deputy", User.Role.DEPUTY
    )
    return World(school, year, council, association, users, staff, other_school, other_year)


@pytest.fixture
def world(db):
    """The world, with its school's scope active, as for a request of one of its users.

    A test that reaches into the other school says so (`scope(school=...)` or, to build
    data across schools, `scopes_disabled()`); a request made with the test client runs in
    its user's scope, set by the middleware; a management command sets its own.
    """
    with scopes_disabled():
        built = build_world()
    with scope(school=built.school.pk):
        yield built


@pytest.fixture
def scoped_school(db):
    """A school of its own, with its scope active (for tests that need no users)."""
    school = SchoolFactory()
    with scope(school=school.pk):
        yield school


# The 81st day of a school year (20 November): the middle of the second quarter, not the 1st of
# a month, far from the year's ends.
SCHOOL_DAY_OFFSET = datetime.timedelta(days=80)


@contextmanager
def clock_at(day: datetime.date):
    """Today is ``day`` (at 10:00, the clock ticking) inside the block: for the live server's
    thread too."""
    import time_machine

    with time_machine.travel(datetime.datetime.combine(day, datetime.time(10))):
        yield day


@pytest.fixture
def school_day(world):
    """Today fixed on a school day of the world's year, for a test about "today" (the current
    quarter, what is overdue, a visit or a meeting held today) that must pass on any date:
    in the summer, on the 1st of a month. Name it right after ``world``, before fixtures that
    create records dated today."""
    with clock_at(world.year.start_date + SCHOOL_DAY_OFFSET) as day:
        yield day


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client
