"""The figures of the director's quarterly and annual reports (R0.3, R0.4, R2.4, R4.4, P2.5,
P3.6, P5.3), computed in the database: the number of queries does not grow with the rows,
nor with the periods of a report (the quarter and the year so far; the four quarters and the
year), which are counted together in the same queries (figures_of).

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

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _

from council.models import Council, CouncilMembership, LeaveReason
from meetings.models import Decision, Meeting
from members.models import MethodicalAssociation
from observations.models import Observation, Purpose, Score
from plans.models import AssociationPlanItem, CouncilPlanItem, Direction, ItemStatus, PlanItem
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


def count_of(queryset, link: str | None = None):
    """The number of `queryset`'s rows for the outer row: a correlated subquery, 0 if none.
    `link` groups the rows by the column the outer row is matched on; a queryset already
    grouped by one column (values()) needs none."""
    grouped = queryset.order_by().values(link) if link else queryset
    counted = grouped.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def meeting_rows(year: AcademicYear, start, end, *, on: datetime.date) -> list[dict]:
    """The year's meetings dated from start to end, each with its attendance and its
    decisions counted by state (R4.4): one query for every period of a report."""
    status = Decision.Status

    def decisions(condition: Q | None = None):
        return Count("decisions", filter=condition, distinct=True)

    return list(
        Meeting.objects.filter(council__academic_year=year, date__gte=start, date__lte=end)
        .annotate(
            n_present=Count("attendance", filter=Q(attendance__present=True), distinct=True),
            n_total=Count("attendance", distinct=True),
            n_adopted=decisions(),
            n_executed=decisions(Q(decisions__status=status.DONE)),
            n_cancelled=decisions(Q(decisions__status=status.CANCELLED)),
            n_open=decisions(Q(decisions__status=status.OPEN)),
            n_overdue=decisions(Decision.overdue_condition(on, prefix="decisions__")),
        )
        .order_by("date", "number")
        .values(
            "pk",
            "number",
            "date",
            "status",
            "n_present",
            "n_total",
            "n_adopted",
            "n_executed",
            "n_cancelled",
            "n_open",
            "n_overdue",
        )
    )


def _in_period(period: Period, day: datetime.date) -> bool:
    return period.start <= day <= period.end


def meeting_figures(
    period: Period, rows: list[dict], *, share: float, on: datetime.date
) -> MeetingFigures:
    held, planned = [], []
    for meeting in rows:
        if not _in_period(period, meeting["date"]):
            continue
        row = MeetingRow(
            pk=meeting["pk"],
            number=meeting["number"],
            date=meeting["date"],
            status=meeting["status"],
            present=meeting["n_present"],
            total=meeting["n_total"],
            share=share,
        )
        (planned if meeting["status"] == Meeting.Status.PLANNED else held).append(row)
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


def decision_figures(period: Period, rows: list[dict]) -> DecisionFigures:
    """The decisions adopted at the period's meetings (a planned meeting adopts none yet)."""
    figures = DecisionFigures()
    for meeting in rows:
        if meeting["status"] == Meeting.Status.PLANNED or not _in_period(period, meeting["date"]):
            continue
        figures.adopted += meeting["n_adopted"]
        figures.executed += meeting["n_executed"]
        figures.cancelled += meeting["n_cancelled"]
        figures.overdue += meeting["n_overdue"]
        figures.pending += meeting["n_open"] - meeting["n_overdue"]  # open and not yet due
    return figures


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
        "overdue": Count("pk", filter=PlanItem.overdue_condition(on)),
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


_DIRECTION = (
    "direction_id",
    "direction__order",
    "direction__title",
    "direction__programme__start_year",
)


