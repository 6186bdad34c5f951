"""Council meetings and their protocols (R5.3, P4.1, P4.3), decisions and their control (R4.4).

A meeting is numbered within its council's academic year; its protocol (attendance,
heard / spoke / resolved) is written by the secretary or the deputy, approved by the
chair or the deputy, and locked once approved: later changes are amendments.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Council
from members.models import Staff
from school.calendar import short_date
from school.models import StoredFile
from school.tenancy import ScopedManager
from school.uploads import stored_name

MEETING_SCOPE = "council__academic_year__school"


def is_quorate(*, present: int, members: int, share: float) -> bool:
    """A meeting has a quorum when more than the school's share (School.quorum_share) of the
    council's members on its day are present: the protocol, its approval and the reports all
    ask this."""
    return members > 0 and present > members * float(share)


class Meeting(models.Model):
    """One meeting (отурум) of the methodical council.

    Numbering (R5.3): the system numbers the meetings of a council's year, inside a
    transaction that locks the council row; (council, number) is unique in the database.
    Numbers follow dates and have no gap. A held meeting's number is fixed for ever;
    planned meetings come after the held ones in date order, so planning an earlier
    meeting, moving or cancelling a planned one renumbers the planned meetings after it.
    A planned meeting cannot be earlier than the last held one, and a planned meeting
    becomes held (its protocol is written) only after the planned meetings before it.
    """

    class Kind(models.TextChoices):
        REGULAR = "regular", _("regular")
        EXTRAORDINARY = "extraordinary", _("extraordinary")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held, protocol being written")
        APPROVED = "approved", _("protocol approved")

    STATUS_BADGES = {
        "planned": "text-bg-secondary",
        "held": "text-bg-warning",
        "approved": "text-bg-success",
    }

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="meetings"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    date = models.DateField(_("date"))
    time = models.TimeField(_("time"))
    place = models.CharField(_("place"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    chair = models.ForeignKey(
        Staff,
        verbose_name=_("chair"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chaired_meetings",
    )
    secretary = models.ForeignKey(
        Staff,
        verbose_name=_("secretary"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_as_secretary",
    )
    # Stale-edit protection: every protocol save names the version it was made from.
    version = models.PositiveIntegerField(_("version"), default=1)
    quorum_confirmed = models.BooleanField(_("approved without a quorum"), default=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ScopedManager(school=MEETING_SCOPE)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["council__academic_year__start_date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="meeting_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="meeting_number_positive"),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False),
                name="meeting_approved_has_time",
            ),
        ]

    def __str__(self):
        return _("Meeting No. %(number)s of %(date)s") % {
            "number": self.number,
            "date": short_date(self.date),
        }

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("meetings:meeting_detail", args=[self.pk])

    @property
    def academic_year(self):
        return self.council.academic_year

    @property
    def school(self):
        return self.council.academic_year.school

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    @property
    def is_planned(self):
        return self.status == self.Status.PLANNED

    @property
    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.time)

    @property
    def pdf_filename(self):
        year = self.council.academic_year
        return f"protocol-{year.start_date.year}-{year.end_date.year}-{self.number}.pdf"


class AgendaItem(models.Model):
    """An item of the agenda (күн тартиби), P4.1; heard and spoke are written on it (P4.3)."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("regular item")
        # R4.4: a new meeting starts by hearing how earlier decisions were carried out.
        REVIEW = "review", _("execution of earlier decisions")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    title = models.CharField(_("title"), max_length=500, blank=True)
    speakers = models.ManyToManyField(
        Staff, verbose_name=_("speakers"), blank=True, related_name="agenda_items"
    )
    guest_speakers = models.CharField(
        _("invited speakers"),
        max_length=300,
        blank=True,
        help_text=_("Speakers who are not staff of the school, with their positions."),
    )
    planned_minutes = models.PositiveSmallIntegerField(_("planned minutes"), null=True, blank=True)
    # Heard (угулду): the main report.
    heard_speaker = models.ForeignKey(
        Staff,
        verbose_name=_("heard: speaker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    heard_guest = models.CharField(_("heard: invited speaker"), max_length=200, blank=True)
    heard_summary = models.TextField(_("heard: summary"), blank=True)
    # The open decisions this review item lists, fixed when the meeting was planned.
    reviewed_decisions = models.ManyToManyField(
        "Decision", verbose_name=_("decisions reviewed"), blank=True, related_name="reviewed_in"
    )

    objects = ScopedManager(school=f"meeting__{MEETING_SCOPE}")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="agenda_item_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(kind="review") | ~Q(title=""), name="agenda_item_has_title"
            ),
            models.CheckConstraint(
                condition=Q(planned_minutes__isnull=True) | Q(planned_minutes__gte=1),
                name="agenda_item_minutes_positive",
            ),
        ]

    def __str__(self):
        return self.display_title

    @property
    def is_review(self):
        return self.kind == self.Kind.REVIEW

    @property
    def display_title(self):
        """The title, in the language being rendered for the fixed review item."""
        if self.is_review:
            from django.utils.translation import gettext

            return gettext("On the execution of the previous meeting's decisions")
        return self.title

    @property
    def heard_name(self):
        if self.heard_speaker_id:
            return self.heard_speaker.short_name
        return self.heard_guest


