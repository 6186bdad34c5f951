"""Reads for the plan pages: a fixed number of queries whatever the number of items."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.models import Council
from meetings.models import Meeting
from members.models import MethodicalAssociation, Staff
from school.models import AcademicYear
from school.selectors import today

from .models import (
    AssociationPlan,
    AssociationPlanItem,
    CouncilPlan,
    CouncilPlanItem,
    Direction,
    ItemStatus,
    PlanItem,
    Programme,
)
from .timing import month_label

GROUPINGS = ("quarter", "direction", "responsible", "association")
GROUPING_LABELS = {
    "quarter": gettext_lazy("Quarter and month"),
    "direction": gettext_lazy("Direction"),
    "responsible": gettext_lazy("Responsible"),
    "association": gettext_lazy("Association"),
}


@dataclass
class Progress:
    """Done out of planned; a cancelled item no longer counts as planned."""

    done: int = 0
    planned: int = 0
    overdue: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.planned) if self.planned else 0

    def add(self, item, day):
        if item.counts_as_planned:
            self.planned += 1
        if item.is_done:
            self.done += 1
        if item.is_overdue(day):
            self.overdue += 1


@dataclass
class Group:
    key: object
    label: str
    items: list = field(default_factory=list)
    progress: Progress = field(default_factory=Progress)


def _responsible_prefetch():
    return Prefetch("responsible", queryset=Staff.objects.order_by("last_name", "first_name"))


def association_plan_items(plan: AssociationPlan) -> list:
    return list(
        AssociationPlanItem.objects.filter(plan=plan)
        .select_related("direction__programme")
        .prefetch_related(_responsible_prefetch(), "council_items")
    )


def council_plan_items(plan: CouncilPlan) -> list:
    return list(
        CouncilPlanItem.objects.filter(plan=plan)
        .select_related(
            "direction__programme", "origin_item__plan__association", "agenda_item__meeting"
        )
        .prefetch_related(_responsible_prefetch())
    )


def open_meetings(council):
    """Meetings of the council whose protocol is not approved yet, soonest first."""
    return (
        Meeting.objects.filter(council=council)
        .exclude(status=Meeting.Status.APPROVED)
        .order_by("date", "number")
    )


def annotate_items(items, year, day=None):
    """Set the labels and flags a page shows on each item."""
    day = day or today()
    for item in items:
        item.when_label = month_label(year, item.month) if item.month else None
        item.overdue = item.is_overdue(day)
    return items


def progress_of(items, day=None) -> Progress:
    day = day or today()
    progress = Progress()
    for item in items:
        progress.add(item, day)
    return progress


def group_items(items, by: str, day=None) -> list[Group]:
    """Group a plan's items for the page: by quarter (then month), direction, person, association."""
    day = day or today()
    groups: dict = {}

    def put(key, label, item):
        group = groups.setdefault(key, Group(key=key, label=label))
        group.items.append(item)
        group.progress.add(item, day)

    for item in items:
        if by == "direction":
            if item.direction_id:
                d = item.direction
                put((0, d.programme_id, d.order), str(d), item)
            else:
                put((1, 0, 0), _("Not tied to a direction"), item)
        elif by == "responsible":
            people = list(item.responsible.all())
            for person in people:
                put((0, person.last_name, person.first_name, person.pk), person.short_name, item)
            if not people:
                put((1, "", "", 0), _("No responsible person"), item)
        elif by == "association":
            origin = getattr(item, "origin_item", None)
            if origin is not None:
                association = origin.plan.association
                put((0, association.name), association.name, item)
            else:
                put((1, ""), _("The council's own items"), item)
        else:
            put(item.quarter, _("%(roman)s quarter") % {"roman": _roman(item.quarter)}, item)
    ordered = [groups[key] for key in sorted(groups)]
    for group in ordered:
        group.items.sort(key=lambda i: (i.quarter, i.planned_start, i.month or 0, i.pk))
    return ordered


def _roman(number):
    return ("I", "II", "III", "IV")[number - 1]


def year_overview(*, school, year: AcademicYear):
    """The year's council plan and every association with its plan (or none yet) and progress."""
    day = today()
    counts = {
        "n_planned": Count("items", filter=~Q(items__status=ItemStatus.CANCELLED)),
        "n_done": Count("items", filter=Q(items__status=ItemStatus.DONE)),
        "n_overdue": Count("items", filter=PlanItem.overdue_condition(day, prefix="items__")),
    }
    plans = {
        plan.association_id: plan
        for plan in AssociationPlan.objects.filter(academic_year=year).annotate(**counts)
    }
    rows = []
    for association in MethodicalAssociation.objects.filter(school=school).select_related("head"):
        plan = plans.get(association.pk)
        progress = (
            Progress(done=plan.n_done, planned=plan.n_planned, overdue=plan.n_overdue)
            if plan
            else None
        )
        rows.append({"association": association, "plan": plan, "progress": progress})
    council = Council.objects.filter(academic_year=year).first()
    council_plan = (
        CouncilPlan.objects.filter(council=council).annotate(**counts).first() if council else None
    )
    council_progress = (
        Progress(
            done=council_plan.n_done, planned=council_plan.n_planned, overdue=council_plan.n_overdue
        )
        if council_plan
        else None
    )
    return {
        "rows": rows,
        "council": council,
        "council_plan": council_plan,
        "council_progress": council_progress,
    }


def councils_without_plan(school):
    """The school's councils whose plan is not started yet, for the start form."""
    return Council.objects.filter(academic_year__school=school, plan__isnull=True).select_related(
        "academic_year"
    )


def takeable_items(plan: CouncilPlan):
    """The year's association items not yet in the council's plan, by association."""
    return (
        AssociationPlanItem.objects.filter(plan__academic_year=plan.council.academic_year)
        .exclude(council_items__plan=plan)
        .select_related("plan__association", "direction")
        .prefetch_related(_responsible_prefetch())
        .order_by("plan__association__name", "planned_start", "pk")
    )


def takeable_by_association(plan: CouncilPlan) -> list[tuple]:
    """The takeable items, annotated for the page, as (association, items) in name order."""
    by_association: dict = {}
    for item in annotate_items(list(takeable_items(plan)), plan.academic_year):
        by_association.setdefault(item.plan.association, []).append(item)
    return list(by_association.items())


def programmes(school):
    return Programme.objects.filter(school=school).prefetch_related(
        Prefetch("directions", queryset=Direction.objects.order_by("order"))
    )


def directions_for_year(year: AcademicYear):
    """Directions of the programmes that cover the academic year."""
    return (
        Direction.objects.filter(
            programme__school_id=year.school_id,
            programme__start_year__lte=year.end_date.year,
            programme__end_year__gte=year.start_date.year,
        )
        .select_related("programme")
        .order_by("programme__start_year", "order")
    )


def director_of(school):
    return (
        Staff.objects.filter(school=school, user__role="director", left_on__isnull=True)
        .order_by("pk")
        .first()
    )