@dataclass
class PlanRows:
    """The year's plan items counted by quarter and direction: the associations' items (by
    association) and the council's own. Two queries for every period of a report."""

    association: list[dict]
    own: list[dict]

    @classmethod
    def of(cls, year: AcademicYear, quarters, *, on: datetime.date) -> "PlanRows":
        counts = _item_counts(on)
        association = (
            AssociationPlanItem.objects.filter(plan__academic_year=year, quarter__in=quarters)
            .order_by()
            .values("plan__association_id", "quarter", *_DIRECTION)
            .annotate(**counts)
        )
        # Items taken from an association's plan mirror it: only the council's own are added.
        own = (
            CouncilPlanItem.objects.filter(
                plan__council__academic_year=year, origin_item__isnull=True, quarter__in=quarters
            )
            .order_by()
            .values("quarter", *_DIRECTION)
            .annotate(**counts)
        )
        return cls(association=list(association), own=list(own))


def _direction_label(row: dict) -> str:
    return str(Direction(order=row["direction__order"], title=row["direction__title"]))


def plan_figures(period: Period, rows: PlanRows, associations: list | None) -> PlanFigures:
    """The period's items by association (when the associations are given), by direction of
    the development programme, and in all."""
    per_association: dict = {}
    per_direction: dict = {}
    own, own_items, total = Progress(), 0, Progress()
    for row in [*rows.association, *rows.own]:
        if row["quarter"] not in period.quarters:
            continue
        progress = _progress(row)
        total = _add(total, progress)
        if "plan__association_id" in row:
            key = row["plan__association_id"]
            per_association[key] = _add(per_association.get(key, Progress()), progress)
        else:
            own, own_items = _add(own, progress), own_items + row["items"]
        key = row["direction_id"]
        if key not in per_direction:
            order = (row["direction__programme__start_year"], row["direction__order"])
            label = _direction_label(row) if key else ""
            per_direction[key] = (order, label, Progress())
        order, label, sum_ = per_direction[key]
        per_direction[key] = (order, label, _add(sum_, progress))
    by_association = []
    if associations is not None:
        by_association = [
            PlanRow(label=a.name, progress=per_association.get(a.pk, Progress()))
            for a in associations
        ]
        if own_items:
            by_association.append(
                PlanRow(label=_("The council's own items"), progress=own, own=True)
            )
    by_direction = [
        PlanRow(label=label, progress=progress)
        for key, (_order, label, progress) in sorted(
            ((k, v) for k, v in per_direction.items() if k), key=lambda kv: (kv[1][0], kv[1][1])
        )
    ]
    if None in per_direction:
        by_direction.append(
            PlanRow(label=_("Not tied to a direction"), progress=per_direction[None][2], own=True)
        )
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


def _dated(period: Period, path: str = "date") -> Q:
    return Q(**{f"{path}__gte": period.start, f"{path}__lte": period.end})


@dataclass(frozen=True)
class Spans:
    """The days of a report's periods cut into spans that each lie wholly inside or wholly
    outside every period: rows are counted once per span (one GROUP BY), and a period's
    figures are the sums of its spans."""

    bounds: tuple[datetime.date, ...]  # span k: from bounds[k] to the day before bounds[k + 1]

    @classmethod
    def of(cls, periods: list[Period]) -> "Spans":
        after = datetime.timedelta(days=1)
        return cls(tuple(sorted({p.start for p in periods} | {p.end + after for p in periods})))

    def _pairs(self):
        return list(zip(self.bounds, self.bounds[1:], strict=False))

    def span(self, path: str) -> Case:
        """The span of the row's date, as a column."""
        return Case(
            *(
                When(**{f"{path}__gte": first, f"{path}__lt": after}, then=Value(k))
                for k, (first, after) in enumerate(self._pairs())
            ),
            output_field=IntegerField(),
        )

    def within(self, period: Period) -> set[int]:
        after = period.end + datetime.timedelta(days=1)
        return {
            k
            for k, (first, end) in enumerate(self._pairs())
            if period.start <= first and end <= after
        }


_FIRST = {"lo_min": min, "lo_max": max, "hi_min": min, "hi_max": max, "order": min}


