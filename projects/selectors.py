"""Reads for the pages: a fixed number of queries."""

from django.db.models import Count, Prefetch, QuerySet

from meetings.models import Meeting
from members.models import Staff
from plans.models import AssociationPlanItem, CouncilPlanItem
from school.models import School

from .models import Event, Group, Hearing, Project, Stage


def _people(name):
    return Prefetch(name, queryset=Staff.objects.order_by("last_name", "first_name"))


def _hearings():
    return Prefetch(
        "hearings",
        queryset=Hearing.objects.select_related("agenda_item__meeting").order_by(
            "agenda_item__meeting__date", "pk"
        ),
    )


def events(*, school: School, kind: str = "", status: str = "", year=None) -> QuerySet:
    rows = Event.objects.filter(school=school)
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    if year is not None:
        rows = rows.filter(starts_on__lte=year.end_date, ends_on__gte=year.start_date)
    # Meta.ordering does not apply to an aggregating query: order explicitly.
    return (
        rows.prefetch_related(_people("organisers"))
        .annotate(
            participant_count=Count("participants", distinct=True),
            material_count=Count("materials", distinct=True),
        )
        .order_by("-starts_on", "-pk")
    )


def event_detail() -> QuerySet:
    return Event.objects.select_related("school", "created_by").prefetch_related(
        _people("organisers"),
        _people("participants"),
        "materials",
        Prefetch(
            "council_plan_items",
            queryset=CouncilPlanItem.objects.select_related("plan__council__academic_year"),
        ),
        Prefetch(
            "association_plan_items",
            queryset=AssociationPlanItem.objects.select_related("plan__association"),
        ),
    )


def plan_items_for_choice(school: School, *, council: bool):
    """Plan items of the school, newest year first, for a select (one query each)."""
    if council:
        return CouncilPlanItem.objects.filter(plan__council__academic_year__school=school).order_by(
            "-plan__council__academic_year__start_date", "planned_start", "pk"
        )
    return (
        AssociationPlanItem.objects.filter(plan__association__school=school)
        .select_related("plan__association")
        .order_by(
            "-plan__academic_year__start_date", "plan__association__name", "planned_start", "pk"
        )
    )


def groups(*, school: School, kind: str = "") -> QuerySet:
    rows = Group.objects.filter(school=school)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.select_related("leader").prefetch_related(_people("members"), _hearings())


def group_detail() -> QuerySet:
    return Group.objects.select_related("school", "leader").prefetch_related(
        _people("members"), _hearings(), "projects"
    )


def projects(*, school: School, status: str = "") -> QuerySet:
    rows = Project.objects.filter(school=school)
    if status:
        rows = rows.filter(status=status)
    return rows.select_related("leader", "group").prefetch_related(
        Prefetch("stages", queryset=Stage.objects.order_by("position")), _hearings()
    )


def project_detail() -> QuerySet:
    return Project.objects.select_related("school", "leader", "group").prefetch_related(
        _people("participants"),
        Prefetch("stages", queryset=Stage.objects.order_by("position")),
        _hearings(),
    )


def meetings_for_agenda(school: School) -> QuerySet:
    """Meetings whose agenda can still take an item: not approved, nearest first."""
    return (
        Meeting.objects.filter(council__academic_year__school=school)
        .exclude(status=Meeting.Status.APPROVED)
        .order_by("date", "time")
    )
