"""Writes on the council of a year and its composition (R0.2, R4.1, R4.3, R7.1, P5.1, P5.2).

Rows are never deleted: a member who leaves gets a date and a reason, so the composition
on any past day can be shown and the protocols that name the member stay whole.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Staff
from school.calendar import short_date
from school.models import AcademicYear
from school.selectors import today

from . import selectors
from .models import (
    MAX_MEMBERS,
    Council,
    CouncilMemberRole,
    CouncilMembership,
    LeaveReason,
    MemberRole,
    can_chair,
)


def _lock(council: Council) -> Council:
    """Serialise writes on one council's composition (size and duplicate checks hold)."""
    Council.objects.with_scopes_disabled().select_for_update().filter(pk=council.pk).first()
    return council


@transaction.atomic
def council_create(*, academic_year: AcademicYear) -> Council:
    """An empty draft council for the year; one council per year."""
    if Council.objects.with_scopes_disabled().filter(academic_year=academic_year).exists():
        raise ValidationError(
            {
                "academic_year": _("The academic year %(year)s already has a council.")
                % {"year": academic_year.name}
            },
            code="exists",
        )
    council = Council(academic_year=academic_year, status=Council.Status.DRAFT)
    council.full_clean()
    council.save()
    return council


@transaction.atomic
def council_set_officers(
    *, council: Council, chair: Staff | None, secretary: Staff | None
) -> Council:
    """Set the chair (R4.1, P5.2) and the secretary; both must be current members."""
    _lock(council)
    errors = {}
    current = set(selectors.current_memberships(council).values_list("staff_id", flat=True))
    school_id = council.academic_year.school_id
    for field, person in (("chair", chair), ("secretary", secretary)):
        if person is None:
            continue
        if person.school_id != school_id:
            errors[field] = _("Choose a person of this school.")
        elif field == "chair" and not can_chair(person):
            # R4.1, P5.2
            errors[field] = _(
                "%(name)s cannot chair the council: the chair must be the director, a deputy "
                "director or a teacher of the highest category (R4.1)."
            ) % {"name": person.full_name}
        elif person.pk not in current:
            errors[field] = _(
                "%(name)s is not a current member of the council: add them first."
            ) % {"name": person.full_name}
    if chair is not None and secretary is not None and chair.pk == secretary.pk and not errors:
        errors["secretary"] = _("The secretary cannot also be the chair.")
    if errors:
        raise ValidationError(errors)
    council.chair, council.secretary = chair, secretary
    council.full_clean()
    council.save(update_fields=["chair", "secretary"])
    return council


@transaction.atomic
def membership_add(
    *,
    council: Council,
    staff: Staff,
    roles,
    joined_on: datetime.date,
) -> CouncilMembership:
    """Give a person a seat with one or more roles (R0.2, P5.1, R4.2)."""
    _lock(council)
    year = council.academic_year
    roles = list(dict.fromkeys(roles))
    if staff.school_id != year.school_id:
        raise ValidationError({"staff": _("Choose a person of this school.")}, code="other_school")
    if not roles:
        raise ValidationError({"roles": _("Choose at least one role.")}, code="required")
    unknown = [r for r in roles if r not in MemberRole.values]
    if unknown:
        raise ValidationError({"roles": _("Choose the roles from the list.")}, code="invalid")
    if not year.contains(joined_on):
        raise ValidationError(
            {
                "joined_on": _(
                    "The date must fall within the academic year %(year)s (%(start)s – %(end)s)."
                )
                % {
                    "year": year.name,
                    "start": short_date(year.start_date),
                    "end": short_date(year.end_date),
                }
            },
            code="outside_year",
        )
    if staff.left_on is not None and staff.left_on <= joined_on:
        raise ValidationError(
            {
                "staff": _("%(name)s left the school on %(date)s.")
                % {"name": staff.full_name, "date": short_date(staff.left_on)}
            },
            code="left_school",
        )
    seats = CouncilMembership.objects.with_scopes_disabled().filter(council=council, staff=staff)
    if seats.filter(left_on__isnull=True).exists():
        raise ValidationError(
            {
                "staff": _("%(name)s is already a member of this council.")
                % {"name": staff.full_name}
            },
            code="duplicate",
        )
    overlapping = seats.filter(left_on__gt=joined_on).order_by("-left_on").first()
    if overlapping is not None:
        raise ValidationError(
            {
                "joined_on": _(
                    "%(name)s was a member until %(date)s: a new seat can start on that day at "
                    "the earliest."
                )
                % {"name": staff.full_name, "date": short_date(overlapping.left_on)}
            },
            code="overlap",
        )
    if council.is_confirmed and selectors.current_memberships(council).count() >= MAX_MEMBERS:
        # R4.3
        raise ValidationError(
            {
                "staff": _("A confirmed council cannot have more than %(max)s members (R4.3).")
                % {"max": MAX_MEMBERS}
            },
            code="too_many",
        )
    membership = CouncilMembership(council=council, staff=staff, joined_on=joined_on)
    membership.full_clean()
    membership.save()
    CouncilMemberRole.objects.bulk_create(
        CouncilMemberRole(membership=membership, role=role) for role in roles
    )
    return membership


