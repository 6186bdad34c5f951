"""The experience bank (R2.16, P2.2, P3.3), publications (P3.8), manuscript review (P4.5)
and award recommendations (R2.13, P4.6)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models import Decision
from members.models import Staff, Subject
from school.models import School, StoredFile
from school.tenancy import ScopedManager
from school.uploads import stored_name


def _decision_school_id(decision: Decision) -> int:
    return decision.meeting.council.academic_year.school_id


def _check_decision_school(obj, field="decision"):
    decision = getattr(obj, field)
    if decision is not None and _decision_school_id(decision) != obj.school_id:
        raise ValidationError(
            {field: _("Choose a decision of this school's council.")}, code="other_school"
        )


class Tag(models.Model):
    """A word that groups entries of the bank ("функционалдык сабаттуулук")."""

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="experience_tags", verbose_name=_("school")
    )
    name = models.CharField(_("name"), max_length=60)
    # The name in lower case: one tag per word whatever the letters' case (Cyrillic too).
    key = models.CharField(_("key"), max_length=60, editable=False)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["key"]
        constraints = [models.UniqueConstraint(fields=["school", "key"], name="tag_unique_key")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = self.name.strip().lower()
        super().save(*args, **kwargs)


class Entry(models.Model):
    """An idea or an experience kept in the bank (R2.16), generalised from teachers' work (P2.2)."""

    class Source(models.TextChoices):
        OPEN_LESSON = "open_lesson", _("open lesson")
        MASTER_CLASS = "master_class", _("master class")
        CONFERENCE = "conference", _("conference")
        PUBLICATION = "publication", _("publication")
        OTHER = "other", _("other")

    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        related_name="experience_entries",
        verbose_name=_("school"),
    )
    title = models.CharField(_("title"), max_length=255)
    authors = models.ManyToManyField(
        Staff, verbose_name=_("authors"), related_name="experience_entries"
    )
    subject = models.ForeignKey(
        Subject,
        verbose_name=_("subject"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="experience_entries",
    )
    grades = models.CharField(
        _("grades"), max_length=20, blank=True, help_text=_("For example 5-7 or 9.")
    )
    description = models.TextField(_("description"))
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="entries")
    # P3.3: the council recommends an experience for spreading.
    recommended_by = models.ForeignKey(
        Decision,
        verbose_name=_("recommended by the council's decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="experience_entries",
    )
    # Lower-case words of the title, description, authors, subject and tags: the match on
    # databases without full-text search (SQLite folds only ASCII case).
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("experience bank entry")
        verbose_name_plural = _("experience bank entries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="entry_has_title"),
            models.CheckConstraint(
                condition=Q(
                    source__in=["open_lesson", "master_class", "conference", "publication", "other"]
                ),
                name="entry_source_known",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.subject_id and self.school_id and self.subject.school_id != self.school_id:
            raise ValidationError({"subject": _("Choose a subject of this school.")})
        _check_decision_school(self, "recommended_by")


def entry_file_path(instance, filename):
    return stored_name(f"experience/{instance.entry_id}", filename)


class EntryFile(StoredFile):
    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=entry_file_path)

    objects = ScopedManager(school="entry__school")

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]


class Publication(models.Model):
    """A teacher's or a pupil's publication (P3.8)."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("article")
        THESIS = "thesis", _("conference abstract")
        BOOKLET = "booklet", _("methodical booklet")
        BOOK = "book", _("book or textbook")
        PUPIL_WORK = "pupil_work", _("pupil's work")
        OTHER = "other", _("other")

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="publications", verbose_name=_("school")
    )
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    staff_authors = models.ManyToManyField(
        Staff, verbose_name=_("authors from the staff"), blank=True, related_name="publications"
    )
    pupil_authors = models.CharField(
        _("pupils (authors)"),
        max_length=300,
        blank=True,
        help_text=_("Names and classes of pupil authors, e.g. Асанов Бекзат, 10-б."),
    )
    supervisor = models.ForeignKey(
        Staff,
        verbose_name=_("supervisor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervised_publications",
        help_text=_("The teacher who guided the pupils' work."),
    )
    venue = models.CharField(
        _("where published"),
        max_length=255,
        help_text=_("Journal, newspaper, collection or website, with the issue."),
    )
    published_on = models.DateField(_("date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="publication_has_title"),
            models.CheckConstraint(condition=~Q(venue=""), name="publication_has_venue"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.supervisor_id and self.school_id and self.supervisor.school_id != self.school_id:
            raise ValidationError({"supervisor": _("Choose a person of this school.")})


def manuscript_path(instance, filename):
    return stored_name("manuscripts", filename)


class Manuscript(models.Model):
    """The manuscript (кол жазма) of a methodical booklet under review (P4.5)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted, waiting for reviewers")
        IN_REVIEW = "in_review", _("in review")
        RECOMMENDED = "recommended", _("recommended for publication")
        RETURNED = "returned", _("returned to the author")

    # How each state looks on the pages ({% status_badge %}).
    STATUS_BADGES = {
        "submitted": "text-bg-secondary",
        "in_review": "text-bg-info",
        "recommended": "text-bg-success",
        "returned": "text-bg-warning",
    }

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="manuscripts", verbose_name=_("school")
    )
    title = models.CharField(_("title"), max_length=255)
    abstract = models.TextField(_("abstract"))
    author = models.ForeignKey(
        Staff, verbose_name=_("author"), on_delete=models.PROTECT, related_name="manuscripts"
    )
    file = models.FileField(_("file"), upload_to=manuscript_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    submitted_on = models.DateField(_("submitted on"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    # The council's decision on the manuscript, taken at a meeting.
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("council's decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="manuscripts",
    )
    decision_note = models.TextField(_("note on the decision"), blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("manuscript")
        verbose_name_plural = _("manuscripts")
        ordering = ["-submitted_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="manuscript_has_title"),
            # Decided (recommended or returned) exactly when a decision is linked.
            models.CheckConstraint(
                condition=(Q(status__in=["recommended", "returned"]) & Q(decision__isnull=False))
                | (Q(status__in=["submitted", "in_review"]) & Q(decision__isnull=True)),
                name="manuscript_decided_has_decision",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_decided(self):
        return self.status in (self.Status.RECOMMENDED, self.Status.RETURNED)

    def clean(self):
        if self.author_id and self.school_id and self.author.school_id != self.school_id:
            raise ValidationError({"author": _("Choose a person of this school.")})
        _check_decision_school(self, "decision")


class Review(models.Model):
    """A reviewer's review (рецензия) of a manuscript, with a verdict (P4.5)."""

    class Verdict(models.TextChoices):
        RECOMMEND = "recommend", _("recommend for publication")
        REVISE = "revise", _("revise and submit again")
        REJECT = "reject", _("reject")

    # A review's state is its verdict: {% status_badge review status=review.verdict ... %}.
    STATUS_BADGES = {
        "recommend": "text-bg-success",
        "revise": "text-bg-warning",
        "reject": "text-bg-danger",
    }

    manuscript = models.ForeignKey(
        Manuscript, verbose_name=_("manuscript"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        Staff, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="reviews"
    )
    assigned_on = models.DateField(_("assigned on"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices, blank=True)
    text = models.TextField(_("review"), blank=True)
    written_on = models.DateField(_("written on"), null=True, blank=True)

    objects = ScopedManager(school="manuscript__school")

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["manuscript", "assigned_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["manuscript", "reviewer"], name="review_unique_reviewer"
            ),
            # A written review has its verdict, text and date; a pending one has none.
            models.CheckConstraint(
                condition=(Q(written_on__isnull=True) & Q(verdict="") & Q(text=""))
                | (Q(written_on__isnull=False) & ~Q(verdict="") & ~Q(text="")),
                name="review_written_is_complete",
            ),
        ]

    def __str__(self):
        return f"{self.manuscript} — {self.reviewer}"

    @property
    def is_written(self):
        return self.written_on is not None

    def clean(self):
        if self.reviewer_id and self.manuscript_id:
            if self.reviewer_id == self.manuscript.author_id:
                raise ValidationError(
                    {"reviewers": _("The author cannot review their own manuscript.")},
                    code="author",
                )


class AwardRecommendation(models.Model):
    """A teacher recommended for an award, with the characteristic (мүнөздөмө), R2.13, P4.6."""

    class Level(models.TextChoices):
        SCHOOL = "school", _("school")
        DISTRICT = "district", _("city or district")
        REGION = "region", _("region")
        REPUBLIC = "republic", _("republic")

    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        related_name="award_recommendations",
        verbose_name=_("school"),
    )
    teacher = models.ForeignKey(
        Staff,
        verbose_name=_("teacher"),
        on_delete=models.PROTECT,
        related_name="award_recommendations",
    )
    award = models.CharField(
        _("award"),
        max_length=255,
        help_text=_(
            "As the award sheet names it, e.g. Кыргыз Республикасынын Билим берүү жана илим министрлигинин Ардак грамотасы."
        ),
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    characteristic = models.TextField(_("characteristic"))
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("council's decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_recommendations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("prepared at"), auto_now_add=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("award recommendation")
        verbose_name_plural = _("award recommendations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(award=""), name="award_has_name"),
            models.CheckConstraint(
                condition=~Q(characteristic=""), name="award_has_characteristic"
            ),
        ]

    def __str__(self):
        return f"{self.teacher} — {self.award}"

    def clean(self):
        if self.teacher_id and self.school_id and self.teacher.school_id != self.school_id:
            raise ValidationError({"teacher": _("Choose a person of this school.")})
        _check_decision_school(self, "decision")
