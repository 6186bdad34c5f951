"""Reads for the home page of each role, as of the calendar's day (today).

The school's calendar (years, quarters, councils) is read once per page
(metrics.report_calendar, a school.selectors.Calendar).

Every list on the home page is cut to a few rows with the full count beside it, and every
row's related objects are fetched with it: the page's number of queries does not grow
with the data.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Max, Q, Value, When, Window
from django.utils.translation import gettext as _

from meetings.models import Decision, Meeting
from members.models import MethodicalAssociation, Staff
from members.permissions import staff_of
from observations import selectors as observation_selectors
from observations.models import Observation
from plans.models import AssociationPlanItem, CouncilPlanItem, ItemStatus, PlanItem
from plans.selectors import Progress
from school import permissions as school_permissions
from school.models import AcademicYear, Quarter, School
from school.selectors import Calendar

from . import metrics

LIST_LIMIT = 8


@dataclass
class Shortlist:
    """The first rows of a list and how many there are in all."""

    rows: list
    count: int

    @classmethod
    def of(cls, queryset, limit=LIST_LIMIT) -> "Shortlist":
        """One query: each row carries the count of the whole list (a window over it)."""
        rows = list(queryset.annotate(total_rows=Window(Count("pk")))[:limit])
        return cls(rows=rows, count=rows[0].total_rows if rows else 0)

    @property
    def more(self) -> int:
        return self.count - len(self.rows)


# The cadence of the current quarter (R4.5, P5.4) and the next meeting -------------------


@dataclass
class Cadence:
    quarter: Quarter
    held: list
    planned: list

    @property
    def state(self) -> str:
        if self.held:
            return "held"
        return "planned" if self.planned else "none"


def meetings_now(
    school: School, quarter: Quarter | None, *, on: datetime.date
) -> tuple[Cadence | None, Meeting | None]:
    """The current quarter's meetings (R4.5, P5.4) and the next planned meeting, in one
    query: the meetings of the quarter, and the planned ones from the day on (a few)."""
    wanted = Q(status=Meeting.Status.PLANNED, date__gte=on)
    if quarter is not None:
        wanted |= Q(
            council__academic_year_id=quarter.academic_year_id,
            date__gte=quarter.start_date,
            date__lte=quarter.end_date,
        )
    meetings = list(
        Meeting.objects.filter(council__academic_year__school=school)
        .filter(wanted)
        .select_related("council")
        .annotate(n_items=Count("agenda_items"))
        .order_by("date", "time", "number")
    )
    following = next((m for m in meetings if m.is_planned and m.date >= on), None)
    if quarter is None:
        return None, following
    held, planned = [], []
    for meeting in sorted(meetings, key=lambda m: (m.date, m.number)):
        if meeting.council.academic_year_id == quarter.academic_year_id and quarter.contains(
            meeting.date
        ):
            (planned if meeting.is_planned else held).append(meeting)
    return Cadence(quarter=quarter, held=held, planned=planned), following


def month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


@dataclass
class DueItem:
    activity: str
    planned_end: datetime.date
    plan_label: str
    url_name: str
    plan_pk: int
    overdue: bool


def plan_items_due_this_month(school: School, *, on: datetime.date) -> Shortlist:
    """Items still planned whose planned date ends this month: the associations' items and
    the council's own (an item taken from an association's plan is that item)."""
    first, last = month_bounds(on)
    due = {"status": ItemStatus.PLANNED, "planned_end__gte": first, "planned_end__lte": last}
    association_items = Shortlist.of(
        AssociationPlanItem.objects.filter(plan__association__school=school, **due)
        .select_related("plan__association")
        .order_by("planned_end", "pk")
    )
    council_items = Shortlist.of(
        CouncilPlanItem.objects.filter(
            plan__council__academic_year__school=school, origin_item__isnull=True, **due
        ).order_by("planned_end", "pk")
    )
    rows = [
        DueItem(
            i.activity,
            i.planned_end,
            i.plan.association.name,
            "plans:association_plan",
            i.plan_id,
            i.is_overdue(on),
        )
        for i in association_items.rows
    ] + [
        DueItem(
            i.activity,
            i.planned_end,
            _("Methodical council"),
            "plans:council_plan",
            i.plan_id,
            i.is_overdue(on),
        )
        for i in council_items.rows
    ]
    rows.sort(key=lambda r: r.planned_end)
    return Shortlist(rows=rows[:LIST_LIMIT], count=association_items.count + council_items.count)


def _adopted_decisions(school_id: int):
    """R4.4: the school's decisions adopted at meetings held (a planned meeting adopts none
    yet), in the register's order: by due date, then as adopted."""
    return (
        Decision.objects.filter(meeting__council__academic_year__school_id=school_id)
        .exclude(meeting__status=Meeting.Status.PLANNED)
        .select_related("meeting")
        .order_by("due_date", "meeting__date", "meeting__number", "number")
    )


