"""The methodical council of an academic year and its composition (R0.2, R4.1–R4.3, R7.1)."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from members.models import Staff
from school.models import AcademicYear

# R4.3: from 5 to 19 members, depending on the number of teachers.
MIN_MEMBERS = 5
MAX_MEMBERS = 19


class Council(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        CONFIRMED = "confirmed", _("confirmed")

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

    objects = ScopedManager(school="council__academic_year__school")

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

    class Meta:
        verbose_name = _("member role")
        verbose_name_plural = _("member roles")
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "role"], name="member_role_unique")
        ]

    def __str__(self):
        return self.get_role_display()
