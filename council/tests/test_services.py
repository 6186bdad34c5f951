"""The council's rules, through its services (R0.2, R4.1, R4.3, R7.1, P5.1, P5.2)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from council import selectors, services
from council.models import Council, CouncilMembership, LeaveReason, MemberRole, can_chair
from members.models import Staff
from members.tests.factories import StaffFactory
from school.models import User
from school.tests.factories import UserFactory, make_year

from .factories import add_member


def _staff(school, n, **kwargs):
    return [StaffFactory(school=school, **kwargs) for _ in range(n)]


def _messages(error, field):
    return " ".join(error.value.message_dict[field])


@pytest.fixture
def next_year(world):
    return make_year(world.school, start_year=world.year.start_date.year + 1)


# --- chair eligibility (R4.1, P5.2) -------------------------------------------------


@pytest.mark.parametrize(
    "position, category, login_role, eligible",
    [
        ("Мектеп директору", "first", None, True),
        ("Директордун окуу-тарбия иштери боюнча орун басары", "none", None, True),
        ("Заместитель директора по УВР", "second", None, True),
        ("Математика мугалими", "highest", None, True),
        ("Математика мугалими", "first", None, False),
        ("Директордун катчысы", "none", None, False),
        ("Математика мугалими", "first", User.Role.DEPUTY, True),
        ("Математика мугалими", "first", User.Role.DIRECTOR, True),
        ("Математика мугалими", "first", User.Role.TEACHER, False),
    ],
)
def test_who_may_chair(world, position, category, login_role, eligible):
    user = UserFactory(school=world.school, role=login_role) if login_role else None
    person = StaffFactory(school=world.school, position=position, category=category, user=user)
    assert can_chair(person) is eligible


def test_a_person_who_left_the_school_cannot_chair(world):
    person = world.staff["deputy"]
    person.left_on = world.year.start_date
    assert not can_chair(person)


def test_an_ineligible_chair_is_refused_with_the_reason(world):
    # R4.1: the teacher has the first category and no administrative position.
    teacher = world.staff["teacher"]
    add_member(world.council, teacher, ["innovative_teacher"])
    with pytest.raises(ValidationError) as error:
        services.council_set_officers(
            council=world.council, chair=teacher, secretary=world.staff["secretary"]
        )
    message = _messages(error, "chair")
    assert teacher.full_name in message
    assert "highest category" in message
    world.council.refresh_from_db()
    assert world.council.chair == world.staff["deputy"]


def test_a_teacher_of_the_highest_category_may_chair(world):
    teacher = world.staff["mahead"]
    teacher.category = Staff.Category.HIGHEST
    teacher.save()
    services.council_set_officers(
        council=world.council, chair=teacher, secretary=world.staff["secretary"]
    )
    world.council.refresh_from_db()
    assert world.council.chair == teacher


def test_the_secretary_must_be_a_current_member(world):
    teacher = world.staff["teacher"]  # not on the council
    with pytest.raises(ValidationError) as error:
        services.council_set_officers(
            council=world.council, chair=world.staff["deputy"], secretary=teacher
        )
    assert "not a current member" in _messages(error, "secretary")


def test_an_officer_of_another_school_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.council_set_officers(
            council=world.council, chair=world.staff["other_school"], secretary=None
        )
    assert "this school" in _messages(error, "chair")


# --- members --------------------------------------------------------------------------


def test_a_member_gets_one_or_more_roles(world):
    person = world.staff["teacher"]
    membership = services.membership_add(
        council=world.council,
        staff=person,
        roles=[MemberRole.INNOVATIVE_TEACHER, MemberRole.RESEARCHER],
        joined_on=world.year.start_date,
    )
    assert sorted(membership.role_codes) == ["innovative_teacher", "researcher"]


@pytest.mark.parametrize(
    "person, roles, told",
    [
        ("mahead", ["ma_head"], "already a member"),  # twice in the same council
        ("other_school", ["administration"], "this school"),  # a person of another school
    ],
)
def test_a_seat_is_refused(world, person, roles, told):
    before = CouncilMembership.objects.count()
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            council=world.council,
            staff=world.staff[person],
            roles=roles,
            joined_on=world.year.start_date,
        )
    assert told in _messages(error, "staff")
    assert CouncilMembership.objects.count() == before


def test_a_member_needs_a_role_and_a_date_in_the_year(world):
    teacher = world.staff["teacher"]
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            council=world.council, staff=teacher, roles=[], joined_on=world.year.start_date
        )
    assert "roles" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            council=world.council,
            staff=teacher,
            roles=["researcher"],
            joined_on=world.year.end_date + datetime.timedelta(days=1),
        )
    assert world.year.name in _messages(error, "joined_on")


def test_leaving_records_date_and_reason_and_keeps_the_row(world):
    membership = world.council.memberships.get(staff=world.staff["mahead"])
    day = world.year.start_date + datetime.timedelta(days=40)
    services.membership_end(
        membership=membership,
        left_on=day,
        reason=LeaveReason.REMOVED_DUTIES,  # R7.1
        note="Отурумга катышкан жок",
    )
    membership.refresh_from_db()
    assert membership.left_on == day
    assert membership.get_leave_reason_display() == "removed for not performing the duties"
    assert CouncilMembership.objects.filter(pk=membership.pk).exists()


def test_a_leaving_date_before_joining_is_refused(world):
    membership = world.council.memberships.get(staff=world.staff["mahead"])
    with pytest.raises(ValidationError) as error:
        services.membership_end(
            membership=membership,
            left_on=membership.joined_on - datetime.timedelta(days=1),
            reason=LeaveReason.OWN_REQUEST,
        )
    assert "before the joining date" in _messages(error, "left_on")
    membership.refresh_from_db()
    assert membership.left_on is None


def test_the_reason_other_needs_a_note(world):
    membership = world.council.memberships.get(staff=world.staff["mahead"])
    with pytest.raises(ValidationError) as error:
        services.membership_end(
            membership=membership, left_on=world.year.end_date, reason=LeaveReason.OTHER
        )
    assert "leave_note" in error.value.message_dict


def test_the_chair_cannot_leave_before_another_is_appointed(world):
    membership = world.council.memberships.get(staff=world.staff["deputy"])
    with pytest.raises(ValidationError) as error:
        services.membership_end(
            membership=membership, left_on=world.year.end_date, reason=LeaveReason.OWN_REQUEST
        )
    assert "appoint someone else first" in " ".join(error.value.messages)


def test_a_new_seat_cannot_overlap_an_ended_one(world):
    membership = world.council.memberships.get(staff=world.staff["mahead"])
    left = world.year.start_date + datetime.timedelta(days=30)
    services.membership_end(membership=membership, left_on=left, reason=LeaveReason.OWN_REQUEST)
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            council=world.council,
            staff=world.staff["mahead"],
            roles=["ma_head"],
            joined_on=left - datetime.timedelta(days=1),
        )
    assert "joined_on" in error.value.message_dict
    again = services.membership_add(
        council=world.council, staff=world.staff["mahead"], roles=["ma_head"], joined_on=left
    )
    assert again.left_on is None


# --- composition on a day ------------------------------------------------------------


def test_composition_on_a_past_day(world):
    start = world.year.start_date
    membership = world.council.memberships.get(staff=world.staff["mahead"])
    services.membership_end(
        membership=membership,
        left_on=start + datetime.timedelta(days=10),
        reason=LeaveReason.REMOVED_DUTIES,
    )
    late = services.membership_add(
        council=world.council,
        staff=world.staff["teacher"],
        roles=["researcher"],
        joined_on=start + datetime.timedelta(days=20),
    )
    on_day_5 = selectors.composition_on(council=world.council, day=start + datetime.timedelta(5))
    on_day_10 = selectors.members_on(council=world.council, day=start + datetime.timedelta(10))
    on_day_25 = selectors.members_on(council=world.council, day=start + datetime.timedelta(25))
    assert world.staff["mahead"] in [m.staff for m in on_day_5]
    assert world.staff["teacher"] not in [m.staff for m in on_day_5]
    assert world.staff["mahead"] not in [m.staff for m in on_day_10]
    assert late in on_day_25
    # The list reads as the official one: the chair, the secretary, then the others.
    assert [m.staff for m in on_day_5][:2] == [world.staff["deputy"], world.staff["secretary"]]


# --- confirmation (R4.3) -------------------------------------------------------------


def test_confirm_with_four_members_is_refused_with_the_reason(world):
    add_member(world.council, world.staff["teacher"], ["researcher"])  # 4 members
    with pytest.raises(ValidationError) as error:
        services.council_confirm(council=world.council)
    assert "4 members" in " ".join(error.value.messages)
    assert "5 to 19" in " ".join(error.value.messages)
    world.council.refresh_from_db()
    assert world.council.status == Council.Status.DRAFT


def test_confirm_with_five_to_nineteen_members(world):
    for person in _staff(world.school, 2):
        add_member(world.council, person, ["researcher"])
    services.council_confirm(council=world.council, on=world.year.start_date)
    world.council.refresh_from_db()
    assert world.council.is_confirmed
    assert world.council.confirmed_on == world.year.start_date


def test_confirm_with_twenty_members_is_refused(world):
    for person in _staff(world.school, 17):
        add_member(world.council, person, ["researcher"])
    with pytest.raises(ValidationError) as error:
        services.council_confirm(council=world.council)
    assert "20 members" in " ".join(error.value.messages)


def test_confirm_needs_a_chair_and_a_secretary(world):
    for person in _staff(world.school, 2):
        add_member(world.council, person, ["researcher"])
    world.council.chair = None
    world.council.save()
    with pytest.raises(ValidationError) as error:
        services.council_confirm(council=world.council)
    assert "no chair" in " ".join(error.value.messages)


def test_a_confirmed_council_keeps_at_most_nineteen(world):
    for person in _staff(world.school, 16):
        add_member(world.council, person, ["researcher"])
    services.council_confirm(council=world.council)
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            council=world.council,
            staff=world.staff["teacher"],
            roles=["researcher"],
            joined_on=world.year.start_date,
        )
    assert "19" in _messages(error, "staff")


# --- a new year ----------------------------------------------------------------------


def test_one_council_per_year(world):
    with pytest.raises(ValidationError) as error:
        services.council_create(academic_year=world.year)
    assert world.year.name in _messages(error, "academic_year")


def test_copy_last_years_composition(world, next_year):
    leaver = world.council.memberships.get(staff=world.staff["mahead"])
    services.membership_end(
        membership=leaver,
        left_on=world.year.start_date + datetime.timedelta(days=3),
        reason=LeaveReason.REMOVED_DUTIES,
    )
    add_member(world.council, world.staff["teacher"], ["innovative_teacher", "researcher"])
    gone = StaffFactory(school=world.school, left_on=world.year.end_date)
    add_member(world.council, gone, ["researcher"])

    council = services.council_copy_from_previous(academic_year=next_year)

    copied = {m.staff: sorted(m.role_codes) for m in selectors.composition(council)}
    assert copied == {
        world.staff["deputy"]: ["administration"],
        world.staff["secretary"]: ["researcher"],
        world.staff["teacher"]: ["innovative_teacher", "researcher"],
    }
    assert council.status == Council.Status.DRAFT
    assert council.chair == world.staff["deputy"]
    assert council.secretary == world.staff["secretary"]
    assert {m.joined_on for m in council.memberships.all()} == {next_year.start_date}


def test_copy_is_all_or_nothing(world, next_year, monkeypatch):
    calls = []

    def failing_add(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise ValidationError("boom")
        return original(**kwargs)

    original = services.membership_add
    monkeypatch.setattr(services, "membership_add", failing_add)
    with pytest.raises(ValidationError):
        services.council_copy_from_previous(academic_year=next_year)
    assert not Council.objects.filter(academic_year=next_year).exists()
    assert CouncilMembership.objects.filter(council__academic_year=next_year).count() == 0


def test_copy_needs_an_earlier_council(world):
    earlier = make_year(world.school, start_year=world.year.start_date.year - 1)
    with pytest.raises(ValidationError) as error:
        services.council_copy_from_previous(academic_year=earlier)
    assert "academic_year" in error.value.message_dict