def overdue_decisions(school: School, *, on: datetime.date):
    """R4.4: the school's open decisions past their due date, adopted at meetings held
    (as the decision register's "overdue" filter)."""
    return _adopted_decisions(school.pk).overdue(on=on).prefetch_related("responsible")


def awaiting_acknowledgement(school: School):
    """The school's submitted visits the observed teacher has not acknowledged yet."""
    return Observation.objects.filter(school=school, status=Observation.Status.SUBMITTED)


def visits_awaiting_acknowledgement(school: School) -> Shortlist:
    return Shortlist.of(
        awaiting_acknowledgement(school)
        .select_related("teacher", "observer", "subject")
        .order_by("submitted_on", "date", "pk")
    )


@dataclass
class DeputyHome:
    next_meeting: Meeting | None
    cadence: Cadence | None
    overdue_decisions: Shortlist
    plan_items_due: Shortlist
    awaiting_visits: Shortlist
    month: datetime.date


def deputy_home(user, calendar: Calendar) -> DeputyHome:
    school = user.school
    day = calendar.day
    cadence, following = meetings_now(school, calendar.current_quarter, on=day)
    return DeputyHome(
        next_meeting=following,
        cadence=cadence,
        overdue_decisions=Shortlist.of(overdue_decisions(school, on=day)),
        plan_items_due=plan_items_due_this_month(school, on=day),
        awaiting_visits=visits_awaiting_acknowledgement(school),
        month=day,
    )


# A member or teacher; the secretary and the head of an association add to it ---------


@dataclass
class AssociationProgress:
    association: MethodicalAssociation
    plan_pk: int | None
    progress: Progress | None


@dataclass
class TeacherHome:
    staff: Staff | None
    my_decisions: Shortlist
    my_visits: Shortlist
    visits_about_me: Shortlist
    awaiting_count: int
    is_secretary: bool = False
    protocols_to_write: list = field(default_factory=list)
    associations: list[AssociationProgress] = field(default_factory=list)


def open_decisions_of(staff: Staff):
    """R4.4: the open decisions the person is responsible for, adopted at meetings held."""
    return _adopted_decisions(staff.school_id).filter(
        responsible=staff, status=Decision.Status.OPEN
    )


def protocols_to_write(staff: Staff, *, on: datetime.date):
    """Meetings this person is secretary of, already held (dated on the day or earlier) and not
    yet approved: the protocols still to write or finish (R5.3)."""
    return (
        Meeting.objects.filter(secretary=staff, date__lte=on)
        .exclude(status=Meeting.Status.APPROVED)
        .order_by("date", "number")
    )


def association_progress(
    staff: Staff, year: AcademicYear | None, *, on: datetime.date
) -> list[AssociationProgress]:
    """The plan progress of the associations this person heads, in the year (R2.19, P4.2):
    one query, each association with its plan of the year counted."""
    in_year = Q(plans__academic_year=year)
    items = "plans__items__status"
    associations = MethodicalAssociation.objects.filter(head=staff).order_by("name")
    if year is not None:
        associations = associations.annotate(
            plan_pk=Max("plans__pk", filter=in_year),
            n_planned=Count("plans__items", filter=in_year & ~Q(**{items: ItemStatus.CANCELLED})),
            n_done=Count("plans__items", filter=in_year & Q(**{items: ItemStatus.DONE})),
            n_overdue=Count(
                "plans__items",
                filter=in_year & PlanItem.overdue_condition(on, prefix="plans__items__"),
            ),
        )
    rows = []
    for association in associations:
        plan_pk = getattr(association, "plan_pk", None)
        progress = None
        if plan_pk is not None:
            progress = Progress(
                done=association.n_done,
                planned=association.n_planned,
                overdue=association.n_overdue,
            )
        rows.append(
            AssociationProgress(association=association, plan_pk=plan_pk, progress=progress)
        )
    return rows


