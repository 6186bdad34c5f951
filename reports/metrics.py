"""The figures of the director's quarterly and annual reports (R0.3, R0.4, R2.4, R4.4, P2.5,
P3.6, P5.3), computed in the database: the number of queries does not grow with the rows.

The page and the PDF both read these dataclasses, so they show the same numbers.

How the figures are counted (the reports say so too):

- A period is a quarter, or the year up to the end of a quarter ("the year so far").
- Meetings: those of the year's council dated in the period and no longer planned (held,
  or with the protocol approved). Attendance is the members marked present out of the
  members on the roll; the percent of a period pools its meetings. A meeting has a quorum
  when more than the school's quorum share of its members is present. R4.5, P5.4: at
  least one meeting a quarter.
- Decisions (R4.4): those adopted at the period's meetings, in their state on the day the
  report is made: executed (done), cancelled, overdue (open, due date passed) or not yet
  due. The execution rate is executed out of adopted and not cancelled.
- Work-plan items (R5.1, R2.3): every activity once. The items of each methodical
  association's plan, and the council's own items (an item the council took from an
  association's plan mirrors that item's status and is not counted twice). Planned are the
  items planned into the period's quarters and not cancelled; done, and overdue (still
  only planned after the planned date), on the day the report is made.
- Lesson visits (R6.1, P2.1): submitted and acknowledged visits dated in the period
  (drafts are the observer's working copy). By association: visits about the teachers of
  each association (a teacher of two associations counts in both).
- Criteria (P2.5): the average score of each criterion, as a share of its scale, this
  quarter and the quarter before (the last quarter of the previous academic year for the
  first quarter). Criteria are matched by the name of their criteria set and their text,
  as the teacher's trends in the observations app do, so a criterion runs on across a
  new version of its card; a criterion the card dropped shows only its old average, a new
  one only its new average. A criterion whose average, in whole percent of the scale, is
  lower than the quarter before is flagged as fallen.
- Composition (R4.3, R7.1): members on the first and the last day of the period, who
  joined and who left in it, with the reason.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, FloatField, Max, Min, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from council.models import Council, CouncilMembership, LeaveReason
from council.selectors import members_on
from meetings.models import Decision, Meeting
from members.models import MethodicalAssociation
from observations.models import Observation, Purpose, Score
from plans.models import AssociationPlanItem, CouncilPlanItem, Direction, ItemStatus
from plans.selectors import Progress
from school.models import AcademicYear, Quarter
from school.selectors import today


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    quarters: tuple[int, ...]

    @classmethod
    def of_quarter(cls, quarter: Quarter) -> "Period":
        return cls(quarter.start_date, quarter.end_date, (quarter.number,))

    @classmethod
    def year_to(cls, quarter: Quarter) -> "Period":
        """The academic year from its first day to the end of the quarter."""
        year = quarter.academic_year
        return cls(year.start_date, quarter.end_date, tuple(range(1, quarter.number + 1)))

    @classmethod
    def of_year(cls, year: AcademicYear) -> "Period":
        return cls(year.start_date, year.end_date, (1, 2, 3, 4))


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


# Meetings (R4.5, P5.4) ------------------------------------------------------------------


@dataclass
class MeetingRow:
    pk: int
    number: int
    date: datetime.date
    status: str
    present: int
    total: int
    share: float

    @property
    def attendance_percent(self) -> int | None:
        return percent(self.present, self.total)

    @property
    def has_quorum(self) -> bool | None:
        """More than the school's share of the members present; None before attendance."""
        if not self.total:
            return None
        return self.present > self.total * self.share


@dataclass
class MeetingFigures:
    held: list[MeetingRow]
    planned: list[MeetingRow]
    ended: bool
    share: float

    @property
    def count(self) -> int:
        return len(self.held)

    @property
    def present(self) -> int:
        return sum(m.present for m in self.held)

    @property
    def total(self) -> int:
        return sum(m.total for m in self.held)

    @property
    def attendance_percent(self) -> int | None:
        return percent(self.present, self.total)

    @property
    def quorum_count(self) -> int:
        return sum(1 for m in self.held if m.has_quorum)

    @property
    def cadence(self) -> str:
        """R4.5: "held"; "planned" (only planned, the quarter not over); "missed"; "none"."""
        if self.held:
            return "held"
        if self.ended:
            return "missed"
        return "planned" if self.planned else "none"


