"""The plan pages. What differs between an association's plan and the council's plan is said
once in ``kinds``: the URLs hand each view its kind, and the view asks it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.models import MethodicalAssociation
from members.permissions import staff_of
from members.selectors import active_staff
from school import permissions as school_permissions
from school.documents import document_language, pdf_response, render_pdf
from school.pages import confirm_page, form_page, year_from_query
from school.selectors import academic_years, today

from . import permissions, selectors, services
from .forms import (
    AgendaForm,
    AssociationPlanStartForm,
    CouncilPlanStartForm,
    DirectionForm,
    ProgrammeForm,
    StatusForm,
    TakeItemsForm,
)
from .kinds import ASSOCIATION, COUNCIL
from .models import AssociationPlanItem, Direction, ItemStatus, Programme

ITEM_TEMPLATE = "plans/item_form.html"


# --- Fetching, one helper per resource: 404 outside the user's school ---


def _get_programme_for_user(request, pk):
    school_permissions.require_school_user(request.user)
    return get_object_or_404(Programme.objects.all(), pk=pk)


def _get_direction_for_user(request, pk):
    school_permissions.require_school_user(request.user)
    return get_object_or_404(Direction.objects.select_related("programme"), pk=pk)


def _get_plan_for_user(request, kind, pk):
    school_permissions.require_school_user(request.user)
    return get_object_or_404(kind.plans(), pk=pk)


def _get_item_for_user(request, kind, pk):
    school_permissions.require_school_user(request.user)
    return get_object_or_404(kind.plan_items(), pk=pk)


def _editable_plan(request, kind, pk):
    plan = _get_plan_for_user(request, kind, pk)
    if not kind.can_edit(request.user, plan):
        raise PermissionDenied
    return plan


def _editable_item(request, kind, pk):
    item = _get_item_for_user(request, kind, pk)
    if not kind.can_edit(request.user, item.plan):
        raise PermissionDenied
    return item


def _require_programme_manager(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_manage_programme(request.user):
        raise PermissionDenied


# --- The year's plans ---


def index(request):
    school_permissions.require_school_user(request.user)
    school = request.user.school
    year = year_from_query(request, strict=True)
    context = {
        "year": year,
        "years": academic_years(school),
        "can_edit_council_plan": permissions.can_edit_council_plan(request.user),
    }
    if year is not None:
        overview = selectors.year_overview(school=school, year=year)
        for row in overview["rows"]:
            row["can_edit"] = permissions.can_start_association_plan(
                request.user, row["association"]
            )
        context.update(overview)
    return render(request, "plans/index.html", context)


# --- The development programme (R5.2) ---


def programme_list(request):
    school_permissions.require_school_user(request.user)
    return render(
        request,
        "plans/programme_list.html",
        {
            "programmes": selectors.programmes(request.user.school),
            "can_manage": permissions.can_manage_programme(request.user),
        },
    )


def _programme_page(request, form, *, save, heading, message):
    return form_page(
        request,
        form,
        save=save,
        done=reverse("plans:programme_list"),
        message=message,
        context={"heading": heading, "back_url": reverse("plans:programme_list")},
    )


def programme_create(request):
    _require_programme_manager(request)
    return _programme_page(
        request,
        ProgrammeForm(request.POST or None),
        save=lambda f: services.programme_create(school=request.user.school, **f.service_args()),
        heading=_("New development programme"),
        message=_("The programme was saved."),
    )


def programme_edit(request, pk):
    programme = _get_programme_for_user(request, pk)
    _require_programme_manager(request)
    return _programme_page(
        request,
        ProgrammeForm(request.POST or None, initial=ProgrammeForm.initial_for(programme)),
        save=lambda f: services.programme_update(programme=programme, **f.service_args()),
        heading=str(programme),
        message=_("The programme was saved."),
    )


def direction_create(request, pk):
    programme = _get_programme_for_user(request, pk)
    _require_programme_manager(request)
    last = programme.directions.order_by("-order").first()
    return _programme_page(
        request,
        DirectionForm(request.POST or None, initial={"order": last.order + 1 if last else 1}),
        save=lambda f: services.direction_create(programme=programme, **f.service_args()),
        heading=_("New direction of %(programme)s") % {"programme": programme.title},
        message=_("The direction was saved."),
    )


def direction_edit(request, pk):
    direction = _get_direction_for_user(request, pk)
    _require_programme_manager(request)
    return _programme_page(
        request,
        DirectionForm(request.POST or None, initial=DirectionForm.initial_for(direction)),
        save=lambda f: services.direction_update(direction=direction, **f.service_args()),
        heading=str(direction),
        message=_("The direction was saved."),
    )


# --- Starting a plan ---


def _start_page(request, form, *, kind, save, heading):
    return form_page(
        request,
        form,
        save=save,
        done=lambda plan: kind.url("plan", plan.pk),
        message=_("The plan was started: add its items."),
        context={"heading": heading, "back_url": reverse("plans:index")},
    )


def association_plan_start(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_start_any_association_plan(request.user):
        raise PermissionDenied
    associations = MethodicalAssociation.objects.filter(school=request.user.school)
    if not school_permissions.is_deputy(request.user):
        associations = associations.filter(head=staff_of(request.user))
    asked = request.GET.get("association", "")
    form = AssociationPlanStartForm(
        request.POST or None,
        initial={
            "association": asked if asked.isdigit() else None,
            "academic_year": year_from_query(request),
        },
        associations=associations,
        years=academic_years(request.user.school),
    )
    save = lambda f: services.association_plan_create(**f.service_args())  # noqa: E731
    return _start_page(
        request, form, kind=ASSOCIATION, save=save, heading=_("New association plan")
    )


def council_plan_start(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_edit_council_plan(request.user):
        raise PermissionDenied
    asked = request.GET.get("council", "")
    form = CouncilPlanStartForm(
        request.POST or None,
        initial={"council": asked if asked.isdigit() else None},
        councils=selectors.councils_without_plan(request.user.school),
    )
    save = lambda f: services.council_plan_create(**f.service_args())  # noqa: E731
    return _start_page(request, form, kind=COUNCIL, save=save, heading=_("New council plan"))


# --- A plan's page ---


def plan_detail(request, pk, kind):
    plan = _get_plan_for_user(request, kind, pk)
    year, day = plan.academic_year, today()
    items = selectors.annotate_items(kind.items(plan), year, day)
    group_by = request.GET.get("group", "quarter")
    if group_by not in kind.groupings:
        group_by = "quarter"
    by_association = "association" in kind.groupings
    return render(
        request,
        kind.template,
        {
            "kind": kind,
            "plan": plan,
            "year": year,
            "title": kind.title(plan),
            "groups": selectors.group_items(items, group_by, day),
            "group_by": group_by,
            "groupings": [(g, selectors.GROUPING_LABELS[g]) for g in kind.groupings],
            "progress": selectors.progress_of(items, day),
            "quarters": selectors.group_items(items, "quarter", day),
            "associations": selectors.group_items(items, "association", day)
            if by_association
            else [],
            "can_edit": kind.can_edit(request.user, plan),
            "next_year": services.next_academic_year(year),
        },
    )


def _item_form(request, kind, plan, item=None):
    year = plan.academic_year
    return kind.item_form(
        request.POST or None,
        initial=kind.item_form.initial_for(item) if item is not None else None,
        year=year,
        staff=active_staff(year.school),
        directions=selectors.directions_for_year(year),
        creating=item is None,
    )


def _item_context(kind, plan, heading, **extra):
    """What every item page shows around its form: the plan, the way back to it."""
    return {
        "heading": heading,
        "plan_title": kind.title(plan),
        "back_url": kind.url("plan", plan.pk),
        **extra,
    }


def item_create(request, pk, kind):
    plan = _editable_plan(request, kind, pk)
    plan_url = kind.url("plan", plan.pk)
    return form_page(
        request,
        _item_form(request, kind, plan),
        save=lambda f: services.plan_item_create(plan=plan, **f.service_args()),
        done=lambda _item: request.path if "save_and_add" in request.POST else plan_url,
        message=_("The item was added to the plan."),
        template=ITEM_TEMPLATE,
        context=_item_context(kind, plan, _("New item")),
    )


def item_edit(request, pk, kind):
    item = _editable_item(request, kind, pk)
    origin = getattr(item, "origin_item", None)
    note = origin and _("Taken from the plan of %(association)s. Its status follows that item.") % {
        "association": origin.plan.association.name
    }
    return form_page(
        request,
        _item_form(request, kind, item.plan, item),
        save=lambda f: services.plan_item_update(item=item, **f.service_args()),
        done=kind.url("plan", item.plan.pk),
        message=_("The item was saved."),
        template=ITEM_TEMPLATE,
        context=_item_context(
            kind,
            item.plan,
            _("Edit the item"),
            history=item,
            note=note,
            delete_url=kind.url("item_delete", item.pk),
        ),
    )


def _linked_description(item):
    """What else the status change will reach (R5.1 mirror)."""
    if isinstance(item, AssociationPlanItem):
        return _("the council's plan") if item.council_items.exists() else None
    return item.origin_item.plan.association.name if item.origin_item_id else None


def item_status(request, pk, kind):
    item = _editable_item(request, kind, pk)
    linked = _linked_description(item)
    note = linked and _("This item is linked with %(linked)s: the status changes there too.") % {
        "linked": linked
    }
    return form_page(
        request,
        StatusForm(request.POST or None, initial=StatusForm.initial_for(item)),
        save=lambda f: services.plan_item_set_status(item=item, **f.service_args()),
        done=kind.url("plan", item.plan.pk),
        message=lambda _result: (
            _("Status set: %(status)s.") % {"status": ItemStatus(item.status).label}
        ),
        template=ITEM_TEMPLATE,
        context=_item_context(kind, item.plan, _("Mark the item"), lead=item.activity, note=note),
    )


def item_delete(request, pk, kind):
    item = _editable_item(request, kind, pk)
    plan_url = kind.url("plan", item.plan.pk)
    explanation = _(
        "The item will be removed from the plan. To keep a record that it did not take place,"
        " mark it cancelled instead."
    )
    return confirm_page(
        request,
        action=lambda: services.plan_item_delete(item=item),
        done=plan_url,
        message=_("The item was removed from the plan."),
        title=_("Remove the item"),
        text=f"{item.activity}\n\n{explanation}",
        button=_("Remove"),
        back=plan_url,
    )


# --- The council's plan from the associations' plans (R5.1) ---


def council_take(request, pk):
    plan = _editable_plan(request, COUNCIL, pk)
    year_items = AssociationPlanItem.objects.filter(plan__academic_year=plan.academic_year)
    form = TakeItemsForm(request.POST or None, items=year_items)
    return form_page(
        request,
        form,
        save=lambda f: services.council_plan_take(plan=plan, **f.service_args()),
        done=COUNCIL.url("plan", plan.pk),
        message=lambda taken: (
            ngettext(
                "%(count)s item was taken into the council's plan.",
                "%(count)s items were taken into the council's plan.",
                len(taken),
            )
            % {"count": len(taken)}
        ),
        template="plans/council_take.html",
        context={
            "plan": plan,
            "by_association": selectors.takeable_by_association(plan),
            "chosen": form.chosen_ids(),
            "title": COUNCIL.title(plan),
        },
    )


def council_item_agenda(request, pk):
    """Put the item, and any other items of the plan ticked with it, on a meeting's agenda; back
    on the plan page the user is where they were (the same grouping, at the item)."""
    item = _editable_item(request, COUNCIL, pk)
    form = AgendaForm(
        request.POST or None,
        meetings=selectors.open_meetings(item.plan.council),
        items=item.plan.items.filter(agenda_item__isnull=True),
        item=item,
        day=today(),
    )
    group = request.GET.get("group", "")
    back = COUNCIL.url("plan", item.plan.pk) + (f"?{urlencode({'group': group})}" if group else "")
    return form_page(
        request,
        form,
        save=lambda f: services.council_items_put_on_agenda(user=request.user, **f.service_args()),
        done=f"{back}#item-{item.pk}",
        message=lambda added: (
            ngettext(
                "The item was put on the meeting's agenda.",
                "%(count)s items were put on the meeting's agenda.",
                len(added),
            )
            % {"count": len(added)}
        ),
        template=ITEM_TEMPLATE,
        context={
            **_item_context(COUNCIL, item.plan, _("Put on a meeting's agenda"), lead=item.activity),
            "back_url": f"{back}#item-{item.pk}",
        },
    )


# --- Copy into the next year ---


def plan_copy(request, pk, kind):
    plan = _editable_plan(request, kind, pk)
    next_year = services.next_academic_year(plan.academic_year)
    plan_url = kind.url("plan", plan.pk)
    return confirm_page(
        request,
        action=lambda: kind.copy(plan=plan),
        done=lambda new_plan: kind.url("plan", new_plan.pk),
        message=lambda new_plan: (
            _("The plan was copied into %(year)s: every item is planned again.")
            % {"year": new_plan.academic_year.name}
        ),
        title=_("Copy the plan into the next year"),
        text=f"{kind.title(plan)}\n\n{_copy_text(plan, next_year)}",
        button=_("Copy into %(year)s") % {"year": next_year.name}
        if next_year
        else _("Copy the plan into the next year"),
        danger=False,
        back=plan_url,
    )


def _copy_text(plan, next_year):
    if next_year is None:
        return _("There is no next academic year yet: add it to the calendar first.")
    count = plan.items.count()
    return ngettext(
        "%(counter)s item will be copied into %(year)s: the same month a year later, "
        'status "planned", without notes.',
        "%(counter)s items will be copied into %(year)s: the same month a year later, "
        'status "planned", without notes.',
        count,
    ) % {"counter": count, "year": next_year.name}


# --- The yearly plan as a document ---


def plan_pdf(request, pk, kind):
    plan = _get_plan_for_user(request, kind, pk)
    year = plan.academic_year
    items = kind.items(plan)
    language = document_language(request)
    with translation.override(language):
        selectors.annotate_items(items, year)
        groups = selectors.group_items(items, "quarter")
        title = kind.title(plan)
    for number, item in enumerate((item for group in groups for item in group.items), start=1):
        item.number = number
    pdf = render_pdf(
        kind.print_template,
        {
            "school": year.school,
            "plan": plan,
            "kind": kind,
            "year": year,
            "groups": groups,
            "title": title,
            "director": selectors.director_of(year.school),
            "head": kind.signer(plan),
            "printed_on": today(),
        },
        language=language,
    )
    return pdf_response(pdf, kind.filename(plan).replace("–", "-"))
