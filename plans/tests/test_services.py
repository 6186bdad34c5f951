"""Rules of the work plans, through the services (R5.1, R5.2, P4.2)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from council.tests.factories import CouncilFactory
from meetings.tests.factories import plan_meeting
from members.tests.factories import AssociationFactory, StaffFactory
from plans import services
from plans.models import (
    AssociationPlan,
    AssociationPlanItem,
    CouncilPlan,
    CouncilPlanItem,
    ItemStatus,
)
from school.tests.factories import make_year

from . import factories


@pytest.fixture
def plan(world):
    return factories.association_plan(world.association, world.year)


@pytest.fixture
def council_plan(world):
    return factories.council_plan(world.council)


# --- Programme (R5.2) ---


def test_programme_with_numbered_directions(world):
    programme = services.programme_create(
        school=world.school, title="Өнүктүрүү программасы", start_year=2024, end_year=2029
    )
    first = services.direction_create(programme=programme, title="Сапаттуу билим")
    second = services.direction_create(programme=programme, title="Санариптик мектеп")
    assert (first.order, second.order) == (1, 2)
    with pytest.raises(ValidationError) as error:
        services.direction_create(programme=programme, title="Башка", order=1)
    assert "order" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.programme_update(programme=programme, title="X", start_year=2029, end_year=2024)
    assert "end_year" in error.value.message_dict


# --- Association plan items ---


def test_an_item_in_a_month_gets_the_month_dates_and_quarter(world, plan):
    item = factories.association_item(
        plan, month=12, responsible=[world.staff["mahead"], world.staff["teacher"]]
    )
    assert item.quarter == 2
    assert item.planned_start == datetime.date(world.year.start_date.year, 12, 1)
    assert item.planned_end == datetime.date(world.year.start_date.year, 12, 31)
    assert set(item.responsible.all()) == {world.staff["mahead"], world.staff["teacher"]}
    assert item.status == ItemStatus.PLANNED


def test_an_item_dated_outside_the_academic_year_is_refused(world, plan):
    with pytest.raises(ValidationError) as error:
        factories.association_item(plan, month=7)  # July: the school year ended on 31 May
    assert "month" in error.value.message_dict
    assert not AssociationPlanItem.objects.exists()


def test_a_responsible_person_of_another_school_is_refused(world, plan):
    with pytest.raises(ValidationError) as error:
        factories.association_item(
            plan, month=10, responsible=[world.staff["mahead"], world.staff["other_school"]]
        )
    assert "responsible" in error.value.message_dict
    assert not AssociationPlanItem.objects.exists()


def test_one_plan_per_association_and_year(world, plan):
    with pytest.raises(ValidationError) as error:
        services.association_plan_create(association=world.association, academic_year=world.year)
    assert "academic_year" in error.value.message_dict
    assert AssociationPlan.objects.count() == 1


def test_moved_needs_a_new_date_in_the_year_and_cancelled_a_note(world, plan):
    item = factories.association_item(plan, month=10)
    with pytest.raises(ValidationError) as error:
        services.plan_item_set_status(item=item, status=ItemStatus.MOVED)
    assert "moved_to" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.plan_item_set_status(
            item=item, status=ItemStatus.MOVED, moved_to=world.year.end_date.replace(month=7)
        )
    assert "moved_to" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.plan_item_set_status(item=item, status=ItemStatus.CANCELLED, note="  ")
    assert "status_note" in error.value.message_dict
    item.refresh_from_db()
    assert item.status == ItemStatus.PLANNED


def test_the_database_refuses_a_moved_item_without_a_date(world, plan):
    item = factories.association_item(plan, month=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        AssociationPlanItem.objects.filter(pk=item.pk).update(status=ItemStatus.MOVED)


# --- The council's plan from the associations' plans (R5.1) ---


def test_taking_keeps_the_origin_and_copies_the_content(world, plan, council_plan):
    origin = factories.association_item(
        plan, "Ачык сабак: «Пифагор теоремасы»", month=11, responsible=[world.staff["mahead"]]
    )
    [taken] = services.council_plan_take(plan=council_plan, items=[origin])
    assert taken.origin_item == origin
    assert (taken.activity, taken.month, taken.quarter) == (origin.activity, 11, origin.quarter)
    assert list(taken.responsible.all()) == [world.staff["mahead"]]


def test_the_same_association_item_cannot_be_taken_twice(world, plan, council_plan):
    origin = factories.association_item(plan, month=11)
    services.council_plan_take(plan=council_plan, items=[origin])
    with pytest.raises(ValidationError) as error:
        services.council_plan_take(plan=council_plan, items=[origin])
    assert "items" in error.value.message_dict
    assert origin.activity in error.value.message_dict["items"][0]
    assert CouncilPlanItem.objects.filter(origin_item=origin).count() == 1
    # The database holds the rule too.
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilPlanItem.objects.create(
            plan=council_plan,
            origin_item=origin,
            activity="x",
            quarter=1,
            planned_start=origin.planned_start,
            planned_end=origin.planned_end,
        )


def test_only_items_of_the_same_year_can_be_taken(world, council_plan):
    next_year = make_year(world.school, world.year.start_date.year + 1)
    other_plan = factories.association_plan(world.association, next_year)
    origin = factories.association_item(other_plan, month=10)
    with pytest.raises(ValidationError):
        services.council_plan_take(plan=council_plan, items=[origin])
    assert not council_plan.items.exists()


def test_status_changed_on_the_association_item_shows_in_the_council_plan(
    world, plan, council_plan
):
    origin = factories.association_item(plan, month=10)
    [taken] = services.council_plan_take(plan=council_plan, items=[origin])
    services.plan_item_set_status(item=origin, status=ItemStatus.DONE, note="Өттү, 24 катышуучу")
    taken.refresh_from_db()
    assert (taken.status, taken.status_note) == (ItemStatus.DONE, "Өттү, 24 катышуучу")


def test_status_changed_on_the_council_item_shows_in_the_association_plan(
    world, plan, council_plan
):
    origin = factories.association_item(plan, month=10)
    [taken] = services.council_plan_take(plan=council_plan, items=[origin])
    new_date = datetime.date(world.year.start_date.year, 12, 10)
    services.plan_item_set_status(item=taken, status=ItemStatus.MOVED, moved_to=new_date)
    origin.refresh_from_db()
    taken.refresh_from_db()
    assert (origin.status, origin.moved_to) == (ItemStatus.MOVED, new_date)
    assert (taken.status, taken.moved_to) == (ItemStatus.MOVED, new_date)
    services.plan_item_set_status(item=taken, status=ItemStatus.CANCELLED, note="Карантин")
    origin.refresh_from_db()
    assert (origin.status, origin.moved_to, origin.status_note) == (
        ItemStatus.CANCELLED,
        None,
        "Карантин",
    )


def test_a_taken_item_cannot_be_deleted_from_the_association_plan(world, plan, council_plan):
    origin = factories.association_item(plan, month=10)
    services.council_plan_take(plan=council_plan, items=[origin])
    with pytest.raises(ValidationError):
        services.plan_item_delete(item=origin)
    assert AssociationPlanItem.objects.filter(pk=origin.pk).exists()


# --- Copy into the next year ---


def test_copy_an_association_plan_into_the_next_year(world, plan):
    next_year = make_year(world.school, world.year.start_date.year + 1)
    leaver = StaffFactory(school=world.school, left_on=world.year.end_date)
    done = factories.association_item(
        plan, "Семинар", month=10, responsible=[world.staff["mahead"], leaver]
    )
    services.plan_item_set_status(item=done, status=ItemStatus.DONE)
    factories.association_item(plan, "Олимпиада", quarter=3)
    new_plan = services.association_plan_copy(plan=plan)
    assert new_plan.academic_year == next_year
    copies = {i.activity: i for i in new_plan.items.all()}
    seminar = copies["Семинар"]
    assert seminar.status == ItemStatus.PLANNED
    assert seminar.planned_start == datetime.date(next_year.start_date.year, 10, 1)
    assert seminar.copied_from == done
    assert list(seminar.responsible.all()) == [world.staff["mahead"]]
    assert copies["Олимпиада"].planned_start == next_year.quarters.get(number=3).start_date
    # A second copy would double the items: refused, nothing added.
    with pytest.raises(ValidationError):
        services.association_plan_copy(plan=plan)
    assert new_plan.items.count() == 2


def test_copy_without_a_next_year_is_refused(world, plan):
    factories.association_item(plan, month=10)
    with pytest.raises(ValidationError):
        services.association_plan_copy(plan=plan)
    assert AssociationPlan.objects.count() == 1


def test_copy_of_the_council_plan_links_to_the_copied_association_items(world, plan, council_plan):
    next_year = make_year(world.school, world.year.start_date.year + 1)
    CouncilFactory(academic_year=next_year)
    origin = factories.association_item(plan, "Ачык сабак", month=11)
    factories.council_item(council_plan, "Педагогикалык окуулар", quarter=4)
    services.council_plan_take(plan=council_plan, items=[origin])
    services.association_plan_copy(plan=plan)
    new_plan = services.council_plan_copy(plan=council_plan)
    taken = new_plan.items.get(activity="Ачык сабак")
    assert taken.origin_item.plan.academic_year == next_year
    assert taken.origin_item.copied_from == origin
    assert new_plan.items.get(activity="Педагогикалык окуулар").origin_item is None


def test_council_copy_is_transactional(world, council_plan):
    """Without the next year's council nothing is created, not even an empty plan."""
    make_year(world.school, world.year.start_date.year + 1)
    factories.council_item(council_plan, quarter=2)
    with pytest.raises(ValidationError):
        services.council_plan_copy(plan=council_plan)
    assert CouncilPlan.objects.count() == 1


