"""Writes on work plans. Each runs in one transaction and saves nothing when it refuses."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from council.models import Council
from members.models import MethodicalAssociation, Staff
from school.models import AcademicYear

from .models import (
    AssociationPlan,
    AssociationPlanItem,
    CouncilPlan,
    CouncilPlanItem,
    Direction,
    ItemStatus,
    Programme,
)
from .timing import month_dates, resolve_timing

# --- The development programme (R5.2) ---


@transaction.atomic
def programme_create(*, school, title: str, start_year: int, end_year: int) -> Programme:
    programme = Programme(school=school, title=title, start_year=start_year, end_year=end_year)
    _check_programme_years(programme)
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def programme_update(*, programme: Programme, title: str, start_year: int, end_year: int):
    programme.title, programme.start_year, programme.end_year = title, start_year, end_year
    _check_programme_years(programme)
    programme.full_clean()
    programme.save()
    return programme


def _check_programme_years(programme):
    if programme.end_year < programme.start_year:
        raise ValidationError(
            {"end_year": _("The programme must end in or after its first year.")}, code="order"
        )


@transaction.atomic
def direction_create(*, programme: Programme, title: str, order: int | None = None) -> Direction:
    if order is None:
        last = programme.directions.order_by("-order").first()
        order = last.order + 1 if last else 1
    direction = Direction(programme=programme, title=title, order=order)
    _check_direction_unique(direction)
    direction.full_clean()
    direction.save()
    return direction


@transaction.atomic
def direction_update(*, direction: Direction, title: str, order: int) -> Direction:
    direction.title, direction.order = title, order
    _check_direction_unique(direction)
    direction.full_clean()
    direction.save()
    return direction


def _check_direction_unique(direction):
    others = Direction.objects.filter(programme=direction.programme).exclude(pk=direction.pk)
    errors = {}
    if others.filter(order=direction.order).exists():
        errors["order"] = _("The programme already has a direction with this number.")
    if others.filter(title=direction.title).exists():
        errors["title"] = _("The programme already has a direction with this title.")
    if errors:
        raise ValidationError(errors)


# --- Plans ---


@transaction.atomic
def association_plan_create(
    *, association: MethodicalAssociation, academic_year: AcademicYear
) -> AssociationPlan:
    if AssociationPlan.objects.filter(
        association=association, academic_year=academic_year
    ).exists():
        raise ValidationError(
            {"academic_year": _("The association already has a plan for this year.")},
            code="exists",
        )
    plan = AssociationPlan(association=association, academic_year=academic_year)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def council_plan_create(*, council: Council) -> CouncilPlan:
    if CouncilPlan.objects.filter(council=council).exists():
        raise ValidationError(
            {"academic_year": _("The council already has a plan for this year.")}, code="exists"
        )
    plan = CouncilPlan(council=council)
    plan.save()
    return plan


# --- Items ---


def _check_responsible(responsible, school_id) -> list[Staff]:
    people = list(responsible)
    if any(person.school_id != school_id for person in people):
        raise ValidationError(
            {"responsible": _("Choose responsible people of this school only.")},
            code="other_school",
        )
    return people


def _apply_fields(
    item, *, activity, form, month, quarter, responsible, expected_result, direction
) -> list[Staff]:
    """Check and set the fields an editor fills in; the responsible people are returned."""
    year = item.plan.academic_year
    errors = {}
    if not (activity or "").strip():
        errors["activity"] = _("Describe the activity.")
    try:
        timing = resolve_timing(
            year=year, quarters=list(year.quarters.all()), month=month, quarter=quarter
        )
    except ValidationError as error:
        errors.update(error.message_dict)
        timing = None
    try:
        people = _check_responsible(responsible, year.school_id)
    except ValidationError as error:
        errors.update(error.message_dict)
        people = []
    if direction is not None and direction.programme.school_id != year.school_id:
        errors["direction"] = _("Choose a direction of this school's programme.")
    if errors:
        raise ValidationError(errors)
    item.activity = activity.strip()
    item.form = form
    item.month, item.quarter = timing.month, timing.quarter
    item.planned_start, item.planned_end = timing.start, timing.end
    item.expected_result = (expected_result or "").strip()
    item.direction = direction
    return people


@transaction.atomic
def plan_item_create(
    *, plan: AssociationPlan | CouncilPlan, **fields
) -> AssociationPlanItem | CouncilPlanItem:
    """Add an item to a plan of either kind; ``fields`` are those of ``plan_item_update``."""
    return plan_item_update(item=plan.items.model(plan=plan), **fields)


@transaction.atomic
def plan_item_update(
    *,
    item,
    activity: str,
    form: str,
    month: int | None = None,
    quarter: int | None = None,
    responsible=(),
    expected_result: str = "",
    direction: Direction | None = None,
):
    """Edit an item of either plan (its status is changed with plan_item_set_status)."""
    people = _apply_fields(
        item,
        activity=activity,
        form=form,
        month=month,
        quarter=quarter,
        responsible=responsible,
        expected_result=expected_result,
        direction=direction,
    )
    item.full_clean()
    item.save()
    item.responsible.set(people)
    return item


@transaction.atomic
def plan_item_set_status(*, item, status: str, moved_to=None, note: str = ""):
    """Set an item's status; a taken item and its origin change together (R5.1).

    The council's copy mirrors the origin: whichever side is changed, the origin and every
    council item taken from it get the same status, new date and note, or none of them does.
    """
    if status not in ItemStatus.values:
        raise ValidationError({"status": _("Choose a status.")}, code="status")
    if isinstance(item, CouncilPlanItem) and item.origin_item_id:
        origin = AssociationPlanItem.objects.select_for_update().get(pk=item.origin_item_id)
    elif isinstance(item, AssociationPlanItem):
        origin = AssociationPlanItem.objects.select_for_update().get(pk=item.pk)
    else:
        origin = None
    linked = list(origin.council_items.all()) if origin else []
    rows = [item] if origin is None else [origin, *linked]
    for row in rows:
        row.status = status
        row.moved_to = moved_to if status == ItemStatus.MOVED else None
        row.status_note = (note or "").strip()
        row.full_clean()
    for row in rows:
        row.save(update_fields=["status", "moved_to", "status_note"])
    item.status, item.moved_to, item.status_note = (
        rows[0].status,
        rows[0].moved_to,
        rows[0].status_note,
    )
    return item


@transaction.atomic
def plan_item_delete(*, item) -> None:
    if isinstance(item, AssociationPlanItem) and item.council_items.exists():
        raise ValidationError(
            _(
                "This item is in the council's plan: remove it from the council's plan first, "
                "or mark it cancelled."
            ),
            code="taken",
        )
    item.delete()


# --- The council's plan built from the associations' plans (R5.1) ---


@transaction.atomic
def council_plan_take(*, plan: CouncilPlan, items) -> list[CouncilPlanItem]:
    """Take association items into the council's plan, keeping the link to each origin."""
    items = list(items)
    if not items:
        raise ValidationError({"items": _("Choose at least one item to take.")}, code="empty")
    CouncilPlan.objects.select_for_update().filter(pk=plan.pk).first()
    taken_ids = set(
        plan.items.filter(origin_item__in=items).values_list("origin_item_id", flat=True)
    )
    already = [i for i in items if i.pk in taken_ids]
    if already:
        raise ValidationError(
            {
                "items": _("Already in the council's plan: %(items)s.")
                % {"items": "; ".join(i.activity for i in already)}
            },
            code="taken_twice",
        )
    created = []
    for origin in items:
        copy = CouncilPlanItem(
            plan=plan,
            origin_item=origin,
            activity=origin.activity,
            form=origin.form,
            month=origin.month,
            quarter=origin.quarter,
            planned_start=origin.planned_start,
            planned_end=origin.planned_end,
            expected_result=origin.expected_result,
            status=origin.status,
            moved_to=origin.moved_to,
            status_note=origin.status_note,
            direction=origin.direction,
        )
        copy.full_clean()
        try:
            with transaction.atomic():
                copy.save()
        except IntegrityError as error:
            raise ValidationError(
                {
                    "items": _(
                        "This item of the association's plan is already in the council's plan."
                    )
                },
                code="taken_twice",
            ) from error
        copy.responsible.set(origin.responsible.all())
        created.append(copy)
    return created