def _visit_rows(queryset):
    # Only what a line of the home page shows; the scores stay behind.
    return queryset.prefetch_related(None).select_related("teacher", "observer", "subject")


def teacher_home(user, calendar: Calendar) -> TeacherHome:
    staff = staff_of(user)
    if staff is None:
        empty = Shortlist(rows=[], count=0)
        return TeacherHome(
            staff=None, my_decisions=empty, my_visits=empty, visits_about_me=empty, awaiting_count=0
        )
    drafts_first = Case(
        When(status=Observation.Status.DRAFT, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    awaiting_first = Case(
        When(status=Observation.Status.SUBMITTED, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    about_me = list(
        _visit_rows(observation_selectors.observations_about(user))
        .annotate(
            total_rows=Window(Count("pk")),
            awaiting=Window(Count("pk", filter=Q(status=Observation.Status.SUBMITTED))),
        )
        .order_by(awaiting_first, "-date", "-pk")[:5]
    )
    year = calendar.current_year
    council = metrics.council_of(calendar, year)
    return TeacherHome(
        staff=staff,
        my_decisions=Shortlist.of(open_decisions_of(staff)),
        my_visits=Shortlist.of(
            _visit_rows(observation_selectors.my_observations(user)).order_by(
                drafts_first, "-date", "-pk"
            ),
            limit=5,
        ),
        visits_about_me=Shortlist(rows=about_me, count=about_me[0].total_rows if about_me else 0),
        awaiting_count=about_me[0].awaiting if about_me else 0,
        is_secretary=council is not None and council.secretary_id == staff.pk,
        protocols_to_write=list(protocols_to_write(staff, on=calendar.day)),
        associations=association_progress(staff, year, on=calendar.day),
    )


# The director -----------------------------------------------------------------------------


@dataclass
class DirectorHome:
    quarter: Quarter | None
    figures: metrics.Figures | None
    overdue_decisions: int = 0
    awaiting_visits: int = 0


def director_home(user, calendar: Calendar) -> DirectorHome:
    school = user.school
    quarter = calendar.default_quarter
    if quarter is None:
        return DirectorHome(quarter=None, figures=None)
    return DirectorHome(
        quarter=quarter,
        figures=metrics.figures(
            calendar, quarter.academic_year, metrics.Period.of_quarter(quarter), detail=False
        ),
        **attention_counts(school, on=calendar.day),
    )


def attention_counts(school: School, *, on: datetime.date) -> dict:
    """How many of the school's decisions are overdue and how many visits await the
    teacher's acknowledgement: one query."""
    overdue = overdue_decisions(school, on=on).prefetch_related(None)
    awaiting = awaiting_acknowledgement(school)
    return (
        School.objects.filter(pk=school.pk)
        .annotate(
            overdue_decisions=metrics.count_of(overdue, "meeting__council__academic_year__school"),
            awaiting_visits=metrics.count_of(awaiting, "school"),
        )
        .values("overdue_decisions", "awaiting_visits")
        .get()
    )


def home_kind(user) -> str:
    """Which home page the user has: the deputy's, the director's, or a member's."""
    if school_permissions.is_deputy(user):
        return "deputy"
    if school_permissions.is_director(user):
        return "director"
    return "teacher"


def home_for(user, calendar: Calendar) -> dict:
    """What the home page shows the user, by role."""
    kind = home_kind(user)
    build = {"deputy": deputy_home, "director": director_home, "teacher": teacher_home}[kind]
    return {"kind": kind, kind: build(user, calendar)}
