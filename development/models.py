"""Teachers' professional growth: attestation (P3.5), self-education (R2.7), courses,
working-programme reviews (R6.1) and the portfolio that gathers them (P2.1, P2.2).

The current category of a teacher is `members.Staff.category`; this app keeps when it was
given (`CategoryRecord`) and the attestations that change it. The next attestation is due a
cycle of years (per school, `DevelopmentSettings`) after the category was given.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from members.models import Staff, Subject
from plans.models import AssociationPlanItem
from school.calendar import short_date
from school.models import AcademicYear, School, StoredFile
from school.tenancy import ScopedManager
from school.uploads import stored_name

DEFAULT_CYCLE_YEARS = 5  # P3.5: a teacher is attested once in five years
# Courses: the usual requirement is a 72-hour course at least once in five years.
DEFAULT_MINIMUM_HOURS = 72
COURSE_WINDOW_YEARS = 5
MIN_COURSE_HOURS = 1
MAX_COURSE_HOURS = 500
MAX_CYCLE_YEARS = 10
MAX_MINIMUM_HOURS = 1000
GRADES = 11
CATEGORY_CHOICES = [
    (Staff.Category.HIGHEST, Staff.Category.HIGHEST.label),
    (Staff.Category.FIRST, Staff.Category.FIRST.label),
    (Staff.Category.SECOND, Staff.Category.SECOND.label),
]


def years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def upload_path(instance, filename):
    # The stored name is not the uploaded one: files are served only through a view.
    return stored_name(f"development/{instance.school_id}", filename)


class DevelopmentSettings(models.Model):
    """A school's own numbers for attestation and courses, created on first use."""

    school = models.OneToOneField(
        School,
        on_delete=models.CASCADE,
        related_name="development_settings",
        verbose_name=_("school"),
    )
    attestation_cycle_years = models.PositiveSmallIntegerField(
        _("attestation cycle, years"),
        default=DEFAULT_CYCLE_YEARS,
        help_text=_("The next attestation is due this many years after the category was given."),
    )
    minimum_course_hours = models.PositiveSmallIntegerField(
        _("minimum course hours in five years"),
        default=DEFAULT_MINIMUM_HOURS,
        help_text=_("Teachers with fewer hours of courses in the last five years are flagged."),
    )

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("professional growth settings")
        verbose_name_plural = _("professional growth settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(attestation_cycle_years__gte=1)
                & Q(attestation_cycle_years__lte=MAX_CYCLE_YEARS),
                name="development_settings_cycle_range",
            ),
            models.CheckConstraint(
                condition=Q(minimum_course_hours__gte=1)
                & Q(minimum_course_hours__lte=MAX_MINIMUM_HOURS),
                name="development_settings_hours_range",
            ),
        ]

    def __str__(self):
        return str(self.school)

    @classmethod
    def for_school(cls, school: School) -> "DevelopmentSettings":
        found = cls.objects.filter(school=school).first()
        if found is None:
            found, _created = cls.objects.get_or_create(school=school)
        return found

    def clean(self):
        errors = {}
        if self.attestation_cycle_years is not None and not (
            1 <= self.attestation_cycle_years <= MAX_CYCLE_YEARS
        ):
            errors["attestation_cycle_years"] = _("The cycle must be from 1 to %(max)s years.") % {
                "max": MAX_CYCLE_YEARS
            }
        if self.minimum_course_hours is not None and not (
            1 <= self.minimum_course_hours <= MAX_MINIMUM_HOURS
        ):
            errors["minimum_course_hours"] = _("The minimum must be from 1 to %(max)s hours.") % {
                "max": MAX_MINIMUM_HOURS
            }
        if errors:
            raise ValidationError(errors)


class CategoryRecord(models.Model):
    """When a teacher's current category (Staff.category) was given (P3.5)."""

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    staff = models.OneToOneField(
        Staff,
        on_delete=models.CASCADE,
        related_name="category_record",
        verbose_name=_("teacher"),
    )
    given_on = models.DateField(_("category given on"))

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("category date")
        verbose_name_plural = _("category dates")

    def __str__(self):
        return f"{self.staff}: {short_date(self.given_on)}"


