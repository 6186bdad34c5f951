from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from school import permissions as school_permissions
from school.documents import document_language, pdf_response, render_pdf
from school.selectors import current_academic_year, today

from . import permissions, selectors, services
from .forms import (
    CouncilCreateForm,
    CouncilViewForm,
    MembershipAddForm,
    MembershipEndForm,
    OfficersForm,
)
from .models import Council, CouncilMembership


def _get_council_for_user(request, pk):
    """The one place a council is fetched for a page: scoped to the user's school (else 404)."""
    school_permissions.require_school_user(request.user)
    return get_object_or_404(
        Council.objects.select_related("academic_year__school", "chair__user", "secretary__user"),
        pk=pk,
    )


def _get_membership_for_user(request, pk):
    school_permissions.require_school_user(request.user)
    return get_object_or_404(
        CouncilMembership.objects.select_related("staff", "council__academic_year"), pk=pk
    )


def _require_manager(request):
    if not permissions.can_manage_council(request.user):
        raise PermissionDenied


def _council_url(council):
    return f"{reverse('council:council_detail')}?year={council.academic_year_id}"


def council_detail(request):
    """The council of a year (default: the current one), now or on a chosen day."""
    school_permissions.require_school_user(request.user)
    school = request.user.school
    form = CouncilViewForm(request.GET or None, school=school)
    year = None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data.get("year")
    year = year or current_academic_year(school)
    context = {
        "form": form,
        "year": year,
        "council": None,
        "can_manage": permissions.can_manage_council(request.user),
    }
    if year is not None:
        day = form.check_day_in(year)
        if not form.is_bound:
            form.initial = {"year": year.pk}
        council = selectors.council_for_year(year)
        context.update(council=council, day=day)
        if council is not None:
            members = (
                selectors.composition_on(council=council, day=day)
                if day
                else selectors.composition(council)
            )
            context.update(
                members=members,
                former=selectors.former_memberships(council),
                problems=selectors.confirmation_problems(council),
                today=today(),
            )
    return render(request, "council/council_detail.html", context)


def council_create(request):
    school_permissions.require_school_user(request.user)
    _require_manager(request)
    school = request.user.school
    initial = {"academic_year": request.GET.get("year")} if request.GET.get("year") else None
    form = CouncilCreateForm(request.POST or None, school=school, initial=initial)
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["academic_year"]
        try:
            if form.cleaned_data["start"] == CouncilCreateForm.COPY:
                council = services.council_copy_from_previous(academic_year=year)
                count = selectors.current_memberships(council).count()
                messages.success(
                    request,
                    _("The council of %(year)s is created with last year's %(count)s members.")
                    % {"year": year.name, "count": count},
                )
            else:
                council = services.council_create(academic_year=year)
                messages.success(
                    request, _("The council of %(year)s is created.") % {"year": year.name}
                )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return redirect(_council_url(council))
    return render(request, "council/council_form.html", {"form": form})


def council_officers(request, pk):
    council = _get_council_for_user(request, pk)
    _require_manager(request)
    form = OfficersForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            services.council_set_officers(
                council=council,
                chair=form.cleaned_data["chair"],
                secretary=form.cleaned_data["secretary"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The chair and the secretary are saved."))
            return redirect(_council_url(council))
    return render(request, "council/officers_form.html", {"form": form, "council": council})


def membership_add(request, pk):
    council = _get_council_for_user(request, pk)
    _require_manager(request)
    initial = {"joined_on": selectors.default_day(council.academic_year)}
    form = MembershipAddForm(request.POST or None, council=council, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_add(council=council, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("%(name)s joined the council.") % {"name": membership.staff.full_name},
            )
            return redirect(_council_url(council))
    return render(request, "council/membership_add.html", {"form": form, "council": council})


def membership_end(request, pk):
    membership = _get_membership_for_user(request, pk)
    _require_manager(request)
    council = membership.council
    if membership.left_on is not None:
        messages.info(
            request,
            _("%(name)s already left the council on %(date)s.")
            % {
                "name": membership.staff.full_name,
                "date": membership.left_on.strftime("%d.%m.%Y"),
            },
        )
        return redirect(_council_url(council))
    initial = {"left_on": selectors.default_day(council.academic_year)}
    form = MembershipEndForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                membership=membership,
                left_on=form.cleaned_data["left_on"],
                reason=form.cleaned_data["leave_reason"],
                note=form.cleaned_data["leave_note"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request, _("%(name)s left the council.") % {"name": membership.staff.full_name}
            )
            return redirect(_council_url(council))
    return render(
        request,
        "council/membership_end.html",
        {"form": form, "membership": membership, "council": council},
    )


def council_confirm(request, pk):
    """Confirm the composition (R4.3); the page says why when it cannot be confirmed."""
    council = _get_council_for_user(request, pk)
    _require_manager(request)
    errors = []
    if request.method == "POST":
        try:
            services.council_confirm(council=council)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _("The composition of the council of %(year)s is confirmed.")
                % {"year": council.academic_year.name},
            )
            return redirect(_council_url(council))
    return render(
        request,
        "council/council_confirm.html",
        {
            "council": council,
            "errors": errors,
            "problems": [] if council.is_confirmed else selectors.confirmation_problems(council),
            "member_count": selectors.current_memberships(council).count(),
        },
    )


def council_pdf(request, pk):
    """The official list "Методикалык кеңештин курамы", in the language asked for (?lang=)."""
    council = _get_council_for_user(request, pk)
    if not permissions.can_view_council(request.user):
        raise PermissionDenied
    year = council.academic_year
    form = CouncilViewForm(request.GET or None, school=year.school)
    day = form.check_day_in(year)
    members = (
        selectors.composition_on(council=council, day=day)
        if day
        else selectors.composition(council)
    )
    pdf = render_pdf(
        "council/print/composition.html",
        {
            "school": year.school,
            "council": council,
            "year": year,
            "day": day,
            "members": members,
            "printed_on": today(),
            "is_draft": not council.is_confirmed,
        },
        language=document_language(request),
    )
    return pdf_response(pdf, f"composition-{year.start_date.year}-{year.end_date.year}.pdf")