@transaction.atomic
def membership_end(
    *,
    membership: CouncilMembership,
    left_on: datetime.date,
    reason: str,
    note: str = "",
) -> CouncilMembership:
    """A member leaves the council on a date, with a reason (R7.1: removal for not
    performing the duties is one of them). The row stays."""
    council = _lock(membership.council)
    year = council.academic_year
    membership.refresh_from_db()
    staff = membership.staff
    if membership.left_on is not None:
        raise ValidationError(
            _("%(name)s already left the council on %(date)s.")
            % {"name": staff.full_name, "date": short_date(membership.left_on)},
            code="already_left",
        )
    if reason not in LeaveReason.values:
        raise ValidationError({"leave_reason": _("Choose the reason from the list.")})
    note = note.strip()
    if reason == LeaveReason.OTHER and not note:
        raise ValidationError({"leave_note": _("Describe the reason in the note.")})
    if left_on < membership.joined_on:
        raise ValidationError(
            {
                "left_on": _("The leaving date cannot be before the joining date (%(date)s).")
                % {"date": short_date(membership.joined_on)}
            },
            code="order",
        )
    if left_on > year.end_date:
        raise ValidationError(
            {
                "left_on": _("The academic year ends on %(date)s.")
                % {"date": short_date(year.end_date)}
            },
            code="outside_year",
        )
    for officer, label in (
        (council.chair_id, _("the chair")),
        (council.secretary_id, _("the secretary")),
    ):
        if officer == staff.pk:
            raise ValidationError(
                _("%(name)s is %(office)s of the council: appoint someone else first.")
                % {"name": staff.full_name, "office": label},
                code="officer",
            )
    membership.left_on, membership.leave_reason, membership.leave_note = left_on, reason, note
    membership.full_clean()
    membership.save(update_fields=["left_on", "leave_reason", "leave_note"])
    return membership


@transaction.atomic
def council_confirm(*, council: Council, on: datetime.date | None = None) -> Council:
    """Make the composition official: only with a chair, a secretary and 5 to 19 members
    (R4.3); a draft may have any size."""
    _lock(council)
    council.refresh_from_db()
    if council.is_confirmed:
        raise ValidationError(
            _("The council was already confirmed on %(date)s.")
            % {"date": short_date(council.confirmed_on)},
            code="confirmed",
        )
    problems = selectors.confirmation_problems(council)
    if problems:
        raise ValidationError(problems, code="not_ready")
    council.status = Council.Status.CONFIRMED
    council.confirmed_on = on or today()
    council.full_clean()
    council.save(update_fields=["status", "confirmed_on"])
    return council


@transaction.atomic
def council_copy_from_previous(
    *, academic_year: AcademicYear, joined_on: datetime.date | None = None
) -> Council:
    """Create the year's council as a draft with last year's composition, in one step.

    The members still seated at the end of the previous council's year are copied with
    their roles, joining on the first day of the new year; people who have left the school
    are skipped. The chair and the secretary are kept when they are copied (and the chair
    is still eligible, R4.1). Either everything is copied, or nothing at all.
    """
    previous = selectors.previous_council(academic_year)
    if previous is None:
        raise ValidationError(
            {"academic_year": _("There is no earlier council to copy the composition from.")},
            code="no_previous",
        )
    council = council_create(academic_year=academic_year)
    joined_on = joined_on or academic_year.start_date
    previous_end = previous.academic_year.end_date
    seats = (
        CouncilMembership.objects.with_scopes_disabled()
        .filter(council=previous)
        .seated_on(previous_end)
        .select_related("staff")
        .prefetch_related("roles")
    )
    copied = set()
    for seat in seats:
        if seat.staff.left_on is not None and seat.staff.left_on <= joined_on:
            continue
        membership_add(
            council=council, staff=seat.staff, roles=seat.role_codes, joined_on=joined_on
        )
        copied.add(seat.staff_id)
    chair = previous.chair if previous.chair_id in copied and can_chair(previous.chair) else None
    secretary = previous.secretary if previous.secretary_id in copied else None
    if secretary is not None and chair is not None and secretary.pk == chair.pk:
        secretary = None
    if chair is not None or secretary is not None:
        council_set_officers(council=council, chair=chair, secretary=secretary)
    return council