class Attestation(models.Model):
    """An attestation of a teacher (P3.5): the period, the category applied for and the
    commission's decision. One teacher's attestations never overlap."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("pending")
        AWARDED = "awarded", _("category awarded")
        CONFIRMED = "confirmed", _("category confirmed")
        REFUSED = "refused", _("refused")

    # The colours of the commission's decision ({% status_badge attestation ... %}).
    STATUS_BADGES = {
        "pending": "text-bg-info",
        "awarded": "text-bg-success",
        "confirmed": "text-bg-success",
        "refused": "text-bg-danger",
    }

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    staff = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="attestations", verbose_name=_("teacher")
    )
    starts_on = models.DateField(_("attestation starts"))
    ends_on = models.DateField(_("commission's date"))
    category = models.CharField(_("category applied for"), max_length=16, choices=CATEGORY_CHOICES)
    decision = models.CharField(
        _("commission's decision"),
        max_length=16,
        choices=Decision.choices,
        default=Decision.PENDING,
    )
    decision_note = models.TextField(_("commission's remarks"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        ordering = ["-ends_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="attestation_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(category__in=[c for c, _label in CATEGORY_CHOICES]),
                name="attestation_category_known",
            ),
        ]
        indexes = [models.Index(fields=["school", "staff", "starts_on"])]

    def __str__(self):
        return _("Attestation of %(name)s, %(date)s") % {
            "name": self.staff.short_name,
            "date": short_date(self.ends_on),
        }

    @property
    def is_pending(self):
        return self.decision == self.Decision.PENDING

    @property
    def gives_category(self):
        return self.decision in (self.Decision.AWARDED, self.Decision.CONFIRMED)

    def overlapping(self):
        others = Attestation.objects.with_scopes_disabled().filter(
            staff_id=self.staff_id, starts_on__lte=self.ends_on, ends_on__gte=self.starts_on
        )
        return others.exclude(pk=self.pk) if self.pk else others

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                errors["ends_on"] = _("The commission cannot meet before the attestation starts.")
            elif self.staff_id:
                other = self.overlapping().order_by("starts_on").first()
                if other is not None:
                    errors["starts_on"] = _(
                        "These dates overlap another attestation of this teacher "
                        "(%(start)s – %(end)s)."
                    ) % {
                        "start": short_date(other.starts_on),
                        "end": short_date(other.ends_on),
                    }
        if self.staff_id and self.school_id and self.staff.school_id != self.school_id:
            errors["staff"] = _("Choose a teacher of your school.")
        if errors:
            raise ValidationError(errors)


class AttestationDocument(StoredFile):
    """A document of an attestation (application, portfolio, the commission's extract)."""

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    attestation = models.ForeignKey(
        Attestation,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("attestation"),
    )
    file = models.FileField(_("file"), upload_to=upload_path)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("attestation document")
        verbose_name_plural = _("attestation documents")
        ordering = ["uploaded_at", "pk"]


class Characteristic(models.Model):
    """Мүнөздөмө: the council's characteristic of a teacher for an attestation (P3.5, P4.6)."""

    attestation = models.OneToOneField(
        Attestation,
        on_delete=models.CASCADE,
        related_name="characteristic",
        verbose_name=_("attestation"),
    )
    text = models.TextField(_("text of the characteristic"))
    written_by = models.ForeignKey(
        Staff,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ScopedManager(school="attestation__school")

    class Meta:
        verbose_name = _("characteristic")
        verbose_name_plural = _("characteristics")

    def __str__(self):
        return str(self.attestation)


class SelfEducation(models.Model):
    """R2.7: a teacher's self-education topic for an academic year and the year-end report.
    The report may be given as an item of the association's work plan."""

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    staff = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="self_education", verbose_name=_("teacher")
    )
    academic_year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    topic = models.CharField(_("self-education topic"), max_length=300)
    report = models.TextField(_("report at the end of the year"), blank=True)
    report_item = models.ForeignKey(
        AssociationPlanItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="self_education_reports",
        verbose_name=_("reported at"),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("self-education topic")
        verbose_name_plural = _("self-education topics")
        ordering = ["-academic_year__start_date", "staff__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "academic_year"], name="self_education_one_per_year"
            )
        ]

    def __str__(self):
        return self.topic


class Course(models.Model):
    """A course of professional development with its hours and certificate."""

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    staff = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="courses", verbose_name=_("teacher")
    )
    title = models.CharField(_("title"), max_length=300)
    provider = models.CharField(_("provider"), max_length=300)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    hours = models.PositiveSmallIntegerField(_("hours"))
    certificate = models.FileField(_("certificate"), upload_to=upload_path, blank=True)
    certificate_name = models.CharField(_("file name"), max_length=255, blank=True)
    certificate_size = models.PositiveIntegerField(_("size"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-ends_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=MIN_COURSE_HOURS) & Q(hours__lte=MAX_COURSE_HOURS),
                name="course_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="course_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["school", "staff", "ends_on"])]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.hours is not None and not (MIN_COURSE_HOURS <= self.hours <= MAX_COURSE_HOURS):
            errors["hours"] = _("A course has from %(min)s to %(max)s hours.") % {
                "min": MIN_COURSE_HOURS,
                "max": MAX_COURSE_HOURS,
            }
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The last day cannot be before the first day.")
        if errors:
            raise ValidationError(errors)


