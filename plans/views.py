from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from council.models import Council
from members.models import MethodicalAssociation
from school import permissions as school_permissions
from school.documents import document_language, pdf_response, render_pdf
from school.models import AcademicYear
from school.selectors import current_academic_year, today

from . import permissions, selectors, services
from .forms import (
    AgendaForm,
    AssociationPlanStartForm,
    CouncilPlanStartForm,
    DirectionForm,
    PlanItemForm,
    ProgrammeForm,
    StatusForm,
    TakeItemsForm,
)
from .models import (
    AssociationPlan,
    AssociationPlanItem,
    CouncilPlan,
    CouncilPlanItem,
    Direction,
    ItemStatus,
    Programme,
)

ASSOCIATION, COUNCIL = "association", "council"


# --- Fetching, one helper per resource: 404 outside the user's school ---


def _get_programme_for_user(request, pk):
    school_permissions.require_school_user(request.user)
    return get_object_or_404(Programme.objects.all(), pk=pk)


def _get_direction_for_user(request, pk):
    school_permissions.require_school_user(request.user)
    return get_object_or_404(Direction.objects.select_related("programme"), pk=pk)


def _get_plan_for_user(request, kind, pk):
    school_permissions.require_school_user(request.user)
    if kind == ASSOCIATION:
        return get_object_or_404(
            AssociationPlan.objects.select_related("association__head", "academic_year"), pk=pk
        )
    return get_object_or_404(CouncilPlan.objects.select_related("council__academic_year"), pk=pk)


def _get_item_for_user(request, kind, pk):
    school_permissions.require_school_user(request.user)
    if kind == ASSOCIATION:
        queryset = AssociationPlanItem.objects.select_related(
            "plan__association", "plan__academic_year"
        )
    else:
        queryset = CouncilPlanItem.objects.select_related(
            "plan__council__academic_year", "origin_item__plan__association"
        )
    return get_object_or_404(queryset, pk=pk)


def _can_edit_plan(user, kind, plan):
    if kind == ASSOCIATION:
        return permissions.can_edit_association_plan(user, plan)
    return permissions.can_edit_council_plan(user, plan)


def _plan_url(kind, plan):
    name = "plans:association_plan" if kind == ASSOCIATION else "plans:council_plan"
    return reverse(name, kwargs={"pk": plan.pk})


def _plan_title(kind, plan):
    if kind == ASSOCIATION:
        return _("Work plan of %(association)s for %(year)s") % {
            "association": plan.association.name,
            "year": plan.academic_year.name,
        }
    return _("Work plan of the methodical council for %(year)s") % {"year": plan.academic_year.name}


# --- The year's plans ---


