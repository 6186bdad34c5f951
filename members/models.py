"""People of a school: staff, subjects and methodical associations (R2.19)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from school.models import School
from school.tenancy import ScopedManager

YOUNG_SPECIALIST_YEARS = 3


class Subject(models.Model):
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="subjects")
    name = models.CharField(_("name"), max_length=120)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="subject_unique_name")
        ]

    def __str__(self):
        return self.name


class Staff(models.Model):
    """A person who works at the school; optionally has a login. Never deleted once referenced."""

    class Category(models.TextChoices):
        HIGHEST = "highest", _("highest category")
        FIRST = "first", _("first category")
        SECOND = "second", _("second category")
        NONE = "none", _("no category")

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="staff", verbose_name=_("school")
    )
    last_name = models.CharField(_("surname"), max_length=100)
    first_name = models.CharField(_("name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    position = models.CharField(_("position"), max_length=150)
    subjects = models.ManyToManyField(
        Subject, verbose_name=_("subjects"), blank=True, related_name="teachers"
    )
    category = models.CharField(
        _("qualification category"), max_length=16, choices=Category.choices, default=Category.NONE
    )
    started_on = models.DateField(_("started at the school"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
    )
    left_on = models.DateField(_("left the school on"), null=True, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["last_name", "first_name", "patronymic"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("started_on")),
                name="staff_leaves_after_start",
            )
        ]
        indexes = [models.Index(fields=["school", "last_name", "first_name"])]

    def __str__(self):
        return self.full_name

    def clean(self):
        if self.left_on and self.started_on and self.left_on < self.started_on:
            raise ValidationError(
                {"left_on": _("A person cannot leave the school before starting there.")},
                code="order",
            )
        if self.user_id and self.school_id and self.user.school_id != self.school_id:
            raise ValidationError(
                {"user": _("This login belongs to another school.")}, code="other_school"
            )

    @property
    def full_name(self):
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    @property
    def short_name(self):
        """ "Асанова Г. Т." as signatures and protocols write names."""
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.patronymic) if p)
        return f"{self.last_name} {initials}".strip()

    @property
    def is_active(self):
        return self.left_on is None

    def is_young_specialist(self, on: datetime.date | None = None) -> bool:
        """Young specialist: in the first three years at the school."""
        from school.selectors import today

        on = on or today()
        try:
            threshold = self.started_on.replace(year=self.started_on.year + YOUNG_SPECIALIST_YEARS)
        except ValueError:  # 29 February
            threshold = self.started_on.replace(
                year=self.started_on.year + YOUNG_SPECIALIST_YEARS, day=28
            )
        return self.started_on <= on < threshold


class MethodicalAssociation(models.Model):
    """Усулдук бирикме (МБ): a subject association of teachers with a head."""

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="associations", verbose_name=_("school")
    )
    name = models.CharField(_("name"), max_length=200)
    head = models.ForeignKey(
        Staff,
        verbose_name=_("head"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="headed_associations",
    )
    teachers = models.ManyToManyField(
        Staff, verbose_name=_("teachers"), blank=True, related_name="associations"
    )
    subjects = models.ManyToManyField(
        Subject, verbose_name=_("subjects"), blank=True, related_name="associations"
    )

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("methodical association")
        verbose_name_plural = _("methodical associations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="association_unique_name")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.head_id and self.school_id and self.head.school_id != self.school_id:
            raise ValidationError(
                {"head": _("The head must work at this school.")}, code="other_school"
            )
