"""Meetings (R4.5, P5.4) and the decisions adopted at them (R4.4): one query, the year's
meetings with their attendance and their decisions counted by state."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from meetings.models import Decision, Meeting, is_quorate
from school.models import AcademicYear

from .periods import Period, percent


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
        return is_quorate(present=self.present, members=self.total, share=self.share)


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


def meeting_figures(
    period: Period, rows: list[dict], *, share: float, on: datetime.date
) -> MeetingFigures:
    held, planned = [], []
    for meeting in rows:
        if not period.contains(meeting["date"]):
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
        if meeting["status"] == Meeting.Status.PLANNED or not period.contains(meeting["date"]):
            continue
        figures.adopted += meeting["n_adopted"]
        figures.executed += meeting["n_executed"]
        figures.cancelled += meeting["n_cancelled"]
        figures.overdue += meeting["n_overdue"]
        figures.pending += meeting["n_open"] - meeting["n_overdue"]  # open and not yet due
    return figures