def _merge(rows: list[dict], spans: set[int]) -> dict:
    """Rows of the same group in several spans as one: counts and sums added, the lowest
    and highest kept."""
    merged: dict = {}
    for row in rows:
        if row["span"] not in spans:
            continue
        for key, value in row.items():
            if key == "span" or value is None:
                continue
            if key in _FIRST:
                merged[key] = value if key not in merged else _FIRST[key](merged[key], value)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                merged[key] = merged.get(key, 0) + value
            else:
                merged[key] = value
    return merged


def _score_sums(path: str = "") -> dict:
    """Sums of the scores (not averages), so that groups and spans add up exactly."""
    value, low, high = (F(f"{path}{name}") for name in ("value", "scale_min", "scale_max"))
    share = Cast(value - low, FloatField()) / Cast(high - low, FloatField())
    return {
        "n": Count(f"{path}id"),
        "value_sum": Sum(f"{path}value"),
        "share_sum": Sum(share),
        "lo_min": Min(f"{path}scale_min"),
        "lo_max": Max(f"{path}scale_min"),
        "hi_min": Min(f"{path}scale_max"),
        "hi_max": Max(f"{path}scale_max"),
    }


def _average(row: dict) -> Average | None:
    if not row or not row.get("n"):
        return None
    one_scale = row["lo_min"] == row["lo_max"] and row["hi_min"] == row["hi_max"]
    return Average(
        count=row["n"],
        value=row["value_sum"] / row["n"],
        share=row["share_sum"] / row["n"],
        scale=(row["lo_min"], row["hi_min"]) if one_scale else None,
    )


@dataclass
class VisitRows:
    """The visits of a report's periods counted by purpose and span, with their scores'
    sums if `scored` (one query); with the associations, the visits about each
    association's teachers and about teachers in none, for each period (one more query)."""

    spans: Spans
    by_purpose: list[dict]
    scored: bool
    associations: list | None = None

    @classmethod
    def of(
        cls, year: AcademicYear, periods: list[Period], *, associations: bool, scored: bool
    ) -> "VisitRows":
        spans = Spans.of(periods)
        start, end = min(p.start for p in periods), max(p.end for p in periods)
        if scored:  # one row per score: the visits are counted once each
            counts = {"visits": Count("pk", distinct=True), **_score_sums("scores__")}
        else:
            counts = {"visits": Count("pk")}
        columns = {"span": spans.span("date")}
        if associations:  # and whether the teacher is in no association
            columns["outside"] = ~Exists(
                MethodicalAssociation.teachers.through.objects.filter(
                    staff_id=OuterRef("teacher_id")
                )
            )
        rows = list(
            _visits(year, start, end).order_by().values("purpose", **columns).annotate(**counts)
        )
        found = cls(spans=spans, by_purpose=rows, scored=scored)
        if associations:
            found.associations = list(_association_visits(year, periods))
        return found


def _association_visits(year: AcademicYear, periods: list[Period]):
    """The school's associations by name, each with the visits about its teachers in each
    period (a teacher of two associations counts in both)."""
    counts = {}
    for i, period in enumerate(periods):
        visits = _visits(year, period.start, period.end).order_by().values("school_id")
        counts[f"p{i}_visits"] = count_of(visits.filter(teacher__associations=OuterRef("pk")))
    return (
        MethodicalAssociation.objects.filter(school_id=year.school_id)
        .annotate(**counts)
        .order_by("name")
    )