class ProgrammeReview(models.Model):
    """R6.1: a check of a teacher's working programme for a subject and grade. A programme
    returned with remarks stays open until a follow-up review approves it."""

    class Result(models.TextChoices):
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned with remarks")

    # The colours of a review's state in lists: approved, returned and still open, or
    # returned and followed up ({% status_badge review status=... %}).
    STATUS_BADGES = {
        "approved": "text-bg-success",
        "open": "text-bg-warning text-wrap",
        "followed_up": "text-bg-secondary text-wrap",
    }

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    teacher = models.ForeignKey(
        Staff,
        on_delete=models.PROTECT,
        related_name="programme_reviews",
        verbose_name=_("teacher"),
    )
    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, related_name="+", verbose_name=_("subject")
    )
    grade = models.PositiveSmallIntegerField(_("grade"))
    reviewer = models.ForeignKey(
        Staff,
        on_delete=models.PROTECT,
        related_name="programme_reviews_made",
        verbose_name=_("reviewer"),
    )
    reviewed_on = models.DateField(_("date of the review"))
    result = models.CharField(_("result"), max_length=16, choices=Result.choices)
    remarks = models.TextField(_("remarks"), blank=True)
    follows = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_up",
        verbose_name=_("follow-up of"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("working-programme review")
        verbose_name_plural = _("working-programme reviews")
        ordering = ["-reviewed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(grade__gte=1) & Q(grade__lte=GRADES), name="review_grade_range"
            ),
            models.CheckConstraint(
                condition=~Q(result="returned") | ~Q(remarks=""),
                name="review_returned_has_remarks",
            ),
            models.CheckConstraint(
                condition=~Q(reviewer=F("teacher")), name="review_not_own_programme"
            ),
        ]

    def __str__(self):
        return _("%(teacher)s: %(subject)s, grade %(grade)s") % {
            "teacher": self.teacher.short_name,
            "subject": self.subject,
            "grade": self.grade,
        }

    @property
    def is_returned(self):
        return self.result == self.Result.RETURNED

    def clean(self):
        errors = {}
        if self.grade is not None and not (1 <= self.grade <= GRADES):
            errors["grade"] = _("The grade is from 1 to %(max)s.") % {"max": GRADES}
        if self.result == self.Result.RETURNED and not (self.remarks or "").strip():
            errors["remarks"] = _("Write the remarks the programme is returned with.")
        if self.teacher_id and self.reviewer_id and self.teacher_id == self.reviewer_id:
            errors["reviewer"] = _("A teacher cannot review their own working programme.")
        if errors:
            raise ValidationError(errors)