def meeting_figures(year: AcademicYear, period: Period, *, on: datetime.date) -> MeetingFigures:
    share = float(year.school.quorum_share)
    rows = (
        Meeting.objects.filter(
            council__academic_year=year, date__gte=period.start, date__lte=period.end
        )
        .annotate(
            n_present=Count("attendance", filter=Q(attendance__present=True)),
            n_total=Count("attendance"),
        )
        .order_by("date", "number")
    )
    held, planned = [], []
    for meeting in rows:
        row = MeetingRow(
            pk=meeting.pk,
            number=meeting.number,
            date=meeting.date,
            status=meeting.status,
            present=meeting.n_present,
            total=meeting.n_total,
            share=share,
        )
        (planned if meeting.status == Meeting.Status.PLANNED else held).append(row)
    return MeetingFigures(held=held, planned=planned, ended=period.end < on, share=share)


# Decisions (R4.4) -----------------------------------------------------------------------


@dataclass
class DecisionFigures:
    adopted: int = 0
    executed: int = 0
    overdue: int = 0
    pending: int = 0
    cancelled: int = 0

    @property
    def counted(self) -> int:
        return self.adopted - self.cancelled

    @property
    def rate(self) -> int | None:
        """Executed out of adopted and not cancelled, in percent."""
        return percent(self.executed, self.counted)


def decision_figures(year: AcademicYear, period: Period, *, on: datetime.date) -> DecisionFigures:
    status = Decision.Status
    figures = (
        Decision.objects.filter(
            meeting__council__academic_year=year,
            meeting__date__gte=period.start,
            meeting__date__lte=period.end,
        )
        .exclude(meeting__status=Meeting.Status.PLANNED)
        .aggregate(
            adopted=Count("pk"),
            executed=Count("pk", filter=Q(status=status.DONE)),
            cancelled=Count("pk", filter=Q(status=status.CANCELLED)),
            overdue=Count("pk", filter=Q(status=status.OPEN, due_date__lt=on)),
            pending=Count("pk", filter=Q(status=status.OPEN, due_date__gte=on)),
        )
    )
    return DecisionFigures(**figures)


# Work-plan items (R5.1, R2.3) -----------------------------------------------------------


@dataclass
class PlanRow:
    label: str
    progress: Progress
    own: bool = False  # the council's own items, or items tied to no direction


@dataclass
class PlanFigures:
    by_association: list[PlanRow]
    by_direction: list[PlanRow]
    total: Progress


def _item_counts(on: datetime.date) -> dict:
    return {
        "planned": Count("pk", filter=~Q(status=ItemStatus.CANCELLED)),
        "done": Count("pk", filter=Q(status=ItemStatus.DONE)),
        "overdue": Count("pk", filter=Q(status=ItemStatus.PLANNED, planned_end__lt=on)),
        "items": Count("pk"),
    }


def _progress(row: dict | None) -> Progress:
    if not row:
        return Progress()
    return Progress(done=row["done"], planned=row["planned"], overdue=row["overdue"])


def _add(a: Progress, b: Progress) -> Progress:
    return Progress(
        done=a.done + b.done, planned=a.planned + b.planned, overdue=a.overdue + b.overdue
    )