def visit_figures(i: int, period: Period, rows: VisitRows) -> VisitFigures:
    """The visits of period i; the average score only if the rows are `scored`."""
    spans = rows.spans.within(period)
    counts: dict = {}
    outside = 0
    for row in rows.by_purpose:
        if row["span"] in spans:
            counts[row["purpose"]] = counts.get(row["purpose"], 0) + row["visits"]
            if row.get("outside"):
                outside += row["visits"]
    by_purpose = [(label, counts.get(value, 0)) for value, label in Purpose.choices]
    count = sum(counts.values())
    by_association = []
    if rows.associations is not None:
        by_association = [(a.name, getattr(a, f"p{i}_visits")) for a in rows.associations]
    return VisitFigures(
        count=count,
        by_purpose=by_purpose,
        by_association=by_association,
        outside_associations=outside,
        average=_average(_merge(rows.by_purpose, spans)) if rows.scored else None,
    )


@dataclass
class CriterionSums:
    """The scores of a report's periods summed by criterion (the card's name and the
    criterion's text) and span: one query. A period's rows, pooled, give its average."""

    spans: Spans
    rows: list[dict]

    @classmethod
    def of(cls, year: AcademicYear, periods: list[Period]) -> "CriterionSums":
        spans = Spans.of(periods)
        when = Q()
        for period in periods:
            when |= _dated(period, "observation__date")
        rows = (
            Score.objects.filter(observation__school_id=year.school_id)
            .filter(when)
            .exclude(observation__status=Observation.Status.DRAFT)
            .order_by()
            .values(
                "observation__criteria_set__name",
                "criterion__text",
                span=spans.span("observation__date"),
            )
            .annotate(order=Min("criterion__order"), **_score_sums())
        )
        return cls(spans=spans, rows=list(rows))

    def average(self, period: Period) -> Average | None:
        return _average(_merge(self.rows, self.spans.within(period)))

    def by_criterion(self, period: Period | None) -> dict:
        """{(card name, criterion text): the sums of the period} for the criteria scored."""
        if period is None:
            return {}
        groups: dict = {}
        for row in self.rows:
            key = (row["observation__criteria_set__name"], row["criterion__text"])
            groups.setdefault(key, []).append(row)
        spans = self.spans.within(period)
        merged = {key: _merge(rows, spans) for key, rows in groups.items()}
        return {key: sums for key, sums in merged.items() if sums.get("n")}


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


# Composition (R4.3, R7.1) ---------------------------------------------------------------


@dataclass
class CompositionFigures:
    council: Council | None
    at_start: int = 0
    at_end: int = 0
    joined: list = field(default_factory=list)
    left: list = field(default_factory=list)


def _members_on(seats: list[CouncilMembership], day: datetime.date) -> int:
    """The people seated on the day (the seats are read once for every period of a report,
    so the model's rule is asked of each seat: CouncilMembership.is_member_on, the row's
    side of CouncilMembership.objects.seated_on)."""
    return len({seat.staff_id for seat in seats if seat.is_member_on(day)})


def _by_name(day_of):
    return lambda seat: (day_of(seat), seat.staff.last_name, seat.staff.first_name)


_LOOK_UP = object()


def council_seats(year: AcademicYear, council=_LOOK_UP) -> tuple[Council | None, list]:
    """The year's council and every seat on it, with the members (one query when the
    council is known; else the council comes with its seats)."""
    seats = CouncilMembership.objects.filter(council__academic_year=year).select_related("staff")
    if council is _LOOK_UP:
        seats = list(seats.select_related("council"))
        council = seats[0].council if seats else Council.objects.filter(academic_year=year).first()
        return council, seats
    return council, list(seats) if council is not None else []


