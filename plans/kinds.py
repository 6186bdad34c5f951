"""The two kinds of work plan, each described once: an association's plan and the council's.

A view, a URL and a template ask the plan's kind for what differs (its models, its items,
who edits it, its title, its addresses) instead of branching on which plan they show. The
URL names follow one pattern, ``plans:<kind>_<what>`` (``plans:council_item_status``), so a
template writes ``{% url kind.urls.item_status item.pk %}``; ``plans/urls.py`` lays out the
same pages for each kind under its ``plan_path`` and ``item_path``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import permissions, selectors, services
from .forms import PlanItemForm
from .models import AssociationPlan, AssociationPlanItem, CouncilPlan, CouncilPlanItem

URL_PARTS = (
    "plan",
    "plan_copy",
    "plan_pdf",
    "item_create",
    "item_edit",
    "item_status",
    "item_delete",
)


@dataclass(frozen=True)
class PlanKind:
    key: str
    plan_path: str  # the address of a plan: <plan_path>/<pk>/...
    item_path: str  # the address of an item: <item_path>/<pk>/...
    plan_model: type
    item_model: type
    plan_related: tuple
    item_related: tuple
    groupings: tuple
    items: Callable  # the plan's items for its page and its document
    copy: Callable  # the service copying the plan into the next year
    can_edit: Callable  # the permission predicate: (user, plan)
    title: Callable  # the plan's heading
    signer: Callable  # who signs the printed plan
    signer_title: str  # and as whom
    filename: Callable  # the printed plan's file name
    item_form: type = PlanItemForm
    template: str = "plans/plan_detail.html"
    print_template: str = "plans/print/plan.html"

    @property
    def urls(self) -> dict:
        return {part: f"plans:{self.key}_{part}" for part in URL_PARTS}

    def url(self, part: str, pk: int) -> str:
        return reverse(self.urls[part], kwargs={"pk": pk})

    def plans(self):
        return self.plan_model.objects.select_related(*self.plan_related)

    def plan_items(self):
        return self.item_model.objects.select_related(*self.item_related)


def _association_title(plan):
    return _("Work plan of %(association)s for %(year)s") % {
        "association": plan.association.name,
        "year": plan.academic_year.name,
    }


def _council_title(plan):
    return _("Work plan of the methodical council for %(year)s") % {"year": plan.academic_year.name}


ASSOCIATION = PlanKind(
    key="association",
    plan_path="associations",
    item_path="association-items",
    plan_model=AssociationPlan,
    item_model=AssociationPlanItem,
    plan_related=("association__head", "academic_year"),
    item_related=("plan__association", "plan__academic_year"),
    groupings=("quarter", "direction", "responsible"),
    items=selectors.association_plan_items,
    copy=services.association_plan_copy,
    can_edit=permissions.can_edit_association_plan,
    title=_association_title,
    signer=lambda plan: plan.association.head,
    signer_title=gettext_lazy("Head of the methodical association"),
    filename=lambda plan: f"plan-{plan.association.pk}-{plan.academic_year.name}.pdf",
)

COUNCIL = PlanKind(
    key="council",
    plan_path="council",
    item_path="council-items",
    plan_model=CouncilPlan,
    item_model=CouncilPlanItem,
    plan_related=("council__academic_year",),
    item_related=("plan__council__academic_year", "origin_item__plan__association"),
    groupings=selectors.GROUPINGS,
    items=selectors.council_plan_items,
    copy=services.council_plan_copy,
    can_edit=permissions.can_edit_council_plan,
    title=_council_title,
    signer=lambda plan: plan.council.chair,
    signer_title=gettext_lazy("Chair of the methodical council"),
    filename=lambda plan: f"council-plan-{plan.academic_year.name}.pdf",
)