def plan_figures(year: AcademicYear, period: Period, *, on: datetime.date) -> PlanFigures:
    counts = _item_counts(on)
    association_items = AssociationPlanItem.objects.filter(
        plan__academic_year=year, quarter__in=period.quarters
    ).order_by()
    # Items taken from an association's plan mirror it: only the council's own are added.
    own_items = CouncilPlanItem.objects.filter(
        plan__council__academic_year=year, origin_item__isnull=True, quarter__in=period.quarters
    ).order_by()
    per_association = {
        row["plan__association_id"]: row
        for row in association_items.values("plan__association_id").annotate(**counts)
    }
    own_row = own_items.aggregate(**counts)
    own = _progress(own_row)
    by_association = [
        PlanRow(label=a.name, progress=_progress(per_association.get(a.pk)))
        for a in MethodicalAssociation.objects.filter(school_id=year.school_id).order_by("name")
    ]
    if own_row["items"]:
        by_association.append(PlanRow(label=_("The council's own items"), progress=own, own=True))
    per_direction: dict = {}
    for queryset in (association_items, own_items):
        for row in queryset.values("direction_id").annotate(**counts):
            key = row["direction_id"]
            per_direction[key] = _add(per_direction.get(key, Progress()), _progress(row))
    directions = Direction.objects.filter(pk__in=[k for k in per_direction if k]).select_related(
        "programme"
    )
    by_direction = [
        PlanRow(label=str(d), progress=per_direction[d.pk])
        for d in sorted(directions, key=lambda d: (d.programme.start_year, d.order))
    ]
    if None in per_direction:
        by_direction.append(
            PlanRow(label=_("Not tied to a direction"), progress=per_direction[None], own=True)
        )
    total = Progress()
    for row in by_association:
        total = _add(total, row.progress)
    return PlanFigures(by_association=by_association, by_direction=by_direction, total=total)


# Lesson visits (R6.1, P2.1, P2.5) -------------------------------------------------------


@dataclass
class Average:
    """The average score of a criterion over a quarter's visits."""

    count: int
    value: float
    share: float
    scale: tuple[int, int] | None  # None when the scores were given on different scales

    @property
    def percent(self) -> int:
        return round(100 * self.share)


@dataclass
class CriterionRow:
    set_name: str
    text: str
    order: int
    previous: Average | None = None
    current: Average | None = None

    @property
    def change(self) -> int | None:
        """Points of the scale, in whole percent, gained (+) or lost (−) since the quarter before."""
        if self.previous is None or self.current is None:
            return None
        return self.current.percent - self.previous.percent

    @property
    def fell(self) -> bool:
        """P2.5: a negative change, detected in time."""
        return self.change is not None and self.change < 0


@dataclass
class VisitFigures:
    count: int
    by_purpose: list[tuple[str, int]]
    by_association: list[tuple[str, int]]
    outside_associations: int
    average: Average | None
    criteria: list[CriterionRow] = field(default_factory=list)

    @property
    def fallen(self) -> list[CriterionRow]:
        return [row for row in self.criteria if row.fell]


def _visits(year: AcademicYear, start: datetime.date, end: datetime.date):
    return Observation.objects.filter(
        school_id=year.school_id, date__gte=start, date__lte=end
    ).exclude(status=Observation.Status.DRAFT)


def _share():
    return Cast(F("value") - F("scale_min"), FloatField()) / Cast(
        F("scale_max") - F("scale_min"), FloatField()
    )


def _average(row: dict) -> Average | None:
    if not row or not row["n"]:
        return None
    one_scale = row["lo_min"] == row["lo_max"] and row["hi_min"] == row["hi_max"]
    return Average(
        count=row["n"],
        value=row["avg_value"],
        share=row["avg_share"],
        scale=(row["lo_min"], row["hi_min"]) if one_scale else None,
    )


def _score_aggregates() -> dict:
    return {
        "n": Count("pk"),
        "avg_value": Avg("value"),
        "avg_share": Avg(_share()),
        "lo_min": Min("scale_min"),
        "lo_max": Max("scale_min"),
        "hi_min": Min("scale_max"),
        "hi_max": Max("scale_max"),
    }


def _criterion_averages(visits) -> dict:
    rows = (
        Score.objects.filter(observation__in=visits.values("pk"))
        .order_by()
        .values("observation__criteria_set__name", "criterion__text")
        .annotate(order=Min("criterion__order"), **_score_aggregates())
    )
    return {(r["observation__criteria_set__name"], r["criterion__text"]): r for r in rows}


def criterion_rows(current: dict, previous: dict) -> list[CriterionRow]:
    """Both quarters' criteria, matched by set name and text; the most used set first."""
    rows: dict[tuple, CriterionRow] = {}
    for key in [*current, *previous]:
        if key in rows:
            continue
        source = current.get(key) or previous[key]
        rows[key] = CriterionRow(
            set_name=key[0],
            text=key[1],
            order=source["order"],
            previous=_average(previous.get(key)),
            current=_average(current.get(key)),
        )
    used: dict[str, int] = {}
    for key, row in current.items():
        used[key[0]] = used.get(key[0], 0) + row["n"]
    return sorted(rows.values(), key=lambda r: (-used.get(r.set_name, 0), r.set_name, r.order))


