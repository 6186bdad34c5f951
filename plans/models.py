"""Work plans: the school development programme (R5.2), the methodical associations' plans
(R2.19, P4.2) and the council's yearly plan built from them (R5.1).

Timing. An item is planned into a month or into a quarter (one of them is required). The
quarter is always stored: chosen, or derived from the month (the quarter holding most of the
month's days). The planned date range (`planned_start`..`planned_end`) is stored too: the
month's days inside the academic year, or the quarter's dates. Overdue and PDF dates read it.

Status mirror (R5.1). A council item taken from an association's plan keeps the link to its
origin (`origin_item`) and mirrors the origin's status: both rows store the status, and
`services.plan_item_set_status` changes the origin and every council item taken from it in one
transaction, whichever side the change starts from. The content (activity, timing, people,
expected result) is copied when the item is taken and may then be edited on either side; only
the status, its new date and its note are kept equal.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Council
from members.models import MethodicalAssociation, Staff
from school.models import AcademicYear, School
from school.tenancy import ScopedManager

from .timing import year_bounds


class Programme(models.Model):
    """Мектепти өнүктүрүү программасы: the school development programme (R5.2, R2.1)."""

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("school")
    )
    title = models.CharField(_("title"), max_length=255)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("development programme")
        verbose_name_plural = _("development programmes")
        ordering = ["-start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")),
                name="programme_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.start_year}–{self.end_year})"

    def covers(self, year: AcademicYear) -> bool:
        return self.start_year <= year.end_date.year and self.end_year >= year.start_date.year


class Direction(models.Model):
    """A direction (goal) of the programme; plan items are tied to it (R2.3)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="directions", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=255)
    order = models.PositiveSmallIntegerField(_("number"), default=1)

    objects = ScopedManager(school="programme__school")

    class Meta:
        verbose_name = _("direction")
        verbose_name_plural = _("directions")
        ordering = ["programme", "order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "order"], name="direction_unique_order"),
            models.UniqueConstraint(fields=["programme", "title"], name="direction_unique_title"),
        ]

    def __str__(self):
        return f"{self.order}. {self.title}"


class ActivityForm(models.TextChoices):
    SEMINAR = "seminar", _("seminar")
    OPEN_LESSON = "open_lesson", _("open lesson")
    MASTER_CLASS = "master_class", _("master class")
    WORKSHOP = "workshop", _("workshop")
    ROUND_TABLE = "round_table", _("round table")
    CONFERENCE = "conference", _("conference")
    COMPETITION = "competition", _("competition")
    SELF_EDUCATION_REPORT = "self_education_report", _("self-education report")
    OTHER = "other", _("other")


class ItemStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    DONE = "done", _("done")
    MOVED = "moved", _("moved")
    CANCELLED = "cancelled", _("cancelled")


class AssociationPlan(models.Model):
    """A methodical association's plan for one academic year (R2.19, P4.2)."""

    association = models.ForeignKey(
        MethodicalAssociation,
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("methodical association"),
    )
    academic_year = models.ForeignKey(
        AcademicYear,
        on_delete=models.PROTECT,
        related_name="association_plans",
        verbose_name=_("academic year"),
    )

    objects = ScopedManager(school="association__school")

    class Meta:
        verbose_name = _("methodical association's plan")
        verbose_name_plural = _("methodical associations' plans")
        ordering = ["-academic_year__start_date", "association__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "academic_year"],
                name="association_plan_unique_year",
                violation_error_message=_("The association already has a plan for this year."),
            )
        ]

    def __str__(self):
        return _("Plan of %(association)s, %(year)s") % {
            "association": self.association.name,
            "year": self.academic_year.name,
        }

    @property
    def school(self):
        return self.association.school

    def clean(self):
        if self.association_id and self.academic_year_id:
            if self.association.school_id != self.academic_year.school_id:
                raise ValidationError(
                    {"academic_year": _("Choose an academic year of the association's school.")}
                )


class CouncilPlan(models.Model):
    """The council's yearly work plan (R5.1): its own items and items taken from MA plans."""

    council = models.OneToOneField(
        Council, on_delete=models.PROTECT, related_name="plan", verbose_name=_("council")
    )

    objects = ScopedManager(school="council__academic_year__school")

    class Meta:
        verbose_name = _("council's work plan")
        verbose_name_plural = _("council's work plans")
        ordering = ["-council__academic_year__start_date"]

    def __str__(self):
        return _("Work plan of the methodical council, %(year)s") % {
            "year": self.academic_year.name
        }

    @property
    def academic_year(self):
        return self.council.academic_year

    @property
    def school(self):
        return self.council.academic_year.school


class PlanItemQuerySet(models.QuerySet):
    def overdue(self, *, on: datetime.date):
        return self.filter(PlanItem.overdue_condition(on))


