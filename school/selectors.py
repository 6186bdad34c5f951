"""Reads on the calendar: the current year and quarter follow from a date."""

import datetime

from django.utils import timezone

from .models import AcademicYear, Quarter, School


def today() -> datetime.date:
    return timezone.localdate()


def academic_year_for_date(*, school: School, day: datetime.date) -> AcademicYear | None:
    """The year containing the day; in the summer, the one just ended; else the next one."""
    years = AcademicYear.objects.filter(school=school)
    return (
        years.filter(start_date__lte=day, end_date__gte=day).first()
        or years.filter(start_date__lte=day).order_by("-start_date").first()
        or years.order_by("start_date").first()
    )


def current_academic_year(school: School) -> AcademicYear | None:
    return academic_year_for_date(school=school, day=today())


def quarter_for_date(*, year: AcademicYear, day: datetime.date) -> Quarter | None:
    return Quarter.objects.filter(
        academic_year=year, start_date__lte=day, end_date__gte=day
    ).first()


def current_quarter(school: School) -> Quarter | None:
    year = current_academic_year(school)
    return quarter_for_date(year=year, day=today()) if year else None


def academic_years(school: School):
    return AcademicYear.objects.filter(school=school).prefetch_related("quarters")