def visit_figures(
    year: AcademicYear, period: Period, *, previous: Period | None = None, criteria=False
) -> VisitFigures:
    visits = _visits(year, period.start, period.end)
    counts = dict(visits.order_by().values_list("purpose").annotate(n=Count("pk")))
    by_purpose = [(label, counts.get(value, 0)) for value, label in Purpose.choices]
    ids = visits.values("pk")
    associations = (
        MethodicalAssociation.objects.filter(school_id=year.school_id)
        .annotate(
            n=Count(
                "teachers__observations_received",
                filter=Q(teachers__observations_received__in=ids),
                distinct=True,
            )
        )
        .order_by("name")
    )
    outside = visits.filter(teacher__associations__isnull=True).count()
    overall = Score.objects.filter(observation__in=ids).aggregate(**_score_aggregates())
    figures = VisitFigures(
        count=sum(counts.values()),
        by_purpose=by_purpose,
        by_association=[(a.name, a.n) for a in associations],
        outside_associations=outside,
        average=_average(overall),
    )
    if criteria:
        before = (
            _criterion_averages(_visits(year, previous.start, previous.end)) if previous else {}
        )
        figures.criteria = criterion_rows(_criterion_averages(visits), before)
    return figures


# Composition (R4.3, R7.1) ---------------------------------------------------------------


@dataclass
class CompositionFigures:
    council: Council | None
    at_start: int = 0
    at_end: int = 0
    joined: list = field(default_factory=list)
    left: list = field(default_factory=list)


def _member_count(council, day):
    return members_on(council=council, day=day).values("staff_id").distinct().count()


def composition_figures(year: AcademicYear, period: Period) -> CompositionFigures:
    council = Council.objects.filter(academic_year=year).first()
    if council is None:
        return CompositionFigures(council=None)
    seats = CouncilMembership.objects.filter(council=council).select_related("staff")
    joined = seats.filter(joined_on__gte=period.start, joined_on__lte=period.end).order_by(
        "joined_on", "staff__last_name", "staff__first_name"
    )
    left = seats.filter(left_on__gte=period.start, left_on__lte=period.end).order_by(
        "left_on", "staff__last_name", "staff__first_name"
    )
    left = list(left)
    for seat in left:
        seat.reason_label = LeaveReason(seat.leave_reason).label if seat.leave_reason else ""
    return CompositionFigures(
        council=council,
        at_start=_member_count(council, period.start),
        at_end=_member_count(council, period.end),
        joined=list(joined),
        left=left,
    )


# The reports ------------------------------------------------------------------------------


@dataclass
class Figures:
    """Everything counted for one period."""

    period: Period
    meetings: MeetingFigures
    decisions: DecisionFigures
    plans: PlanFigures
    visits: VisitFigures
    composition: CompositionFigures


def figures(
    year: AcademicYear,
    period: Period,
    *,
    on: datetime.date,
    previous: Period | None = None,
    criteria: bool = False,
) -> Figures:
    return Figures(
        period=period,
        meetings=meeting_figures(year, period, on=on),
        decisions=decision_figures(year, period, on=on),
        plans=plan_figures(year, period, on=on),
        visits=visit_figures(year, period, previous=previous, criteria=criteria),
        composition=composition_figures(year, period),
    )


def previous_quarter(quarter: Quarter) -> Quarter | None:
    """The quarter before: in the same year, or the last one of the year before."""
    year = quarter.academic_year
    if quarter.number > 1:
        return Quarter.objects.filter(academic_year=year, number=quarter.number - 1).first()
    return (
        Quarter.objects.filter(
            academic_year__school_id=year.school_id,
            academic_year__start_date__lt=year.start_date,
            number=4,
        )
        .select_related("academic_year")
        .order_by("-academic_year__start_date")
        .first()
    )


