"""Reads for the home page of each role and the choice of a report's period.

Every list on the home page is cut to a few rows with the full count beside it, and every
row's related objects are fetched with it: the page's number of queries does not grow
with the data.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils.translation import gettext as _

from council.models import Council
from meetings import selectors as meeting_selectors
from meetings.models import Decision, Meeting
from members.models import MethodicalAssociation, Staff
from observations import selectors as observation_selectors
from observations.models import Observation
from observations.permissions import staff_of
from plans.models import AssociationPlan, AssociationPlanItem, CouncilPlanItem, ItemStatus
from plans.selectors import Progress
from school import permissions as school_permissions
from school.models import AcademicYear, Quarter, School
from school.selectors import current_academic_year, today

from . import metrics

LIST_LIMIT = 8


def default_quarter(school: School) -> Quarter | None:
    """The quarter holding today; in the holidays the last one begun; else the first one."""
    year = current_academic_year(school)
    if year is None:
        return None
    quarters = list(
        Quarter.objects.filter(academic_year=year)
        .select_related("academic_year__school")
        .order_by("number")
    )
    day = today()
    begun = [q for q in quarters if q.start_date <= day]
    for quarter in quarters:
        if quarter.contains(day):
            return quarter
    return begun[-1] if begun else (quarters[0] if quarters else None)


def quarter_of_year(year: AcademicYear, number: int) -> Quarter | None:
    return (
        Quarter.objects.filter(academic_year=year, number=number)
        .select_related("academic_year__school")
        .first()
    )


@dataclass
class Shortlist:
    """The first rows of a list and how many there are in all."""

    rows: list
    count: int

    @classmethod
    def of(cls, queryset, limit=LIST_LIMIT) -> "Shortlist":
        return cls(rows=list(queryset[:limit]), count=queryset.count())

    @property
    def more(self) -> int:
        return self.count - len(self.rows)


# The cadence of the current quarter (R4.5, P5.4) --------------------------------------


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


def cadence_now(school: School) -> Cadence | None:
    day = today()
    quarter = (
        Quarter.objects.filter(academic_year__school=school, start_date__lte=day, end_date__gte=day)
        .select_related("academic_year")
        .first()
    )
    if quarter is None:
        return None
    meetings = Meeting.objects.filter(
        council__academic_year=quarter.academic_year,
        date__gte=quarter.start_date,
        date__lte=quarter.end_date,
    ).order_by("date", "number")
    held, planned = [], []
    for meeting in meetings:
        (planned if meeting.is_planned else held).append(meeting)
    return Cadence(quarter=quarter, held=held, planned=planned)


# The deputy ------------------------------------------------------------------------------


def next_meeting(school: School) -> Meeting | None:
    return (
        Meeting.objects.filter(
            council__academic_year__school=school,
            date__gte=today(),
            status=Meeting.Status.PLANNED,
        )
        .select_related("council__academic_year")
        .annotate(n_items=Count("agenda_items"))
        .order_by("date", "time", "number")
        .first()
    )


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


def plan_items_due_this_month(school: School) -> Shortlist:
    """Items still planned whose planned date ends this month: the associations' items and
    the council's own (an item taken from an association's plan is that item)."""
    day = today()
    first, last = month_bounds(day)
    due = {"status": ItemStatus.PLANNED, "planned_end__gte": first, "planned_end__lte": last}
    association_items = (
        AssociationPlanItem.objects.filter(plan__association__school=school, **due)
        .select_related("plan__association")
        .order_by("planned_end", "pk")
    )
    council_items = (
        CouncilPlanItem.objects.filter(
            plan__council__academic_year__school=school, origin_item__isnull=True, **due
        )
        .select_related("plan")
        .order_by("planned_end", "pk")
    )
    rows = [
        DueItem(
            i.activity,
            i.planned_end,
            i.plan.association.name,
            "plans:association_plan",
            i.plan_id,
            i.planned_end < day,
        )
        for i in association_items[:LIST_LIMIT]
    ] + [
        DueItem(
            i.activity,
            i.planned_end,
            _("Methodical council"),
            "plans:council_plan",
            i.plan_id,
            i.planned_end < day,
        )
        for i in council_items[:LIST_LIMIT]
    ]
    rows.sort(key=lambda r: r.planned_end)
    count = association_items.count() + council_items.count()
    return Shortlist(rows=rows[:LIST_LIMIT], count=count)


def visits_awaiting_acknowledgement(school: School) -> Shortlist:
    """The school's submitted visits the observed teacher has not acknowledged yet."""
    visits = (
        Observation.objects.filter(school=school, status=Observation.Status.SUBMITTED)
        .select_related("teacher", "observer", "subject")
        .order_by("submitted_on", "date", "pk")
    )
    return Shortlist.of(visits)


