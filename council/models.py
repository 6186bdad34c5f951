"""The methodical council of an academic year and its composition (R0.2, R4.1–R4.3, R7.1)."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Staff
from school.calendar import short_date
from school.models import AcademicYear, User
from school.tenancy import ScopedManager

# R4.3: from 5 to 19 members, depending on the number of teachers.
MIN_MEMBERS = 5
MAX_MEMBERS = 19


# Positions that name the director or a deputy director, as schools write them.
DIRECTOR_POSITION = re.compile(
    r"^(мектеп(тин)?\s+)?директор(у)?\b|^(school\s+)?(director|principal|headteacher)\b",
    re.IGNORECASE,
)
DEPUTY_POSITION = re.compile(
    r"орун\s+басар|заместител\w*\s+директора|зам\.?\s*директора|deputy\s+(director|head)",
    re.IGNORECASE,
)


def is_director_or_deputy(staff: Staff) -> bool:
    """The director or a deputy director: by the login's role, else by the position.

    A person with a login counts as director or deputy when the login's role says so
    (User.Role.DIRECTOR or DEPUTY). A person without such a login counts when the position
    names the director ("Мектеп директору", "Директор школы") or a deputy director
    ("Директордун ... орун басары", "Заместитель директора по УВР", "Deputy director").
    """
    if staff.user_id and staff.user.role in (User.Role.DIRECTOR, User.Role.DEPUTY):
        return True
    position = " ".join(staff.position.split())
    return bool(DIRECTOR_POSITION.search(position) or DEPUTY_POSITION.search(position))


def can_chair(staff: Staff) -> bool:
    """R4.1, P5.2: the council is headed by the director, a deputy director (P5.2 names the
    deputy for scientific-methodical work), or a teacher of the highest category.

    "Director or deputy" is decided by is_director_or_deputy() (login role, else position);
    anyone else must hold the highest qualification category. A person who has left the
    school cannot chair.
    """
    if staff.left_on is not None:
        return False
    return is_director_or_deputy(staff) or staff.category == Staff.Category.HIGHEST


class Council(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        CONFIRMED = "confirmed", _("confirmed")

    STATUS_BADGES = {"draft": "text-bg-secondary", "confirmed": "text-bg-success"}

    academic_year = models.OneToOneField(
        AcademicYear,
        verbose_name=_("academic year"),
        on_delete=models.PROTECT,
        related_name="council",
    )
    chair = models.ForeignKey(
        Staff,
        verbose_name=_("chair"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chaired_councils",
    )
    secretary = models.ForeignKey(
        Staff,
        verbose_name=_("secretary"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="councils_as_secretary",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True)

    objects = ScopedManager(school="academic_year__school")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("methodical council")
        verbose_name_plural = _("methodical councils")
        ordering = ["-academic_year__start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(confirmed_on__isnull=False),
                name="council_confirmed_has_date",
            )
        ]

    def __str__(self):
        return _("Methodical council %(year)s") % {"year": self.academic_year.name}

    @property
    def school(self):
        return self.academic_year.school

    def clean(self):
        errors = {}
        school_id = self.academic_year.school_id if self.academic_year_id else None
        for field in ("chair", "secretary"):
            person = getattr(self, field)
            if person is not None and school_id and person.school_id != school_id:
                errors[field] = _("Choose a person of this school.")
        if "chair" not in errors and self.chair is not None and not can_chair(self.chair):
            # R4.1, P5.2
            errors["chair"] = _(
                "%(name)s cannot chair the council: the chair must be the director, a deputy "
                "director or a teacher of the highest category (R4.1)."
            ) % {"name": self.chair.full_name}
        if errors:
            raise ValidationError(errors)

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED


class MemberRole(models.TextChoices):
    """R0.2, P5.1, R4.2: why a person sits on the council."""

    MA_HEAD = "ma_head", _("head of a methodical association")
    ADMINISTRATION = "administration", _("administration")
    SOCIAL_PEDAGOGUE = "social_pedagogue", _("social pedagogue")
    PROJECT_ORGANISER = "project_organiser", _("project-group organiser")
    INNOVATIVE_TEACHER = "innovative_teacher", _("innovative teacher")
    RESEARCHER = "researcher", _("teacher doing research work")


class LeaveReason(models.TextChoices):
    OWN_REQUEST = "own_request", _("at own request")
    LEFT_SCHOOL = "left_school", _("left the school")
    ROLE_CHANGED = "role_changed", _("no longer holds the role")
    # R7.1: a member who does not perform the duties may be removed.
    REMOVED_DUTIES = "removed_duties", _("removed for not performing the duties")
    OTHER = "other", _("other")


class MembershipQuerySet(models.QuerySet):
    def seated_on(self, day: datetime.date):
        """The seats held on the day: joined on or before it and not yet left (left_on is the
        first day off the council). Attendance, quorum and the composition all count these."""
        return self.filter(joined_on__lte=day).filter(Q(left_on__isnull=True) | Q(left_on__gt=day))


class CouncilMembership(models.Model):
    """A person's seat on a council, from joining to leaving. Rows are never deleted."""

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("council")
    )
    staff = models.ForeignKey(
        Staff,
        on_delete=models.PROTECT,
        related_name="council_memberships",
        verbose_name=_("member"),
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    leave_reason = models.CharField(
        _("reason for leaving"), max_length=32, choices=LeaveReason.choices, blank=True
    )
    leave_note = models.TextField(_("note on leaving"), blank=True)

    objects = ScopedManager(
        school="council__academic_year__school",
        _manager_class=models.Manager.from_queryset(MembershipQuerySet),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council membership")
        verbose_name_plural = _("council memberships")
        ordering = ["staff__last_name", "staff__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="membership_leaves_after_joining",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True, leave_reason="")
                | (Q(left_on__isnull=False) & ~Q(leave_reason="")),
                name="membership_leave_has_reason",
            ),
            models.UniqueConstraint(
                fields=["council", "staff"],
                condition=Q(left_on__isnull=True),
                name="membership_one_current_seat",
            ),
        ]

    def __str__(self):
        return f"{self.staff} ({self.council})"

    def clean(self):
        errors = {}
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            errors["left_on"] = _(
                "The leaving date cannot be before the joining date (%(date)s)."
            ) % {"date": short_date(self.joined_on)}
        elif self.left_on and not self.leave_reason:
            errors["leave_reason"] = _("Give the reason for leaving the council.")
        elif self.leave_reason and not self.left_on:
            errors["left_on"] = _("Give the date of leaving the council.")
        if self.council_id and self.staff_id:
            if self.staff.school_id != self.council.academic_year.school_id:
                errors["staff"] = _("Choose a person of this school.")
        if errors:
            raise ValidationError(errors)

    def is_member_on(self, day: datetime.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or self.left_on > day)

    @property
    def role_codes(self):
        return [r.role for r in self.roles.all()]

    @property
    def role_labels(self):
        return [MemberRole(r.role).label for r in self.roles.all()]


class CouncilMemberRole(models.Model):
    membership = models.ForeignKey(
        CouncilMembership, on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=32, choices=MemberRole.choices)

    objects = ScopedManager(school="membership__council__academic_year__school")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member role")
        verbose_name_plural = _("member roles")
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "role"], name="member_role_unique")
        ]

    def __str__(self):
        return self.get_role_display()
