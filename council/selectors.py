"""Reads on the council: its composition now and on any past day (rows are never deleted)."""

import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from school.models import AcademicYear
from school.selectors import today

from .models import MAX_MEMBERS, MIN_MEMBERS, Council, CouncilMembership


def council_for_year(year: AcademicYear) -> Council | None:
    return (
        Council.objects.select_related("academic_year__school", "chair__user", "secretary__user")
        .filter(academic_year=year)
        .first()
    )


def members_on(*, council: Council, day: datetime.date) -> QuerySet[CouncilMembership]:
    """The seats held on the day: joined on or before it and not yet left (left_on is the
    first day off the council). Other apps count attendance and quorum on these."""
    return CouncilMembership.objects.filter(council=council).seated_on(day).select_related("staff")


def current_memberships(council: Council) -> QuerySet[CouncilMembership]:
    """The seats not ended, including members whose joining date is still ahead."""
    return CouncilMembership.objects.filter(council=council, left_on__isnull=True)


def _with_details(memberships: QuerySet[CouncilMembership]) -> QuerySet[CouncilMembership]:
    return memberships.select_related("staff__user").prefetch_related("roles")


def _officers_first(council: Council, memberships) -> list[CouncilMembership]:
    """As the official list reads: the chair, the secretary, then the members by name."""
    rank = {council.chair_id: 0, council.secretary_id: 1}
    return sorted(memberships, key=lambda m: rank.get(m.staff_id, 2))


def composition(council: Council, *, day: datetime.date | None = None) -> list[CouncilMembership]:
    """The composition for the page and the PDF: the current one, or as it was on ``day``."""
    if day is not None:
        return composition_on(council=council, day=day)
    return _officers_first(council, _with_details(current_memberships(council)))


def composition_on(*, council: Council, day: datetime.date) -> list[CouncilMembership]:
    """The composition on any day of the year, as it was then."""
    return _officers_first(council, _with_details(members_on(council=council, day=day)))


def former_memberships(council: Council) -> list[CouncilMembership]:
    """Seats that have ended, with the date and the reason (R7.1), latest first."""
    return list(
        _with_details(council.memberships.filter(left_on__isnull=False)).order_by(
            "-left_on", "staff__last_name"
        )
    )


def default_day(year: AcademicYear) -> datetime.date:
    """Today, brought inside the year: a past year's last day, a future year's first."""
    return min(max(today(), year.start_date), year.end_date)


def previous_council(council_or_year) -> Council | None:
    year = getattr(council_or_year, "academic_year", council_or_year)
    return (
        Council.objects.filter(
            academic_year__school_id=year.school_id,
            academic_year__start_date__lt=year.start_date,
        )
        .select_related("academic_year")
        .order_by("-academic_year__start_date")
        .first()
    )


def confirmation_problems(council: Council, *, member_count: int | None = None) -> list[str]:
    """Why the council cannot be confirmed (made official) now; empty when it can."""
    problems = []
    if member_count is None:
        member_count = current_memberships(council).count()
    if not MIN_MEMBERS <= member_count <= MAX_MEMBERS:
        # R4.3
        problems.append(
            _(
                "The council has %(count)s members: the regulation asks for %(min)s to %(max)s "
                "(R4.3)."
            )
            % {"count": member_count, "min": MIN_MEMBERS, "max": MAX_MEMBERS}
        )
    if council.chair_id is None:
        problems.append(_("The council has no chair yet."))
    if council.secretary_id is None:
        problems.append(_("The council has no secretary yet."))
    return problems