@dataclass
class DeputyHome:
    next_meeting: Meeting | None
    cadence: Cadence | None
    overdue_decisions: Shortlist
    plan_items_due: Shortlist
    awaiting_visits: Shortlist
    month: datetime.date


def deputy_home(user) -> DeputyHome:
    school = user.school
    overdue = meeting_selectors.decisions(school=school, filters={"status": "overdue"})
    return DeputyHome(
        next_meeting=next_meeting(school),
        cadence=cadence_now(school),
        overdue_decisions=Shortlist.of(overdue),
        plan_items_due=plan_items_due_this_month(school),
        awaiting_visits=visits_awaiting_acknowledgement(school),
        month=today(),
    )


# A member or teacher; the secretary and the head of an association add to it ---------


@dataclass
class AssociationProgress:
    association: MethodicalAssociation
    plan: AssociationPlan | None
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


def _open_decisions_of(staff: Staff):
    return meeting_selectors.decisions(
        school=staff.school, filters={"responsible": staff, "status": Decision.Status.OPEN}
    )


def protocols_to_write(staff: Staff):
    """Meetings this person is secretary of, already held (dated today or earlier) and not
    yet approved: the protocols still to write or finish (R5.3)."""
    return (
        Meeting.objects.filter(secretary=staff, date__lte=today())
        .exclude(status=Meeting.Status.APPROVED)
        .select_related("council__academic_year")
        .order_by("date", "number")
    )


def association_progress(staff: Staff, year: AcademicYear | None) -> list[AssociationProgress]:
    """The plan progress of the associations this person heads, in the year (R2.19, P4.2)."""
    associations = list(MethodicalAssociation.objects.filter(head=staff).order_by("name"))
    if not associations:
        return []
    day = today()
    plans = {}
    if year is not None:
        plans = {
            plan.association_id: plan
            for plan in AssociationPlan.objects.filter(
                association__in=associations, academic_year=year
            ).annotate(
                n_planned=Count("items", filter=~Q(items__status=ItemStatus.CANCELLED)),
                n_done=Count("items", filter=Q(items__status=ItemStatus.DONE)),
                n_overdue=Count(
                    "items",
                    filter=Q(items__status=ItemStatus.PLANNED, items__planned_end__lt=day),
                ),
            )
        }
    rows = []
    for association in associations:
        plan = plans.get(association.pk)
        progress = (
            Progress(done=plan.n_done, planned=plan.n_planned, overdue=plan.n_overdue)
            if plan
            else None
        )
        rows.append(AssociationProgress(association=association, plan=plan, progress=progress))
    return rows


def teacher_home(user) -> TeacherHome:
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
    about_me = observation_selectors.observations_about(user)
    home = TeacherHome(
        staff=staff,
        my_decisions=Shortlist.of(_open_decisions_of(staff)),
        my_visits=Shortlist.of(
            observation_selectors.my_observations(user).order_by(drafts_first, "-date", "-pk"),
            limit=5,
        ),
        visits_about_me=Shortlist.of(
            about_me.order_by(awaiting_first, "-date", "-pk"),
            limit=5,
        ),
        awaiting_count=about_me.filter(status=Observation.Status.SUBMITTED).count(),
    )
    year = current_academic_year(user.school)
    council = Council.objects.filter(academic_year=year).first() if year else None
    home.is_secretary = council is not None and council.secretary_id == staff.pk
    home.protocols_to_write = list(protocols_to_write(staff))
    home.associations = association_progress(staff, year)
    return home


# The director -----------------------------------------------------------------------------


@dataclass
class DirectorHome:
    quarter: Quarter | None
    figures: metrics.Figures | None
    overdue_decisions: int = 0
    awaiting_visits: int = 0


def director_home(user) -> DirectorHome:
    school = user.school
    quarter = default_quarter(school)
    if quarter is None:
        return DirectorHome(quarter=None, figures=None)
    year = AcademicYear.objects.select_related("school").get(pk=quarter.academic_year_id)
    day = today()
    return DirectorHome(
        quarter=quarter,
        figures=metrics.figures(year, metrics.Period.of_quarter(quarter), on=day),
        overdue_decisions=Decision.objects.filter(
            meeting__council__academic_year__school=school,
            status=Decision.Status.OPEN,
            due_date__lt=day,
        )
        .exclude(meeting__status=Meeting.Status.PLANNED)
        .count(),
        awaiting_visits=Observation.objects.filter(
            school=school, status=Observation.Status.SUBMITTED
        ).count(),
    )


def home_for(user) -> dict:
    """What the home page shows the user, by role."""
    if school_permissions.is_deputy(user):
        return {"kind": "deputy", "deputy": deputy_home(user)}
    if school_permissions.is_director(user):
        return {"kind": "director", "director": director_home(user)}
    return {"kind": "teacher", "teacher": teacher_home(user)}
