"""Lesson observations (R6.1, P2.1, P3.7, P4.4): visits to colleagues' lessons.

A visit is scored on the criteria of a criteria set (P2.4: unified diagnostics). A set in
use is never edited in place: editing makes a new version, so old visits keep the criteria
they were scored on. A visit goes draft → submitted → acknowledged; an acknowledged visit
is locked and later remarks are added as notes.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Staff, Subject
from school.calendar import short_date
from school.models import AcademicYear, School
from school.tenancy import ScopedManager

SCALE_LIMIT = 10  # the widest scale a set may use (0–10)
MAX_CRITERIA = 30
LESSONS_PER_DAY = 12
GRADES = 11
# Class letters as schools write them: 7-А, 7-Б, 7-В … (Kyrgyz letters Ң Ө Ү included).
CLASS_LETTERS = "АБВГДЕЖЗИЙКЛМНҢОӨПРСТУҮФХЦЧШЫЭЮЯ"
class_letter_validator = RegexValidator(
    rf"^[{CLASS_LETTERS}]$", _("Give the class letter as one capital Cyrillic letter, e.g. Б.")
)


class CriteriaSet(models.Model):
    """A named list of criteria with a score scale, defined by the deputy (P2.4)."""

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="criteria_sets", verbose_name=_("school")
    )
    name = models.CharField(_("name"), max_length=200)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"))
    scale_max = models.PositiveSmallIntegerField(_("highest score"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current version"), default=True)
    is_default = models.BooleanField(
        _("offered first"),
        default=False,
        help_text=_("The set a new visit is scored on unless the observer picks another."),
    )
    previous_version = models.OneToOneField(
        "self",
        verbose_name=_("previous version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["-is_default", "name", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_min__lt=F("scale_max")) & Q(scale_max__lte=SCALE_LIMIT),
                name="criteria_set_scale_order",
            ),
            models.UniqueConstraint(
                fields=["school", "name"],
                condition=Q(is_current=True),
                name="criteria_set_unique_current_name",
            ),
            models.UniqueConstraint(
                fields=["school"],
                condition=Q(is_current=True, is_default=True),
                name="criteria_set_one_default",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def scale_label(self):
        return f"{self.scale_min}–{self.scale_max}"

    @property
    def scale_values(self):
        return list(range(self.scale_min, self.scale_max + 1))

    def clean(self):
        if self.scale_min is not None and self.scale_max is not None:
            if self.scale_min >= self.scale_max:
                raise ValidationError(
                    {"scale_max": _("The highest score must be above the lowest.")}, code="scale"
                )
            if self.scale_max > SCALE_LIMIT:
                raise ValidationError(
                    {
                        "scale_max": _("The highest score can be at most %(limit)s.")
                        % {"limit": SCALE_LIMIT}
                    },
                    code="scale",
                )
        if self.school_id and self.name and self.is_current:
            clash = CriteriaSet.objects.with_scopes_disabled().filter(
                school_id=self.school_id, name=self.name, is_current=True
            )
            if self.pk:
                clash = clash.exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError(
                    {"name": _("The school already has a criteria set with this name.")},
                    code="unique",
                )


class Criterion(models.Model):
    """One line of a criteria set. Its text is school data (Kyrgyz by default), not gettext."""

    criteria_set = models.ForeignKey(
        CriteriaSet,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("criteria set"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("criterion"), max_length=500)

    objects = ScopedManager(school="criteria_set__school")

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["criteria_set", "order"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "order"], name="criterion_unique_order")
        ]

    def __str__(self):
        return self.text


class LessonType(models.TextChoices):
    NEW_MATERIAL = "new_material", _("learning new material")
    CONSOLIDATION = "consolidation", _("consolidation")
    SKILLS = "skills", _("applying knowledge and skills")
    GENERALISATION = "generalisation", _("generalisation and systematisation")
    CONTROL = "control", _("checking knowledge")
    COMBINED = "combined", _("combined lesson")
    NON_TRADITIONAL = "non_traditional", _("non-traditional lesson")


class Purpose(models.TextChoices):
    CONTROL = "control", _("control")
    METHODICAL_HELP = "methodical_help", _("methodical help")
    ATTESTATION = "attestation", _("attestation")  # P3.5
    OPEN_LESSON = "open_lesson", _("open-lesson expertise")  # P3.7, P4.4
    MUTUAL = "mutual", _("mutual visit")  # R6.1
    YOUNG_SPECIALIST = "young_specialist", _("young-specialist support")  # R2.18


class Observation(models.Model):
    """A visit to a colleague's lesson (R6.1)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")

    # How a visit's state looks wherever it is shown ({% status_badge observation %}).
    STATUS_BADGES = {
        Status.DRAFT: "text-bg-secondary",
        Status.SUBMITTED: "text-bg-warning",
        Status.ACKNOWLEDGED: "text-bg-success",
    }

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="observations", verbose_name=_("school")
    )
    observer = models.ForeignKey(
        Staff,
        on_delete=models.PROTECT,
        related_name="observations_made",
        verbose_name=_("observer"),
    )
    teacher = models.ForeignKey(
        Staff,
        on_delete=models.PROTECT,
        related_name="observations_received",
        verbose_name=_("observed teacher"),
    )
    date = models.DateField(_("date of the lesson"))
    lesson_number = models.PositiveSmallIntegerField(_("lesson number"))
    grade = models.PositiveSmallIntegerField(_("grade"))
    class_letter = models.CharField(
        _("class letter"), max_length=1, validators=[class_letter_validator]
    )
    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, related_name="observations", verbose_name=_("subject")
    )
    topic = models.CharField(_("topic of the lesson"), max_length=300)
    lesson_type = models.CharField(_("type of lesson"), max_length=32, choices=LessonType.choices)
    purpose = models.CharField(_("purpose of the visit"), max_length=32, choices=Purpose.choices)
    criteria_set = models.ForeignKey(
        CriteriaSet,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("criteria set"),
    )
    strengths = models.TextField(_("strengths"), blank=True)
    shortcomings = models.TextField(_("shortcomings"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    follow_up_on = models.DateField(_("follow-up visit by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    acknowledged_on = models.DateField(_("familiarised on"), null=True, blank=True)
    teacher_response = models.TextField(_("the teacher's response"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ScopedManager(school="school")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lesson visit")
        verbose_name_plural = _("lesson visits")
        ordering = ["-date", "-lesson_number", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(observer=F("teacher")), name="observation_not_self"
            ),
            models.CheckConstraint(
                condition=Q(lesson_number__gte=1) & Q(lesson_number__lte=LESSONS_PER_DAY),
                name="observation_lesson_number_range",
            ),
            models.CheckConstraint(
                condition=Q(grade__gte=1) & Q(grade__lte=GRADES), name="observation_grade_range"
            ),
            models.CheckConstraint(
                condition=Q(follow_up_on__isnull=True) | Q(follow_up_on__gte=F("date")),
                name="observation_follow_up_after_visit",
            ),
            # A submitted visit has a submission date, and the lesson was not in the future then.
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(submitted_on__isnull=False) & Q(date__lte=F("submitted_on"))),
                name="observation_submitted_not_future",
            ),
            models.CheckConstraint(
                condition=~Q(status="acknowledged") | Q(acknowledged_on__isnull=False),
                name="observation_acknowledged_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["school", "teacher", "date"]),
            models.Index(fields=["school", "observer", "date"]),
            # The visit lists: a school's visits of a year, newest first.
            models.Index(fields=["school", "date"]),
        ]

    def __str__(self):
        return _("%(teacher)s, %(date)s, %(class)s") % {
            "teacher": self.teacher.short_name,
            "date": short_date(self.date),
            "class": self.class_label,
        }

    @property
    def class_label(self):
        """ "7-Б", as classes are written."""
        if not self.grade:
            return ""
        return f"{self.grade}-{self.class_letter}"

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_submitted(self):
        return self.status == self.Status.SUBMITTED

    @property
    def is_acknowledged(self):
        return self.status == self.Status.ACKNOWLEDGED

    def clean(self):
        errors = {}
        if self.observer_id and self.teacher_id and self.observer_id == self.teacher_id:
            errors["teacher"] = _("A teacher cannot observe their own lesson.")
        school_id = self.school_id
        if self.teacher_id and school_id and self.teacher.school_id != school_id:
            errors["teacher"] = _("Choose a teacher of your school.")
        if self.observer_id and school_id and self.observer.school_id != school_id:
            errors["observer"] = _("The observer must work at the school.")
        if self.subject_id and school_id and self.subject.school_id != school_id:
            errors["subject"] = _("Choose a subject of your school.")
        if self.criteria_set_id and school_id and self.criteria_set.school_id != school_id:
            errors["criteria_set"] = _("Choose a criteria set of your school.")
        if self.follow_up_on and self.date and self.follow_up_on < self.date:
            errors["follow_up_on"] = _("The follow-up visit cannot be before the visit itself.")
        if errors:
            raise ValidationError(errors)


class Score(models.Model):
    """The score of one criterion in one visit. The scale is copied from the set so that the
    database itself keeps the value within it (a check constraint cannot look at the set)."""

    observation = models.ForeignKey(
        Observation, on_delete=models.CASCADE, related_name="scores", verbose_name=_("visit")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(_("score"))
    scale_min = models.PositiveSmallIntegerField(_("lowest score"))
    scale_max = models.PositiveSmallIntegerField(_("highest score"))

    objects = ScopedManager(school="observation__school")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["observation", "criterion"], name="score_one_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=F("scale_min")) & Q(value__lte=F("scale_max")),
                name="score_within_scale",
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"

    @property
    def share(self) -> float:
        """The score as a share of its scale (0..1), to compare scores on different scales."""
        return (self.value - self.scale_min) / (self.scale_max - self.scale_min)


class ObservationNote(models.Model):
    """A later remark on an acknowledged (locked) visit; notes are added, never edited."""

    observation = models.ForeignKey(
        Observation, on_delete=models.CASCADE, related_name="notes", verbose_name=_("visit")
    )
    author = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="observation_notes", verbose_name=_("author")
    )
    written_on = models.DateField(_("date"))
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedManager(school="observation__school")

    class Meta:
        verbose_name = _("note on a visit")
        verbose_name_plural = _("notes on visits")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class YoungSpecialistConclusion(models.Model):
    """R2.18: the council's conclusion on a young specialist's work in an academic year."""

    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        related_name="young_specialist_conclusions",
        verbose_name=_("school"),
    )
    staff = models.ForeignKey(
        Staff,
        on_delete=models.PROTECT,
        related_name="young_specialist_conclusions",
        verbose_name=_("young specialist"),
    )
    academic_year = models.ForeignKey(
        AcademicYear,
        on_delete=models.PROTECT,
        related_name="young_specialist_conclusions",
        verbose_name=_("academic year"),
    )
    text = models.TextField(_("conclusion"))
    written_by = models.ForeignKey(
        Staff,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("young specialist's conclusion")
        verbose_name_plural = _("young specialists' conclusions")
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "academic_year"], name="young_conclusion_one_per_year"
            )
        ]

    def __str__(self):
        return f"{self.staff.short_name}, {self.academic_year.name}"
