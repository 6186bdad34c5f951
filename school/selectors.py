"""Reads on the calendar (the current year and quarter follow from a date) and on logins."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from .models import AcademicYear, Quarter, School, User


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
