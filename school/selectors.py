"""Reads on the calendar (the current year and quarter follow from a date: Calendar) and on
logins."""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, models
from django.utils import timezone

from .models import AcademicYear, Quarter, School, User


def today() -> datetime.date:
    return timezone.localdate()


def _loaded(model, names: list[str], values) -> models.Model:
    """A model instance from the columns a query read (as the ORM builds its rows)."""
    return model.from_db(DEFAULT_DB_ALIAS, names, values)


def _fields(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


@dataclass
class Calendar:
    """A school's academic years with their quarters, read in one query, and what follows
    from a day (today unless given): the current year and quarter, the quarter a report
    opens on, the quarter before another. The one place these rules live: the functions
    below (current_academic_year, current_quarter...) ask it too.

    ``related`` names records a year has one of (a reverse one-to-one: "council"), read in
    the same query: ``calendar.related(year, "council")``."""

    school: School
    day: datetime.date
    years: list[AcademicYear]  # the oldest first
    quarters: dict[int, list[Quarter]]  # by year, in order
    one_to_one: dict[str, dict[int, models.Model]]  # by name, then by year

    @classmethod
    def of(
        cls, school: School, *, day: datetime.date | None = None, related: tuple[str, ...] = ()
    ) -> "Calendar":
        year_fields, quarter_fields = _fields(AcademicYear), _fields(Quarter)
        models_of = {name: AcademicYear._meta.get_field(name).related_model for name in related}
        related_fields = {name: _fields(model) for name, model in models_of.items()}
        rows = (
            AcademicYear.objects.filter(school=school)
            .order_by("start_date", "quarters__number")
            .values_list(
                *year_fields,
                *(f"quarters__{field}" for field in quarter_fields),
                *(f"{name}__{field}" for name, names in related_fields.items() for field in names),
            )
        )
        years, quarters = {}, {}
        one_to_one: dict[str, dict[int, models.Model]] = {name: {} for name in related}
        a, b = len(year_fields), len(year_fields) + len(quarter_fields)
        for row in rows:
            year = years.get(row[0])
            if year is None:
                year = years[row[0]] = _loaded(AcademicYear, year_fields, row[:a])
                year.school = school
                quarters[year.pk] = []
                start = b
                for name, names in related_fields.items():
                    values = row[start : start + len(names)]
                    start += len(names)
                    if values[0] is not None:
                        record = _loaded(models_of[name], names, values)
                        setattr(record, AcademicYear._meta.get_field(name).field.name, year)
                        one_to_one[name][year.pk] = record
            if row[a] is not None:
                quarter = _loaded(Quarter, quarter_fields, row[a:b])
                quarter.academic_year = year
                quarters[year.pk].append(quarter)
        return cls(
            school=school,
            day=day or today(),
            years=list(years.values()),
            quarters=quarters,
            one_to_one=one_to_one,
        )

    @cached_property
    def current_year(self) -> AcademicYear | None:
        """The year containing the day; in the summer, the one just ended; else the next one."""
        holding = next((year for year in self.years if year.contains(self.day)), None)
        begun = [year for year in self.years if year.start_date <= self.day]
        return holding or (begun[-1] if begun else None) or next(iter(self.years), None)

    def quarters_of(self, year: AcademicYear | None) -> list[Quarter]:
        return self.quarters.get(year.pk, []) if year else []

    @cached_property
    def current_quarter(self) -> Quarter | None:
        """The current year's quarter holding the day; None in the holidays."""
        quarters = self.quarters_of(self.current_year)
        return next((quarter for quarter in quarters if quarter.contains(self.day)), None)

    @cached_property
    def default_quarter(self) -> Quarter | None:
        """The quarter holding the day; in the holidays the last one begun; else the first."""
        quarters = self.quarters_of(self.current_year)
        if self.current_quarter is not None:
            return self.current_quarter
        begun = [q for q in quarters if q.start_date <= self.day]
        return begun[-1] if begun else (quarters[0] if quarters else None)

    def quarter(self, year: AcademicYear, number: int) -> Quarter | None:
        return next((q for q in self.quarters_of(year) if q.number == number), None)

    def previous_quarter(self, quarter: Quarter) -> Quarter | None:
        """The quarter before: in the same year, or the last one of the year before."""
        if quarter.number > 1:
            return self.quarter(quarter.academic_year, quarter.number - 1)
        earlier = [y for y in self.years if y.start_date < quarter.academic_year.start_date]
        fourth = (self.quarter(year, 4) for year in reversed(earlier))
        return next((q for q in fourth if q is not None), None)

    def related(self, year: AcademicYear | None, name: str) -> models.Model | None:
        """The year's record `name` (read with the calendar), or None."""
        return self.one_to_one[name].get(year.pk) if year else None

    def year(self, pk) -> AcademicYear | None:
        return next((y for y in self.years if str(y.pk) == str(pk)), None)


def academic_year_for_date(*, school: School, day: datetime.date) -> AcademicYear | None:
    """The year containing the day; in the summer, the one just ended; else the next one."""
    return Calendar.of(school, day=day).current_year


def current_academic_year(school: School) -> AcademicYear | None:
    return Calendar.of(school).current_year


def quarter_for_date(*, year: AcademicYear, day: datetime.date) -> Quarter | None:
    """The quarter of the year holding the day (Quarter.contains, as Calendar asks it)."""
    return next((quarter for quarter in year.quarters.all() if quarter.contains(day)), None)


def current_quarter(school: School) -> Quarter | None:
    return Calendar.of(school).current_quarter


def academic_years(school: School):
    return AcademicYear.objects.filter(school=school).prefetch_related("quarters")


# Who logged in: django-axes' records, read for the usernames of one school's users -----------


@dataclass(frozen=True)
class LoginEvent:
    when: datetime.datetime
    user: User
    kind: str  # "success", "failure" or "lockout"
    address: str | None


def _school_users(school: School) -> dict[str, User]:
    return {user.username: user for user in User.objects.filter(school=school)}


def login_lockouts(school: School):
    """The lockouts in force now for the school's users (never another school's names)."""
    from axes.helpers import get_cool_off
    from axes.models import AccessAttempt

    attempts = AccessAttempt.objects.filter(
        username__in=User.objects.filter(school=school).values("username"),
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
    )
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts.order_by("-attempt_time")


def login_lockouts_page(school: School) -> list[dict]:
    from axes.helpers import get_cool_off

    users, cool_off = _school_users(school), get_cool_off()
    return [
        {
            "attempt": attempt,
            "user": users[attempt.username],
            "until": attempt.attempt_time + cool_off if cool_off else None,
        }
        for attempt in login_lockouts(school)
        if attempt.username in users
    ]


def login_events(school: School, *, limit: int = 100) -> list[LoginEvent]:
    """The school's latest successful and failed logins, the newest first."""
    from axes.models import AccessFailureLog, AccessLog

    users = _school_users(school)
    names = list(users)
    fields = ("username", "ip_address", "attempt_time")
    successes = AccessLog.objects.filter(username__in=names).order_by("-attempt_time")
    failures = AccessFailureLog.objects.filter(username__in=names).order_by("-attempt_time")
    events = [
        LoginEvent(when, users[username], "success", address)
        for username, address, when in successes.values_list(*fields)[:limit]
    ] + [
        LoginEvent(when, users[username], "lockout" if locked else "failure", address)
        for username, address, when, locked in failures.values_list(*fields, "locked_out")[:limit]
    ]
    events.sort(key=lambda event: event.when, reverse=True)
    return events[:limit]