# --- Meetings ---


def test_put_a_council_item_on_a_meetings_agenda(world, council_plan):
    item = factories.council_item(
        council_plan,
        "Жаш адистердин сабактарын талдоо",
        quarter=2,
        responsible=[world.staff["deputy"]],
    )
    meeting = plan_meeting(world.council, world.year.start_date + datetime.timedelta(days=70))
    agenda_item = services.council_item_put_on_agenda(item=item, meeting=meeting)
    item.refresh_from_db()
    assert item.agenda_item == agenda_item
    assert agenda_item.meeting == meeting
    assert agenda_item.title == "Жаш адистердин сабактарын талдоо"
    assert list(agenda_item.plan_items.all()) == [item]
    with pytest.raises(ValidationError) as error:
        services.council_item_put_on_agenda(item=item, meeting=meeting)
    assert "meeting" in error.value.message_dict
    assert meeting.agenda_items.filter(title=item.activity).count() == 1


def test_only_a_meeting_of_the_same_council_year(world, council_plan):
    next_year = make_year(world.school, world.year.start_date.year + 1)
    other_council = CouncilFactory(academic_year=next_year)
    meeting = plan_meeting(other_council)
    item = factories.council_item(council_plan, quarter=2)
    with pytest.raises(ValidationError) as error:
        services.council_item_put_on_agenda(item=item, meeting=meeting)
    assert "meeting" in error.value.message_dict
    assert not meeting.agenda_items.filter(title=item.activity).exists()


def test_an_association_of_another_school_cannot_have_a_plan_in_this_year(world):
    foreign = AssociationFactory(school=world.other_school)
    with pytest.raises(ValidationError):
        services.association_plan_create(association=foreign, academic_year=world.year)
    assert not AssociationPlan.objects.exists()
