"""The quarterly and the annual report: every part counted together for all their periods
(figures_of), and the summary table with a column per period."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from school.models import AcademicYear, Quarter
from school.selectors import Calendar

from .composition import CompositionFigures, composition_figures, council_seats
from .meetings import (
    DecisionFigures,
    MeetingFigures,
    decision_figures,
    meeting_figures,
    meeting_rows,
)
from .periods import Period, council_of
from .plans import PlanFigures, PlanRows, plan_figures
from .visits import CriterionSums, VisitFigures, VisitRows, criterion_rows, visit_figures


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
    calendar: Calendar,
    year: AcademicYear,
    periods: list[Period],
    *,
    detail: bool = True,
    scored: bool = True,
) -> list[Figures]:
    """The figures of several periods of one year, counted together as of the calendar's
    day: the number of queries depends neither on the rows nor on the number of periods.
    Without `detail`, the plan items and the visits are not broken down by methodical
    association; without `scored`, the average scores are left to the caller (see
    quarterly_report)."""
    on = calendar.day
    start, end = min(p.start for p in periods), max(p.end for p in periods)
    quarters = sorted({n for p in periods for n in p.quarters})
    share = float(year.school.quorum_share)
    meetings = meeting_rows(year, start, end, on=on)
    plans = PlanRows.of(year, quarters, on=on)
    visits = VisitRows.of(year, periods, associations=detail, scored=scored)
    council = council_of(calendar, year)
    seats = council_seats(council)
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
    calendar: Calendar, year: AcademicYear, period: Period, *, detail: bool = True
) -> Figures:
    """The figures of one period."""
    (found,) = figures_of(calendar, year, [period], detail=detail)
    return found


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


def quarterly_report(calendar: Calendar, quarter: Quarter) -> QuarterlyReport:
    """The quarter and the year so far, counted together as of the calendar's day (see
    report_calendar), with the quarter before for the criteria."""
    year = quarter.academic_year
    previous = calendar.previous_quarter(quarter)
    periods = [Period.of_quarter(quarter), Period.year_to(quarter)]
    in_quarter, so_far = figures_of(calendar, year, periods, scored=False)
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
        as_of=calendar.day,
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


def annual_report(calendar: Calendar, year: AcademicYear) -> AnnualReport:
    """The year's quarters and the whole year, counted together as of the calendar's day
    (the summary table needs no breakdown by association)."""
    quarters = calendar.quarters_of(year)
    periods = [Period.of_quarter(q) for q in quarters] + [Period.of_year(year)]
    *by_quarter, whole = figures_of(calendar, year, periods, detail=False)
    return AnnualReport(
        year=year,
        as_of=calendar.day,
        quarters=list(zip(quarters, by_quarter, strict=True)),
        whole_year=whole,
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
