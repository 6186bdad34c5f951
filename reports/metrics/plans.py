"""Work-plan items (R5.1, R2.3): the associations' items and the council's own, counted by
quarter and direction in two queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from plans.models import AssociationPlanItem, CouncilPlanItem, Direction, ItemStatus, PlanItem
from plans.selectors import Progress
from school.models import AcademicYear

from .periods import Period


@dataclass
class PlanRow:
    label: str
    progress: Progress
    own: bool = False  # the council's own items, or items tied to no direction


@dataclass
class PlanFigures:
    by_association: list[PlanRow]
    by_direction: list[PlanRow]
    total: Progress


def _item_counts(on: datetime.date) -> dict:
    return {
        "planned": Count("pk", filter=~Q(status=ItemStatus.CANCELLED)),
        "done": Count("pk", filter=Q(status=ItemStatus.DONE)),
        "overdue": Count("pk", filter=PlanItem.overdue_condition(on)),
        "items": Count("pk"),
    }


def _progress(row: dict | None) -> Progress:
    if not row:
        return Progress()
    return Progress(done=row["done"], planned=row["planned"], overdue=row["overdue"])


def _add(a: Progress, b: Progress) -> Progress:
    return Progress(
        done=a.done + b.done, planned=a.planned + b.planned, overdue=a.overdue + b.overdue
    )


_DIRECTION = (
    "direction_id",
    "direction__order",
    "direction__title",
    "direction__programme__start_year",
)


@dataclass
class PlanRows:
    """The year's plan items counted by quarter and direction: the associations' items (by
    association) and the council's own. Two queries for every period of a report."""

    association: list[dict]
    own: list[dict]

    @classmethod
    def of(cls, year: AcademicYear, quarters, *, on: datetime.date) -> "PlanRows":
        counts = _item_counts(on)
        association = (
            AssociationPlanItem.objects.filter(plan__academic_year=year, quarter__in=quarters)
            .order_by()
            .values("plan__association_id", "quarter", *_DIRECTION)
            .annotate(**counts)
        )
        # Items taken from an association's plan mirror it: only the council's own are added.
        own = (
            CouncilPlanItem.objects.filter(
                plan__council__academic_year=year, origin_item__isnull=True, quarter__in=quarters
            )
            .order_by()
            .values("quarter", *_DIRECTION)
            .annotate(**counts)
        )
        return cls(association=list(association), own=list(own))


def _direction_label(row: dict) -> str:
    return str(Direction(order=row["direction__order"], title=row["direction__title"]))


def plan_figures(period: Period, rows: PlanRows, associations: list | None) -> PlanFigures:
    """The period's items by association (when the associations are given), by direction of
    the development programme, and in all."""
    per_association: dict = {}
    per_direction: dict = {}
    own, own_items, total = Progress(), 0, Progress()
    for row in [*rows.association, *rows.own]:
        if row["quarter"] not in period.quarters:
            continue
        progress = _progress(row)
        total = _add(total, progress)
        if "plan__association_id" in row:
            key = row["plan__association_id"]
            per_association[key] = _add(per_association.get(key, Progress()), progress)
        else:
            own, own_items = _add(own, progress), own_items + row["items"]
        key = row["direction_id"]
        if key not in per_direction:
            order = (row["direction__programme__start_year"], row["direction__order"])
            label = _direction_label(row) if key else ""
            per_direction[key] = (order, label, Progress())
        order, label, sum_ = per_direction[key]
        per_direction[key] = (order, label, _add(sum_, progress))
    by_association = []
    if associations is not None:
        by_association = [
            PlanRow(label=a.name, progress=per_association.get(a.pk, Progress()))
            for a in associations
        ]
        if own_items:
            by_association.append(
                PlanRow(label=_("The council's own items"), progress=own, own=True)
            )
    by_direction = [
        PlanRow(label=label, progress=progress)
        for key, (_order, label, progress) in sorted(
            ((k, v) for k, v in per_direction.items() if k), key=lambda kv: (kv[1][0], kv[1][1])
        )
    ]
    if None in per_direction:
        by_direction.append(
            PlanRow(label=_("Not tied to a direction"), progress=per_direction[None][2], own=True)
        )
    return PlanFigures(by_association=by_association, by_direction=by_direction, total=total)