class Contribution(models.Model):
    """Spoke (сүйлөдү): one speaker's contribution on an agenda item."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    speaker = models.ForeignKey(
        Staff,
        verbose_name=_("speaker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    guest = models.CharField(_("invited speaker"), max_length=200, blank=True)
    summary = models.TextField(_("summary"))

    objects = ScopedManager(school=f"agenda_item__meeting__{MEETING_SCOPE}")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["agenda_item", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(speaker__isnull=False) | ~Q(guest=""),
                name="contribution_has_speaker",
            )
        ]

    def __str__(self):
        return self.speaker_name

    @property
    def speaker_name(self):
        return self.speaker.short_name if self.speaker_id else self.guest


class Attendance(models.Model):
    """A council member at a meeting: present, or absent with a reason."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    staff = models.ForeignKey(
        Staff, verbose_name=_("member"), on_delete=models.PROTECT, related_name="attendance"
    )
    present = models.BooleanField(_("present"), default=True)
    absence_reason = models.CharField(_("reason for absence"), max_length=200, blank=True)

    objects = ScopedManager(school=f"meeting__{MEETING_SCOPE}")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["staff__last_name", "staff__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "staff"], name="attendance_unique_member"),
            models.CheckConstraint(
                condition=Q(present=False) | Q(absence_reason=""),
                name="attendance_present_has_no_reason",
            ),
        ]

    def __str__(self):
        return f"{self.staff} ({self.meeting})"


