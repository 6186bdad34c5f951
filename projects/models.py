"""Events (R2.17, P3.1), creative and project groups (R2.11) and research projects
(R2.6, R2.8, R2.9, R2.12, P2.3, P3.4)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem
from members.models import Staff
from plans.models import AssociationPlanItem, CouncilPlanItem
from school.models import School, StoredFile
from school.tenancy import ScopedManager
from school.uploads import stored_name


def _check_term(obj, start="starts_on", end="ends_on"):
    first, last = getattr(obj, start), getattr(obj, end)
    if first and last and last < first:
        raise ValidationError({end: _("The end cannot be before the start.")}, code="order")


class Event(models.Model):
    """A conference, seminar, exhibition, pedagogical reading or master class (R2.17, P3.1)."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("scientific-practical conference")
        SEMINAR = "seminar", _("seminar")
        EXHIBITION = "exhibition", _("exhibition")
        READINGS = "readings", _("pedagogical readings")
        MASTER_CLASS = "master_class", _("master class")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    # How each state looks on the pages ({% status_badge %}).
    STATUS_BADGES = {
        "planned": "text-bg-secondary",
        "held": "text-bg-success",
        "cancelled": "text-bg-light",
    }

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="events", verbose_name=_("school")
    )
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("programme and aim"), blank=True)
    organisers = models.ManyToManyField(
        Staff, verbose_name=_("organisers"), related_name="organised_events"
    )
    participants = models.ManyToManyField(
        Staff, verbose_name=_("participants"), blank=True, related_name="events"
    )
    guest_participants = models.TextField(
        _("other participants"),
        blank=True,
        help_text=_("Guests from other schools and organisations, pupils' classes."),
    )
    council_plan_items = models.ManyToManyField(
        CouncilPlanItem,
        verbose_name=_("items of the council's plan"),
        blank=True,
        related_name="events",
    )
    association_plan_items = models.ManyToManyField(
        AssociationPlanItem,
        verbose_name=_("items of associations' plans"),
        blank=True,
        related_name="events",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    results = models.TextField(_("results"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="event_has_title"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="event_ends_after_start"
            ),
            # A held event says what came of it.
            models.CheckConstraint(
                condition=~Q(status="held") | ~Q(results=""), name="event_held_has_results"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        _check_term(self)


def event_material_path(instance, filename):
    return stored_name(f"events/{instance.event_id}", filename)


class EventMaterial(StoredFile):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="materials"
    )
    file = models.FileField(_("file"), upload_to=event_material_path)

    objects = ScopedManager(school="event__school")

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["uploaded_at", "pk"]


class Group(models.Model):
    """A temporary creative or project group (R2.11) with a goal, a leader, members and a term."""

    class Kind(models.TextChoices):
        CREATIVE = "creative", _("creative group")
        PROJECT = "project", _("project group")

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="teacher_groups", verbose_name=_("school")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=255)
    goal = models.TextField(_("goal"))
    leader = models.ForeignKey(
        Staff, verbose_name=_("leader"), on_delete=models.PROTECT, related_name="led_groups"
    )
    members = models.ManyToManyField(
        Staff, verbose_name=_("members"), related_name="teacher_groups"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    results = models.TextField(_("results"), blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="group_has_name"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="group_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["school", "name", "starts_on"], name="group_unique_name_start"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        _check_term(self)
        if self.leader_id and self.school_id and self.leader.school_id != self.school_id:
            raise ValidationError({"leader": _("Choose a person of this school.")})


class Project(models.Model):
    """A research or innovation project (R2.6, R2.8, R2.9, R2.12): stages, status, results."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("in progress")
        COMPLETED = "completed", _("completed")
        SUSPENDED = "suspended", _("suspended")

    STATUS_BADGES = {
        "planned": "text-bg-secondary",
        "active": "text-bg-info",
        "completed": "text-bg-success",
        "suspended": "text-bg-warning",
    }

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="research_projects", verbose_name=_("school")
    )
    title = models.CharField(_("title"), max_length=255)
    problem = models.TextField(_("research problem and aim"))
    leader = models.ForeignKey(
        Staff, verbose_name=_("leader"), on_delete=models.PROTECT, related_name="led_projects"
    )
    participants = models.ManyToManyField(
        Staff, verbose_name=_("participants"), blank=True, related_name="research_projects"
    )
    group = models.ForeignKey(
        Group,
        verbose_name=_("group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    results = models.TextField(_("results"), blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("research project")
        verbose_name_plural = _("research projects")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="project_has_title"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="project_ends_after_start"
            ),
            # R2.9: a completed project has its results written.
            models.CheckConstraint(
                condition=~Q(status="completed") | ~Q(results=""),
                name="project_completed_has_results",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        _check_term(self)
        if self.leader_id and self.school_id and self.leader.school_id != self.school_id:
            raise ValidationError({"leader": _("Choose a person of this school.")})
        if self.group_id and self.school_id and self.group.school_id != self.school_id:
            raise ValidationError({"group": _("Choose a group of this school.")})


class Stage(models.Model):
    """A stage of a project, in order, with its dates and status."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("in progress")
        DONE = "done", _("done")

    STATUS_BADGES = {
        "planned": "text-bg-secondary",
        "active": "text-bg-info",
        "done": "text-bg-success",
    }

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="stages"
    )
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=255)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    outcome = models.TextField(_("outcome"), blank=True)

    objects = ScopedManager(school="project__school")

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["project", "position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "position"], name="stage_unique_position"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="stage_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="stage_position_positive"),
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"

    def clean(self):
        _check_term(self)


class Hearing(models.Model):
    """A group or a project put on a meeting's agenda to be heard (P4.3)."""

    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="hearings"
    )
    group = models.ForeignKey(
        Group,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hearings",
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hearings",
    )

    objects = ScopedManager(school="agenda_item__meeting__council__academic_year__school")

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        ordering = ["agenda_item__meeting__date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(group__isnull=False) & Q(project__isnull=True))
                | (Q(group__isnull=True) & Q(project__isnull=False)),
                name="hearing_of_group_or_project",
            ),
            models.UniqueConstraint(fields=["agenda_item", "group"], name="hearing_unique_group"),
            models.UniqueConstraint(
                fields=["agenda_item", "project"], name="hearing_unique_project"
            ),
        ]

    def __str__(self):
        return str(self.agenda_item)
