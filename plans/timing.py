"""When a plan item happens: a month or a quarter of the academic year, turned into dates."""

import calendar
import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from school.calendar import short_date
from school.models import AcademicYear


@dataclass(frozen=True)
class Timing:
    month: int | None
    quarter: int
    start: datetime.date
    end: datetime.date


def month_dates(year: AcademicYear, month: int) -> tuple[datetime.date, datetime.date]:
    """The month's first and last day in the academic year's calendar years.

    Months from the year's first month onwards belong to its first calendar year,
    the others to the next one (September 2026 … May 2027).
    """
    calendar_year = year.start_date.year if month >= year.start_date.month else year.end_date.year
    last_day = calendar.monthrange(calendar_year, month)[1]
    return datetime.date(calendar_year, month, 1), datetime.date(calendar_year, month, last_day)


def months_of_year(year: AcademicYear) -> list[int]:
    """The months in the order the academic year runs through them, starting with its first."""
    first = year.start_date.month
    return [(first - 1 + i) % 12 + 1 for i in range(12)]


def month_label(year: AcademicYear, month: int) -> str:
    start, _end = month_dates(year, month)
    return f"{MONTHS[month]} {start.year}"


def year_bounds(year: AcademicYear) -> dict:
    """The year's name, first and last day, for the messages that say where the year ends."""
    return {
        "year": year.name,
        "start": short_date(year.start_date),
        "end": short_date(year.end_date),
    }


def _overlap(a_start, a_end, b_start, b_end) -> int:
    return max(0, (min(a_end, b_end) - max(a_start, b_start)).days + 1)


def resolve_timing(
    *, year: AcademicYear, quarters: list, month: int | None, quarter: int | None
) -> Timing:
    """Check a month and/or a quarter against the year and give the item's dates.

    `quarters` are the year's Quarter rows. Raises a ValidationError keyed by field.
    """
    if month is None and quarter is None:
        raise ValidationError({"month": _("Choose a month or a quarter.")}, code="timing_required")
    by_number = {q.number: q for q in quarters}
    if quarter is not None and quarter not in by_number:
        raise ValidationError({"quarter": _("Choose a quarter from I to IV.")}, code="quarter")
    if month is None:
        chosen = by_number[quarter]
        return Timing(None, quarter, chosen.start_date, chosen.end_date)
    if not 1 <= month <= 12:
        raise ValidationError({"month": _("Choose a month.")}, code="month")
    first, last = month_dates(year, month)
    start, end = max(first, year.start_date), min(last, year.end_date)
    if start > end:
        raise ValidationError(
            {
                "month": _("%(month)s is outside the academic year %(year)s (%(start)s – %(end)s).")
                % {"month": month_label(year, month), **year_bounds(year)}
            },
            code="outside_year",
        )
    if quarter is not None:
        chosen = by_number[quarter]
        if not _overlap(start, end, chosen.start_date, chosen.end_date):
            raise ValidationError(
                {
                    "month": _("%(month)s is not in quarter %(quarter)s.")
                    % {"month": month_label(year, month), "quarter": chosen.roman}
                },
                code="month_not_in_quarter",
            )
        return Timing(month, quarter, start, end)
    best = max(
        by_number.values(),
        key=lambda q: (_overlap(start, end, q.start_date, q.end_date), -q.number),
    )
    return Timing(month, best.number, start, end)