class Guest(models.Model):
    """An invited guest (чакырылган) of a meeting, with a position."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="guests"
    )
    name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200)

    objects = ScopedManager(school=f"meeting__{MEETING_SCOPE}")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invited guest")
        verbose_name_plural = _("invited guests")
        ordering = ["meeting", "pk"]

    def __str__(self):
        return f"{self.name}, {self.position}"


class DecisionQuerySet(models.QuerySet):
    def overdue(self, *, on: datetime.date):
        """Still open after the due date: the one rule for an overdue decision, used by the
        register, the reports and the dashboard alike (see Decision.overdue_condition)."""
        return self.filter(Decision.overdue_condition(on))


class Decision(models.Model):
    """Resolved (токтом): a numbered decision with responsible staff and a due date (R4.4)."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    # The badge of each status ({% status_badge %}); "overdue" is an open decision past its
    # due date (is_overdue), shown as such.
    STATUS_BADGES = {
        "open": "text-bg-info",
        "done": "text-bg-success",
        "cancelled": "text-bg-light",
        "overdue": "text-bg-danger",
    }

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    responsible = models.ManyToManyField(
        Staff, verbose_name=_("responsible"), related_name="decisions"
    )
    due_date = models.DateField(_("due date"))
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    votes_abstained = models.PositiveSmallIntegerField(_("abstained"), null=True, blank=True)
    # R2.14: a decision may be put before the pedagogical council.
    for_pedagogical_council = models.BooleanField(_("for the pedagogical council"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    execution_note = models.TextField(_("execution note"), blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = ScopedManager(
        school=f"meeting__{MEETING_SCOPE}",
        _manager_class=models.Manager.from_queryset(DecisionQuerySet),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting__date", "meeting__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="decision_unique_number"),
            models.CheckConstraint(
                condition=~Q(status="done") | (Q(done_on__isnull=False) & ~Q(execution_note="")),
                name="decision_done_has_date_and_note",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="decision_cancelled_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(
                    votes_for__isnull=True, votes_against__isnull=True, votes_abstained__isnull=True
                )
                | Q(
                    votes_for__isnull=False,
                    votes_against__isnull=False,
                    votes_abstained__isnull=False,
                ),
                name="decision_votes_all_or_none",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return f"{self.meeting.number}.{self.number}"

    @property
    def code(self):
        """ "3.2": decision 2 of meeting No. 3."""
        return f"{self.meeting.number}.{self.number}"

    @property
    def has_votes(self):
        return self.votes_for is not None

    @staticmethod
    def overdue_condition(on: datetime.date, prefix: str = "") -> Q:
        """Open with the due date before ``on``; ``prefix`` ("decisions__") reads it from a
        related model, for counts in one query."""
        return Q(**{f"{prefix}status": Decision.Status.OPEN, f"{prefix}due_date__lt": on})

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        from school.selectors import today

        return self.status == self.Status.OPEN and self.due_date < (on or today())


class Amendment(models.Model):
    """A change to an approved protocol: who, when, why and what (kept for ever)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="amendments"
    )
    reason = models.TextField(_("reason for the amendment"))
    change = models.TextField(_("what was changed"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    made_at = models.DateTimeField(_("made at"), auto_now_add=True)

    objects = ScopedManager(school=f"meeting__{MEETING_SCOPE}")

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["meeting", "made_at", "pk"]

    def __str__(self):
        return f"{self.meeting}: {self.reason[:40]}"


def attachment_path(instance, filename):
    # The stored name is not the uploaded one: files are served only through a view.
    return stored_name(f"meetings/{instance.meeting_id}", filename)


class Attachment(StoredFile):
    """A file on a meeting or one of its agenda items (presentation, document)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attachments"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_path)

    objects = ScopedManager(school=f"meeting__{MEETING_SCOPE}")

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]


class ProtocolDocument(models.Model):
    """The PDF of an approved protocol, rendered once per language from its latest snapshot
    (the revision names the snapshot's digest); an amendment drops it."""

    is_stored_document = True  # a copy of other data: saving it changes no data version

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="documents"
    )
    language = models.CharField(_("language"), max_length=8)
    version = models.PositiveIntegerField(_("version"))
    # A fingerprint of the templates and translations it was rendered with.
    revision = models.CharField(_("revision"), max_length=64, blank=True)
    pdf = models.BinaryField(_("PDF"))
    rendered_at = models.DateTimeField(_("rendered at"), auto_now_add=True)

    objects = ScopedManager(school=f"meeting__{MEETING_SCOPE}")

    class Meta:
        verbose_name = _("protocol document")
        verbose_name_plural = _("protocol documents")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "language"], name="protocol_document_unique_language"
            )
        ]

    def __str__(self):
        return f"{self.meeting} ({self.language})"


class ProtocolSnapshot(models.Model):
    """Everything a protocol shows, as it stood when it was approved (snapshot.build): one row
    per version, a new one at each amendment, the old ones kept. Plain data and choice codes
    only, never a database key (a restored backup gives rows new keys)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="snapshots"
    )
    version = models.PositiveIntegerField(_("version"))
    data = models.JSONField(_("data"))
    digest = models.CharField(_("digest"), max_length=64)
    taken_at = models.DateTimeField(_("taken at"), auto_now_add=True)

    objects = ScopedManager(school=f"meeting__{MEETING_SCOPE}")

    class Meta:
        verbose_name = _("protocol snapshot")
        verbose_name_plural = _("protocol snapshots")
        ordering = ["meeting", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "version"], name="protocol_snapshot_unique_version"
            )
        ]

    def __str__(self):
        return f"{self.meeting} (v{self.version})"


class ArchiveDocument(models.Model):
    """The year's archive of approved protocols as PDF, kept while the snapshots it was made
    from (its key) are the latest ones."""

    is_stored_document = True  # a copy of other data: saving it changes no data version

    year = models.ForeignKey(
        "school.AcademicYear",
        verbose_name=_("academic year"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8)
    key = models.CharField(_("key"), max_length=64)
    pdf = models.BinaryField(_("PDF"))
    rendered_at = models.DateTimeField(_("rendered at"), auto_now_add=True)

    objects = ScopedManager(school="year__school")

    class Meta:
        verbose_name = _("protocol archive")
        verbose_name_plural = _("protocol archives")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "language"], name="archive_document_unique_language"
            )
        ]

    def __str__(self):
        return f"{self.year} ({self.language})"