def composition_figures(period: Period, council: Council | None, seats: list) -> CompositionFigures:
    if council is None:
        return CompositionFigures(council=None)
    joined = sorted(
        (s for s in seats if period.start <= s.joined_on <= period.end),
        key=_by_name(lambda s: s.joined_on),
    )
    left = sorted(
        (s for s in seats if s.left_on and period.start <= s.left_on <= period.end),
        key=_by_name(lambda s: s.left_on),
    )
    for seat in left:
        seat.reason_label = LeaveReason(seat.leave_reason).label if seat.leave_reason else ""
    return CompositionFigures(
        council=council,
        at_start=_members_on(seats, period.start),
        at_end=_members_on(seats, period.end),
        joined=joined,
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


def figures_of(
    year: AcademicYear,
    periods: list[Period],
    *,
    on: datetime.date,
    detail: bool = True,
    scored: bool = True,
    council=_LOOK_UP,
) -> list[Figures]:
    """The figures of several periods of one year, counted together: the number of queries
    depends neither on the rows nor on the number of periods. Without `detail`, the plan
    items and the visits are not broken down by methodical association; without `scored`,
    the average scores are left to the caller (see quarterly_report)."""
    start, end = min(p.start for p in periods), max(p.end for p in periods)
    quarters = sorted({n for p in periods for n in p.quarters})
    share = float(year.school.quorum_share)
    meetings = meeting_rows(year, start, end, on=on)
    plans = PlanRows.of(year, quarters, on=on)
    visits = VisitRows.of(year, periods, associations=detail, scored=scored)
    council, seats = council_seats(year, council)
    return [
        Figures(
            period=period,
            meetings=meeting_figures(period, meetings, share=share, on=on),
            decisions=decision_figures(period, meetings),
            plans=plan_figures(period, plans, visits.associations),
            visits=visit_figures(i, period, visits),
            composition=composition_figures(period, council, seats),
        )
        for i, period in enumerate(periods)
    ]


def figures(
    year: AcademicYear,
    period: Period,
    *,
    on: datetime.date,
    detail: bool = True,
    council=_LOOK_UP,
) -> Figures:
    """The figures of one period."""
    (found,) = figures_of(year, [period], on=on, detail=detail, council=council)
    return found


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
        return quarterly_filename(self.quarter)


def quarterly_filename(quarter: Quarter) -> str:
    year = quarter.academic_year
    return f"quarterly-report-{year.start_date.year}-{year.end_date.year}-{quarter.roman}.pdf"


def quarterly_report(
    quarter: Quarter,
    *,
    on: datetime.date | None = None,
    previous=_LOOK_UP,
    council=_LOOK_UP,
) -> QuarterlyReport:
    """The quarter and the year so far, counted together. The quarter before and the
    year's council are looked up unless the caller knows them (see selectors.Calendar)."""
    on = on or today()
    year = quarter.academic_year
    if previous is _LOOK_UP:
        previous = previous_quarter(quarter)
    periods = [Period.of_quarter(quarter), Period.year_to(quarter)]
    in_quarter, so_far = figures_of(year, periods, on=on, council=council, scored=False)
    # The scores once, by criterion, for the quarter, the year so far and the quarter before
    # (P2.5); the averages are those rows pooled.
    before = Period.of_quarter(previous) if previous else None
    sums = CriterionSums.of(year, periods + ([before] if before else []))
    in_quarter.visits.average = sums.average(periods[0])
    so_far.visits.average = sums.average(periods[1])
    in_quarter.visits.criteria = criterion_rows(
        sums.by_criterion(periods[0]), sums.by_criterion(before)
    )
    return QuarterlyReport(
        year=year,
        quarter=quarter,
        previous_quarter=previous,
        as_of=on,
        quarter_figures=in_quarter,
        year_so_far=so_far,
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


def annual_report(
    year: AcademicYear,
    *,
    on: datetime.date | None = None,
    quarters: list[Quarter] | None = None,
    council=_LOOK_UP,
) -> AnnualReport:
    """The year's quarters and the whole year, counted together (the summary table needs no
    breakdown by association)."""
    on = on or today()
    if quarters is None:
        quarters = list(Quarter.objects.filter(academic_year=year).order_by("number"))
    periods = [Period.of_quarter(q) for q in quarters] + [Period.of_year(year)]
    *by_quarter, whole = figures_of(year, periods, on=on, detail=False, council=council)
    return AnnualReport(
        year=year, as_of=on, quarters=list(zip(quarters, by_quarter, strict=True)), whole_year=whole
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