@dataclass
class QuarterlyReport:
    year: AcademicYear
    quarter: Quarter
    previous_quarter: Quarter | None
    as_of: datetime.date
    quarter_figures: Figures
    year_so_far: Figures

    @property
    def school(self):
        return self.year.school

    @property
    def year_summary(self) -> list["SummaryRow"]:
        return summary([self.year_so_far])

    @property
    def filename(self) -> str:
        return (
            f"quarterly-report-{self.year.start_date.year}-{self.year.end_date.year}-"
            f"{self.quarter.roman}.pdf"
        )


def quarterly_report(quarter: Quarter, *, on: datetime.date | None = None) -> QuarterlyReport:
    on = on or today()
    year = quarter.academic_year
    previous = previous_quarter(quarter)
    return QuarterlyReport(
        year=year,
        quarter=quarter,
        previous_quarter=previous,
        as_of=on,
        quarter_figures=figures(
            year,
            Period.of_quarter(quarter),
            on=on,
            previous=Period.of_quarter(previous) if previous else None,
            criteria=True,
        ),
        year_so_far=figures(year, Period.year_to(quarter), on=on),
    )


@dataclass
class AnnualReport:
    year: AcademicYear
    as_of: datetime.date
    quarters: list[tuple[Quarter, Figures]]
    whole_year: Figures

    @property
    def school(self):
        return self.year.school

    @property
    def begun(self) -> list[bool]:
        """Whether each quarter has begun on the day of the report."""
        return [quarter.start_date <= self.as_of for quarter, _f in self.quarters]

    @property
    def missed(self) -> list[int]:
        """R4.5: the quarters (their numbers) that ended without a held meeting."""
        return [q.number for q, f in self.quarters if f.meetings.cadence == "missed"]

    @property
    def summary(self) -> list["SummaryRow"]:
        return summary([f for _q, f in self.quarters] + [self.whole_year])

    @property
    def filename(self) -> str:
        return f"annual-report-{self.year.start_date.year}-{self.year.end_date.year}.pdf"


def annual_report(year: AcademicYear, *, on: datetime.date | None = None) -> AnnualReport:
    on = on or today()
    quarters = list(Quarter.objects.filter(academic_year=year).order_by("number"))
    return AnnualReport(
        year=year,
        as_of=on,
        quarters=[(q, figures(year, Period.of_quarter(q), on=on)) for q in quarters],
        whole_year=figures(year, Period.of_year(year), on=on),
    )


# The summary table: one column per period (the year so far; the quarters of a year) ------


def _percent_text(value: int | None) -> str:
    return "—" if value is None else f"{value}%"


def _of(part: int, whole: int) -> str:
    return _("%(part)s of %(whole)s") % {"part": part, "whole": whole}


MEASURES = [
    ("meetings", _("Meetings held"), lambda f: str(f.meetings.count)),
    ("attendance", _("Attendance"), lambda f: _percent_text(f.meetings.attendance_percent)),
    (
        "quorum",
        _("Meetings with a quorum"),
        lambda f: _of(f.meetings.quorum_count, f.meetings.count),
    ),
    ("adopted", _("Decisions adopted"), lambda f: str(f.decisions.adopted)),
    ("executed", _("Decisions executed"), lambda f: str(f.decisions.executed)),
    ("overdue", _("Decisions overdue"), lambda f: str(f.decisions.overdue)),
    ("rate", _("Execution rate"), lambda f: _percent_text(f.decisions.rate)),
    (
        "plan",
        _("Work-plan items done"),
        lambda f: _of(f.plans.total.done, f.plans.total.planned),
    ),
    (
        "plan_percent",
        _("Work-plan completion"),
        lambda f: _percent_text(f.plans.total.percent if f.plans.total.planned else None),
    ),
    ("visits", _("Lesson visits"), lambda f: str(f.visits.count)),
    (
        "score",
        _("Average score, percent of the scale"),
        lambda f: _percent_text(f.visits.average.percent if f.visits.average else None),
    ),
    ("joined", _("Joined the council"), lambda f: str(len(f.composition.joined))),
    ("left", _("Left the council"), lambda f: str(len(f.composition.left))),
]


@dataclass
class SummaryRow:
    key: str
    label: str
    values: list[str]


def summary(columns: list[Figures]) -> list[SummaryRow]:
    return [
        SummaryRow(key=key, label=label, values=[measure(f) for f in columns])
        for key, label, measure in MEASURES
    ]
