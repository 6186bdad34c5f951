"""Writes on the calendar."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from .calendar import default_quarter_dates, validate_quarter_dates
from .models import AcademicYear, Quarter, School


@transaction.atomic
def academic_year_create(
    *,
    school: School,
    start_date: datetime.date,
    end_date: datetime.date,
    quarter_dates: list[tuple[datetime.date, datetime.date]] | None = None,
) -> AcademicYear:
    """Create a year with its four quarters (defaults follow the Kyrgyz school year)."""
    # Serialise concurrent creations for one school so the overlap check holds.
    School.objects.select_for_update().filter(pk=school.pk).first()
    year = AcademicYear(school=school, start_date=start_date, end_date=end_date)
    year.full_clean()
    if quarter_dates is None:
        quarter_dates = _fit_default_quarters(start_date, end_date)
    validate_quarter_dates(start_date, end_date, quarter_dates)
    year.save()
    Quarter.objects.bulk_create(
        Quarter(academic_year=year, number=n, start_date=s, end_date=e)
        for n, (s, e) in enumerate(quarter_dates, start=1)
    )
    return year


@transaction.atomic
def academic_year_update(
    *,
    year: AcademicYear,
    start_date: datetime.date,
    end_date: datetime.date,
    quarter_dates: list[tuple[datetime.date, datetime.date]],
) -> AcademicYear:
    """Change a year's dates and its quarters together, or nothing at all."""
    year.start_date, year.end_date = start_date, end_date
    year.full_clean()
    validate_quarter_dates(start_date, end_date, quarter_dates)
    year.save()
    quarters = {q.number: q for q in year.quarters.all()}
    for number, (start, end) in enumerate(quarter_dates, start=1):
        quarter = quarters.get(number) or Quarter(academic_year=year, number=number)
        quarter.start_date, quarter.end_date = start, end
        quarter.save()
    return year


def _fit_default_quarters(start: datetime.date, end: datetime.date):
    """Default quarter dates, stretched so that the first starts and the last ends with the year."""
    quarters = default_quarter_dates(start.year)
    quarters[0] = (start, quarters[0][1])
    quarters[-1] = (quarters[-1][0], end)
    try:
        validate_quarter_dates(start, end, quarters)
    except ValidationError:
        # Unusual year dates: split the year into four equal parts instead.
        span = (end - start).days + 1
        bounds = [start + datetime.timedelta(days=span * i // 4) for i in range(5)]
        quarters = [(bounds[i], bounds[i + 1] - datetime.timedelta(days=1)) for i in range(3)] + [
            (bounds[3], end)
        ]
    return quarters


def lockout_lift(*, attempt) -> int:
    """Lift a login lockout (django-axes' record of the failures) so the person can log in.

    The caller fetched the attempt through selectors.login_lockouts, so it is one of the
    school's users. Returns the number of records removed.
    """
    from axes.utils import reset

    return reset(username=attempt.username, ip=attempt.ip_address)
