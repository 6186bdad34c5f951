"""Lesson visits (R6.1, P2.1) and the average scores of their criteria (P2.5)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, FloatField, Max, Min, OuterRef, Q, Sum
from django.db.models.functions import Cast

from members.models import MethodicalAssociation
from observations.models import Observation, Purpose, Score
from school.models import AcademicYear

from .periods import Period, Spans, count_of


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
            when |= period.dated("observation__date")
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
