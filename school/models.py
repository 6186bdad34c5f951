"""The tenant (School), its users and the calendar everything hangs on."""

import datetime
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from school.tenancy import ScopedManager


class School(models.Model):
    # The name in Kyrgyz, the state language; documents in Russian or English print the
    # name in that language when it is given (see name_in).
    name = models.CharField(_("name"), max_length=255)
    name_ru = models.CharField(_("name in Russian"), max_length=255, blank=True)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    # The school's identity across databases: a backup restored elsewhere keeps it, so the
    # same school is never restored twice into one database (school/backup.py).
    uid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    # P4/R4.5 protocols: quorum is "more than half" by default; a school may set another share.
    quorum_share = models.DecimalField(
        _("quorum share"),
        max_digits=3,
        decimal_places=2,
        default=0.5,
        help_text=_("A meeting has a quorum when more than this share of members is present."),
    )

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_share__gt=0) & Q(quorum_share__lt=1),
                name="school_quorum_share_between_0_and_1",
            )
        ]

    def __str__(self):
        return self.short_name or self.name

    def name_in(self, language: str | None = None) -> str:
        """The school's full name in a document's language, falling back to Kyrgyz."""
        code = (language or get_language() or "ky").split("-")[0]
        return {"ru": self.name_ru, "en": self.name_en}.get(code) or self.name


class User(AbstractUser):
    """A login. Users of a school see only that school; a site admin has no school."""

    class Role(models.TextChoices):
        DIRECTOR = "director", _("Director")
        DEPUTY = "deputy", _("Deputy director (methodical work)")
        TEACHER = "teacher", _("Teacher")

    school = models.ForeignKey(
        School,
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.TEACHER)

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class AcademicYear(models.Model):
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="academic_years", verbose_name=_("school")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("academic year")
        verbose_name_plural = _("academic years")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "start_date"], name="academic_year_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")),
                name="academic_year_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return f"{self.start_date.year}–{self.end_date.year}"

    def contains(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date

    def clean(self):
        if self.start_date and self.end_date:
            if self.end_date <= self.start_date:
                raise ValidationError(
                    {"end_date": _("The year must end after it starts.")}, code="order"
                )
            overlapping = AcademicYear.objects.with_scopes_disabled().filter(
                school_id=self.school_id,
                start_date__lte=self.end_date,
                end_date__gte=self.start_date,
            )
            if self.pk:
                overlapping = overlapping.exclude(pk=self.pk)
            other = overlapping.first()
            if other:
                raise ValidationError(
                    {
                        "start_date": _("These dates overlap the academic year %(year)s.")
                        % {"year": other.name}
                    },
                    code="overlap",
                )


class Quarter(models.Model):
    academic_year = models.ForeignKey(
        AcademicYear,
        on_delete=models.CASCADE,
        related_name="quarters",
        verbose_name=_("academic year"),
    )
    number = models.PositiveSmallIntegerField(_("quarter"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    objects = ScopedManager(school="academic_year__school")

    class Meta:
        verbose_name = _("quarter")
        verbose_name_plural = _("quarters")
        ordering = ["academic_year__start_date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["academic_year", "number"], name="quarter_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=4), name="quarter_number_1_to_4"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="quarter_ends_after_start"
            ),
        ]

    def __str__(self):
        return _("Quarter %(number)s, %(year)s") % {
            "number": self.roman,
            "year": self.academic_year.name,
        }

    @property
    def roman(self):
        # Schools in Kyrgyzstan write quarters in Roman numerals: "II чейрек".
        return ("I", "II", "III", "IV")[self.number - 1]

    def contains(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date


class StoredFile(models.Model):
    """What every uploaded file keeps beside the file itself (see uploads.py).

    The stored name is random, so the name the user gave is kept here for downloads.
    """

    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    @classmethod
    def from_upload(cls, upload, *, user, **fields):
        """A saved record holding ``upload`` (already checked by uploads.check_upload).

        The file is written with the row; if the transaction then rolls back, the file stays
        unreferenced, which loses nothing (a row never points at a missing file)."""
        stored = cls(original_name=upload.name[:255], size=upload.size, uploaded_by=user, **fields)
        stored.file.save(upload.name, upload, save=False)
        stored.save()
        return stored

    def remove(self):
        """Delete the row now and its file once the transaction commits (see delete_on_commit)."""
        delete_on_commit(self.file)
        self.delete()


def delete_on_commit(field_file) -> None:
    """Delete a stored file after the transaction that stops using it commits.

    Deleting inside the transaction would leave the rows of a rolled-back change pointing at a
    file that is gone; after the commit nothing points at it any more."""
    if not field_file:
        return
    storage, name = field_file.storage, field_file.name
    transaction.on_commit(lambda: storage.delete(name))