class PlanItem(models.Model):
    """What an association's item and a council's item have in common."""

    STATUS_BADGES = {
        "done": "text-bg-success",
        "moved": "text-bg-warning",
        "cancelled": "text-bg-light",
        "overdue": "text-bg-danger",
    }

    activity = models.TextField(_("activity"))
    form = models.CharField(
        _("form"), max_length=32, choices=ActivityForm.choices, default=ActivityForm.SEMINAR
    )
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    planned_start = models.DateField(_("planned from"))
    planned_end = models.DateField(_("planned until"))
    expected_result = models.TextField(_("expected result"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.PLANNED
    )
    moved_to = models.DateField(_("new date"), null=True, blank=True)
    status_note = models.TextField(_("note"), blank=True)
    direction = models.ForeignKey(
        Direction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("programme direction"),
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Copied into the next year: the item it was copied from.
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copied from"),
    )

    class Meta:
        abstract = True
        ordering = ["planned_start", "quarter", "month", "pk"]

    def __str__(self):
        return self.activity

    @staticmethod
    def common_constraints(prefix):
        return [
            models.CheckConstraint(
                condition=Q(month__isnull=True) | (Q(month__gte=1) & Q(month__lte=12)),
                name=f"{prefix}_month_1_to_12",
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1) & Q(quarter__lte=4), name=f"{prefix}_quarter_1_to_4"
            ),
            models.CheckConstraint(
                condition=Q(planned_end__gte=models.F("planned_start")),
                name=f"{prefix}_planned_range",
            ),
            # A moved item has its new date; an item not moved has none.
            models.CheckConstraint(
                condition=(Q(status="moved") & Q(moved_to__isnull=False))
                | (~Q(status="moved") & Q(moved_to__isnull=True)),
                name=f"{prefix}_moved_has_date",
            ),
            # A cancelled item says why.
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(status_note=""),
                name=f"{prefix}_cancelled_has_note",
            ),
        ]

    @property
    def academic_year(self):
        return self.plan.academic_year

    def clean(self):
        errors = {}
        year = self.academic_year
        if self.planned_start and self.planned_end:
            if not (year.contains(self.planned_start) and year.contains(self.planned_end)):
                errors["month"] = _(
                    "The item must be planned inside the academic year %(year)s."
                ) % {"year": year.name}
        if self.status == ItemStatus.MOVED:
            if self.moved_to is None:
                errors["moved_to"] = _("Give the new date of a moved item.")
            elif not year.contains(self.moved_to):
                errors["moved_to"] = _(
                    "The new date must be inside the academic year %(year)s (%(start)s – %(end)s)."
                ) % year_bounds(year)
        elif self.moved_to is not None:
            errors["moved_to"] = _("Only a moved item has a new date.")
        if self.status == ItemStatus.CANCELLED and not self.status_note.strip():
            errors["status_note"] = _("Say why the item is cancelled.")
        if self.direction_id and self.direction.programme.school_id != year.school_id:
            errors["direction"] = _("Choose a direction of this school's programme.")
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def overdue_condition(on: datetime.date, prefix: str = "") -> Q:
        """The planned date has passed and the item is still only planned: the one rule for an
        overdue plan item (plan pages, progress, reports); ``prefix`` reads it from a relation."""
        return Q(**{f"{prefix}status": ItemStatus.PLANNED, f"{prefix}planned_end__lt": on})

    def is_overdue(self, on: datetime.date) -> bool:
        return self.status == ItemStatus.PLANNED and self.planned_end < on

    @property
    def is_done(self):
        return self.status == ItemStatus.DONE

    @property
    def counts_as_planned(self):
        """Progress counts done out of planned; a cancelled item is no longer planned."""
        return self.status != ItemStatus.CANCELLED


class AssociationPlanItem(PlanItem):
    plan = models.ForeignKey(
        AssociationPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    responsible = models.ManyToManyField(
        Staff, verbose_name=_("responsible"), blank=True, related_name="association_plan_items"
    )

    objects = ScopedManager(
        school="plan__association__school",
        _manager_class=models.Manager.from_queryset(PlanItemQuerySet),
    )
    history = HistoricalRecords()

    class Meta(PlanItem.Meta):
        verbose_name = _("association plan item")
        verbose_name_plural = _("association plan items")
        constraints = PlanItem.common_constraints("association_item")


class CouncilPlanItem(PlanItem):
    plan = models.ForeignKey(
        CouncilPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    responsible = models.ManyToManyField(
        Staff, verbose_name=_("responsible"), blank=True, related_name="council_plan_items"
    )
    # R5.1: an item taken from an association's plan keeps its origin.
    origin_item = models.ForeignKey(
        AssociationPlanItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_items",
        verbose_name=_("taken from"),
    )
    # Put on a meeting's agenda: the agenda item created for this plan item.
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_items",
        verbose_name=_("agenda item"),
    )

    objects = ScopedManager(
        school="plan__council__academic_year__school",
        _manager_class=models.Manager.from_queryset(PlanItemQuerySet),
    )
    history = HistoricalRecords()

    class Meta(PlanItem.Meta):
        verbose_name = _("council plan item")
        verbose_name_plural = _("council plan items")
        constraints = [
            *PlanItem.common_constraints("council_item"),
            models.UniqueConstraint(
                fields=["plan", "origin_item"],
                condition=Q(origin_item__isnull=False),
                name="council_item_origin_taken_once",
                violation_error_message=_(
                    "This item of the association's plan is already in the council's plan."
                ),
            ),
        ]

    def clean(self):
        super().clean()
        if self.origin_item_id:
            origin = self.origin_item
            if origin.plan.academic_year_id != self.plan.council.academic_year_id:
                raise ValidationError(
                    {
                        "origin_item": _(
                            "Only items of the same academic year can be taken into the plan."
                        )
                    }
                )
