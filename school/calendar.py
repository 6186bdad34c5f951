"""Rules of the Kyrgyz school calendar: default dates and the checks on quarters."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def short_date(day: datetime.date) -> str:
    """A date as people write it in messages and documents ("01.09.2026"), in the active
    language's SHORT_DATE_FORMAT (config/formats); an empty text for no date."""
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def default_year_dates(start_year: int) -> tuple[datetime.date, datetime.date]:
    """The school year starts on 1 September and ends on 31 May."""
    return datetime.date(start_year, 9, 1), datetime.date(start_year + 1, 5, 31)


def default_quarter_dates(start_year: int) -> list[tuple[datetime.date, datetime.date]]:
    """Four quarters covering the year; each quarter's holidays count to the quarter before."""
    y, n = start_year, start_year + 1
    return [
        (datetime.date(y, 9, 1), datetime.date(y, 11, 5)),
        (datetime.date(y, 11, 6), datetime.date(y, 12, 31)),
        (datetime.date(n, 1, 1), datetime.date(n, 3, 20)),
        (datetime.date(n, 3, 21), datetime.date(n, 5, 31)),
    ]


def validate_quarter_dates(
    year_start: datetime.date,
    year_end: datetime.date,
    quarters: list[tuple[datetime.date, datetime.date]],
) -> None:
    """Quarters must follow each other without overlap or gap and fill the year exactly.

    Raises a ValidationError whose messages name the quarter at fault.
    """
    errors = []
    if len(quarters) != 4:
        raise ValidationError(_("A year has exactly four quarters."), code="count")
    for index, (start, end) in enumerate(quarters, start=1):
        if end < start:
            errors.append(
                ValidationError(
                    _("Quarter %(n)s ends before it starts.") % {"n": index}, code="order"
                )
            )
    if quarters[0][0] != year_start:
        errors.append(
            ValidationError(
                _("Quarter 1 must start on the first day of the year (%(date)s).")
                % {"date": short_date(year_start)},
                code="start",
            )
        )
    if quarters[-1][1] != year_end:
        errors.append(
            ValidationError(
                _("Quarter 4 must end on the last day of the year (%(date)s).")
                % {"date": short_date(year_end)},
                code="end",
            )
        )
    for index in range(1, 4):
        previous_end = quarters[index - 1][1]
        start = quarters[index][0]
        if start <= previous_end:
            errors.append(
                ValidationError(
                    _("Quarter %(n)s overlaps quarter %(p)s.") % {"n": index + 1, "p": index},
                    code="overlap",
                )
            )
        elif start != previous_end + datetime.timedelta(days=1):
            errors.append(
                ValidationError(
                    _("There is a gap between quarter %(p)s and quarter %(n)s.")
                    % {"n": index + 1, "p": index},
                    code="gap",
                )
            )
    if errors:
        raise ValidationError(errors)