def index(request):
    school_permissions.require_school_user(request.user)
    school = request.user.school
    year_id = request.GET.get("year")
    if year_id:
        year = AcademicYear.objects.filter(pk=year_id).first() if year_id.isdecimal() else None
        if year is None:
            raise Http404
    else:
        year = current_academic_year(school)
    context = {
        "year": year,
        "years": selectors.academic_years(school),
        "can_edit_council_plan": permissions.can_edit_council_plan(request.user),
        "can_start_association_plan": permissions.can_start_any_association_plan(request.user),
        "can_manage_programme": permissions.can_manage_programme(request.user),
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


def programme_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_manage_programme(request.user):
        raise PermissionDenied
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_create(school=request.user.school, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The programme was saved."))
            return redirect("plans:programme_list")
    return render(request, "plans/form.html", _form_context(form, _("New development programme")))


def programme_edit(request, pk):
    programme = _get_programme_for_user(request, pk)
    if not permissions.can_manage_programme(request.user):
        raise PermissionDenied
    initial = {
        "title": programme.title,
        "start_year": programme.start_year,
        "end_year": programme.end_year,
    }
    form = ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(programme=programme, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The programme was saved."))
            return redirect("plans:programme_list")
    return render(request, "plans/form.html", _form_context(form, str(programme)))


def direction_create(request, pk):
    programme = _get_programme_for_user(request, pk)
    if not permissions.can_manage_programme(request.user):
        raise PermissionDenied
    last = programme.directions.order_by("-order").first()
    form = DirectionForm(request.POST or None, initial={"order": last.order + 1 if last else 1})
    if request.method == "POST" and form.is_valid():
        try:
            services.direction_create(programme=programme, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The direction was saved."))
            return redirect("plans:programme_list")
    title = _("New direction of %(programme)s") % {"programme": programme.title}
    return render(request, "plans/form.html", _form_context(form, title))


def direction_edit(request, pk):
    direction = _get_direction_for_user(request, pk)
    if not permissions.can_manage_programme(request.user):
        raise PermissionDenied
    form = DirectionForm(
        request.POST or None, initial={"order": direction.order, "title": direction.title}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.direction_update(direction=direction, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The direction was saved."))
            return redirect("plans:programme_list")
    return render(request, "plans/form.html", _form_context(form, str(direction)))


def _form_context(form, title, back=None, **extra):
    return {"form": form, "title": title, "back": back or reverse("plans:index"), **extra}


# --- Starting a plan ---


def association_plan_start(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_start_any_association_plan(request.user):
        raise PermissionDenied
    school = request.user.school
    associations = MethodicalAssociation.objects.filter(school=school)
    if not school_permissions.is_deputy(request.user):
        associations = associations.filter(head=request.user.staff)
    initial = {}
    if request.GET.get("association", "").isdigit():
        initial["association"] = request.GET["association"]
    if request.GET.get("year", "").isdigit():
        initial["academic_year"] = request.GET["year"]
    form = AssociationPlanStartForm(
        request.POST or None,
        initial=initial,
        associations=associations,
        years=selectors.academic_years(school),
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.association_plan_create(**form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The plan was started: add its items."))
            return redirect("plans:association_plan", pk=plan.pk)
    return render(request, "plans/form.html", _form_context(form, _("New association plan")))


def council_plan_start(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_edit_council_plan(request.user):
        raise PermissionDenied
    councils = Council.objects.filter(
        academic_year__school=request.user.school, plan__isnull=True
    ).select_related("academic_year")
    initial = {}
    if request.GET.get("council", "").isdigit():
        initial["council"] = request.GET["council"]
    form = CouncilPlanStartForm(request.POST or None, initial=initial, councils=councils)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.council_plan_create(council=form.cleaned_data["council"])
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The plan was started: add its items."))
            return redirect("plans:council_plan", pk=plan.pk)
    return render(request, "plans/form.html", _form_context(form, _("New council plan")))


# --- A plan's page ---


def plan_detail(request, pk, kind):
    plan = _get_plan_for_user(request, kind, pk)
    year = plan.academic_year
    if kind == ASSOCIATION:
        items = selectors.association_plan_items(plan)
        groupings = ["quarter", "direction", "responsible"]
    else:
        items = selectors.council_plan_items(plan)
        groupings = list(selectors.GROUPINGS)
    group_by = request.GET.get("group", "quarter")
    if group_by not in groupings:
        group_by = "quarter"
    day = today()
    selectors.annotate_items(items, year, day)
    labels = {
        "quarter": _("Quarter and month"),
        "direction": _("Direction"),
        "responsible": _("Responsible"),
        "association": _("Association"),
    }
    return render(
        request,
        "plans/plan_detail.html",
        {
            "kind": kind,
            "plan": plan,
            "year": year,
            "title": _plan_title(kind, plan),
            "groups": selectors.group_items(items, group_by, day),
            "group_by": group_by,
            "groupings": [(g, labels[g]) for g in groupings],
            "progress": selectors.progress_of(items, day),
            "quarters": selectors.quarter_progress(items, day),
            "associations": selectors.group_items(items, "association", day)
            if kind == COUNCIL
            else [],
            "can_edit": _can_edit_plan(request.user, kind, plan),
            "item_count": len(items),
            "next_year": services.next_academic_year(year),
        },
    )


def item_create(request, pk, kind):
    plan = _get_plan_for_user(request, kind, pk)
    if not _can_edit_plan(request.user, kind, plan):
        raise PermissionDenied
    form = _item_form(request, plan, creating=True)
    if request.method == "POST" and form.is_valid():
        create = (
            services.association_item_create
            if kind == ASSOCIATION
            else services.council_item_create
        )
        try:
            create(plan=plan, **form.service_kwargs())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The item was added to the plan."))
            if "save_and_add" in request.POST:
                return redirect(request.path)
            return redirect(_plan_url(kind, plan))
    return render(
        request,
        "plans/item_form.html",
        {"form": form, "plan": plan, "title": _plan_title(kind, plan), "kind": kind, "item": None},
    )


def _item_form(request, plan, item=None, *, creating=False):
    year = plan.academic_year
    initial = {}
    if item is not None:
        initial = {
            "activity": item.activity,
            "form": item.form,
            "month": item.month,
            "quarter": None if item.month else item.quarter,
            "responsible": list(item.responsible.all()),
            "expected_result": item.expected_result,
            "direction": item.direction_id,
        }
    return PlanItemForm(
        request.POST or None,
        initial=initial,
        year=year,
        staff=selectors.staff_choices(year.school),
        directions=selectors.directions_for_year(year),
        creating=creating,
    )


def item_edit(request, pk, kind):
    item = _get_item_for_user(request, kind, pk)
    if not permissions.can_edit_item(request.user, item):
        raise PermissionDenied
    form = _item_form(request, item.plan, item)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_item_update(item=item, **form.service_kwargs())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The item was saved."))
            return redirect(_plan_url(kind, item.plan))
    return render(
        request,
        "plans/item_form.html",
        {
            "form": form,
            "plan": item.plan,
            "title": _plan_title(kind, item.plan),
            "kind": kind,
            "item": item,
        },
    )


def item_status(request, pk, kind):
    item = _get_item_for_user(request, kind, pk)
    if not permissions.can_edit_item(request.user, item):
        raise PermissionDenied
    form = StatusForm(
        request.POST or None,
        initial={"status": item.status, "moved_to": item.moved_to, "note": item.status_note},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_item_set_status(
                item=item,
                status=form.cleaned_data["status"],
                moved_to=form.cleaned_data["moved_to"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("Status set: %(status)s.") % {"status": ItemStatus(item.status).label},
            )
            return redirect(_plan_url(kind, item.plan))
    linked = _linked_description(kind, item)
    return render(
        request,
        "plans/item_status.html",
        {"form": form, "item": item, "kind": kind, "linked": linked, "plan": item.plan},
    )


def _linked_description(kind, item):
    """What else the status change will reach (R5.1 mirror)."""
    if kind == COUNCIL:
        return item.origin_item.plan.association.name if item.origin_item_id else None
    return _("the council's plan") if item.council_items.exists() else None


def item_delete(request, pk, kind):
    item = _get_item_for_user(request, kind, pk)
    if not permissions.can_edit_item(request.user, item):
        raise PermissionDenied
    error_message = None
    if request.method == "POST":
        plan = item.plan
        try:
            services.plan_item_delete(item=item)
        except ValidationError as error:
            error_message = " ".join(error.messages)
        else:
            messages.success(request, _("The item was removed from the plan."))
            return redirect(_plan_url(kind, plan))
    return render(
        request,
        "plans/item_delete.html",
        {"item": item, "kind": kind, "error_message": error_message, "plan": item.plan},
    )


# --- The council's plan from the associations' plans (R5.1) ---


def council_take(request, pk):
    plan = _get_plan_for_user(request, COUNCIL, pk)
    if not permissions.can_edit_council_plan(request.user, plan):
        raise PermissionDenied
    year_items = AssociationPlanItem.objects.filter(plan__academic_year=plan.academic_year)
    form = TakeItemsForm(request.POST or None, items=year_items)
    if request.method == "POST" and form.is_valid():
        try:
            taken = services.council_plan_take(plan=plan, items=form.cleaned_data["items"])
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s item was taken into the council's plan.",
                    "%(count)s items were taken into the council's plan.",
                    len(taken),
                )
                % {"count": len(taken)},
            )
            return redirect("plans:council_plan", pk=plan.pk)
    candidates = selectors.annotate_items(list(selectors.takeable_items(plan)), plan.academic_year)
    by_association = {}
    for item in candidates:
        by_association.setdefault(item.plan.association, []).append(item)
    return render(
        request,
        "plans/council_take.html",
        {
            "plan": plan,
            "form": form,
            "by_association": list(by_association.items()),
            "chosen": form.chosen_ids(),
            "title": _plan_title(COUNCIL, plan),
        },
    )


def council_item_agenda(request, pk):
    item = _get_item_for_user(request, COUNCIL, pk)
    if not permissions.can_edit_council_plan(request.user, item.plan):
        raise PermissionDenied
    form = AgendaForm(request.POST or None, meetings=selectors.open_meetings(item.plan.council))
    if request.method == "POST" and form.is_valid():
        try:
            services.council_item_put_on_agenda(
                item=item, meeting=form.cleaned_data["meeting"], user=request.user
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The item was put on the meeting's agenda."))
            return redirect("plans:council_plan", pk=item.plan.pk)
    return render(
        request,
        "plans/item_agenda.html",
        {"form": form, "item": item, "plan": item.plan},
    )


# --- Copy into the next year ---


def plan_copy(request, pk, kind):
    plan = _get_plan_for_user(request, kind, pk)
    if not _can_edit_plan(request.user, kind, plan):
        raise PermissionDenied
    next_year = services.next_academic_year(plan.academic_year)
    error_message = None
    if request.method == "POST":
        copy = services.association_plan_copy if kind == ASSOCIATION else services.council_plan_copy
        try:
            new_plan = copy(plan=plan)
        except ValidationError as error:
            error_message = " ".join(error.messages)
        else:
            messages.success(
                request,
                _("The plan was copied into %(year)s: every item is planned again.")
                % {"year": new_plan.academic_year.name},
            )
            return redirect(_plan_url(kind, new_plan))
    return render(
        request,
        "plans/plan_copy.html",
        {
            "plan": plan,
            "kind": kind,
            "title": _plan_title(kind, plan),
            "next_year": next_year,
            "error_message": error_message,
            "item_count": plan.items.count(),
        },
    )


# --- The yearly plan as a document ---


def plan_pdf(request, pk, kind):
    plan = _get_plan_for_user(request, kind, pk)
    year = plan.academic_year
    items = (
        selectors.association_plan_items(plan)
        if kind == ASSOCIATION
        else selectors.council_plan_items(plan)
    )
    language = document_language(request)
    with translation.override(language):
        selectors.annotate_items(items, year)
        groups = selectors.group_items(items, "quarter")
        title = _plan_title(kind, plan)
    number = 0
    for group in groups:
        for item in group.items:
            number += 1
            item.number = number
    pdf = render_pdf(
        "plans/print/plan.html",
        {
            "school": year.school,
            "plan": plan,
            "kind": kind,
            "year": year,
            "groups": groups,
            "title": title,
            "director": selectors.director_of(year.school),
            "head": plan.association.head if kind == ASSOCIATION else plan.council.chair,
            "printed_on": today(),
        },
        language=language,
    )
    if kind == ASSOCIATION:
        filename = f"plan-{plan.association.pk}-{year.name}.pdf"
    else:
        filename = f"council-plan-{year.name}.pdf"
    return pdf_response(pdf, filename.replace("–", "-"))