# --- Copy into the next year ---


def next_academic_year(year: AcademicYear) -> AcademicYear | None:
    return (
        AcademicYear.objects.filter(school_id=year.school_id, start_date__gt=year.start_date)
        .order_by("start_date")
        .first()
    )


def _copy_timing(item, new_year, quarters):
    """The same month a year on (or the same quarter); a month the new year lacks keeps the quarter."""
    month = item.month
    if month is not None:
        first, last = month_dates(new_year, month)
        if first > new_year.end_date or last < new_year.start_date:
            month = None
    return resolve_timing(year=new_year, quarters=quarters, month=month, quarter=item.quarter)


def _copy_items(source_items, make_item, new_year):
    quarters = list(new_year.quarters.all())
    created = []
    for item in source_items:
        timing = _copy_timing(item, new_year, quarters)
        copy = make_item(item)
        copy.activity = item.activity
        copy.form = item.form
        copy.month, copy.quarter = timing.month, timing.quarter
        copy.planned_start, copy.planned_end = timing.start, timing.end
        copy.expected_result = item.expected_result
        copy.direction = item.direction
        copy.status, copy.moved_to, copy.status_note = ItemStatus.PLANNED, None, ""
        copy.copied_from = item
        copy.full_clean()
        copy.save()
        # People who have left the school are not planned for next year.
        copy.responsible.set([p for p in item.responsible.all() if p.left_on is None])
        created.append(copy)
    return created


@transaction.atomic
def association_plan_copy(*, plan: AssociationPlan) -> AssociationPlan:
    """Copy the plan's items into the next year's plan: status planned, months a year on."""
    new_year = next_academic_year(plan.academic_year)
    if new_year is None:
        raise ValidationError(
            _("There is no next academic year yet: add it to the calendar first."),
            code="no_next_year",
        )
    target, _created = AssociationPlan.objects.get_or_create(
        association=plan.association, academic_year=new_year
    )
    if target.items.exists():
        raise ValidationError(
            _("The plan for %(year)s already has items; nothing was copied.")
            % {"year": new_year.name},
            code="target_not_empty",
        )
    items = plan.items.select_related("direction").prefetch_related("responsible")
    _copy_items(items, lambda _item: AssociationPlanItem(plan=target), new_year)
    return target


@transaction.atomic
def council_plan_copy(*, plan: CouncilPlan) -> CouncilPlan:
    """Copy the council's plan into the next year.

    An item taken from an association is linked to that item's copy when the association's
    plan has already been copied into the next year; otherwise it becomes the council's own.
    """
    new_year = next_academic_year(plan.academic_year)
    if new_year is None:
        raise ValidationError(
            _("There is no next academic year yet: add it to the calendar first."),
            code="no_next_year",
        )
    council = Council.objects.filter(academic_year=new_year).first()
    if council is None:
        raise ValidationError(
            _("The council of %(year)s has not been formed yet; nothing was copied.")
            % {"year": new_year.name},
            code="no_council",
        )
    target, _created = CouncilPlan.objects.get_or_create(council=council)
    if target.items.exists():
        raise ValidationError(
            _("The plan for %(year)s already has items; nothing was copied.")
            % {"year": new_year.name},
            code="target_not_empty",
        )
    items = list(plan.items.select_related("direction").prefetch_related("responsible"))
    origin_ids = [i.origin_item_id for i in items if i.origin_item_id]
    copies_of_origins = {
        copy.copied_from_id: copy
        for copy in AssociationPlanItem.objects.filter(
            copied_from_id__in=origin_ids, plan__academic_year=new_year
        )
    }

    def make(item):
        return CouncilPlanItem(plan=target, origin_item=copies_of_origins.get(item.origin_item_id))

    _copy_items(items, make, new_year)
    return target


# --- Meetings ---


@transaction.atomic
def council_item_put_on_agenda(*, item: CouncilPlanItem, meeting, user=None):
    """Put a council plan item on a planned meeting's agenda, linking the agenda item to it."""
    from meetings import services as meeting_services

    if item.agenda_item_id:
        raise ValidationError(
            {"meeting": _("This item is already on a meeting's agenda.")}, code="on_agenda"
        )
    if meeting.council_id != item.plan.council_id:
        raise ValidationError(
            {"meeting": _("Choose a meeting of the same council year.")}, code="other_year"
        )
    if meeting.is_approved:
        raise ValidationError(
            {"meeting": _("The protocol of this meeting is approved: choose a meeting to come.")},
            code="approved",
        )
    agenda_item = meeting_services.agenda_item_add(
        meeting=meeting, title=item.activity[:500], speakers=item.responsible.all(), user=user
    )
    item.agenda_item = agenda_item
    item.save(update_fields=["agenda_item"])
    return agenda_item


@transaction.atomic
def council_items_put_on_agenda(*, items, meeting, user=None):
    """Put several council plan items on one meeting's agenda, all of them or none."""
    return [council_item_put_on_agenda(item=item, meeting=meeting, user=user) for item in items]
