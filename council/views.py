from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from school import permissions as school_permissions
from school.calendar import short_date
from school.documents import document_language, pdf_response, render_pdf
from school.pages import confirm_page, form_page, year_from_query
from school.selectors import current_academic_year, today

from . import permissions, selectors, services
from .forms import (
    CouncilConfirmForm,
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


def _back(council, heading):
    """What every form page of a council shows: its heading, and the way back to it."""
    url = _council_url(council) if council else reverse("council:council_detail")
    return {"heading": heading, "back_url": url, "back_label": _("Back to the council")}


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
            context.update(_composition(council, day))
    return render(request, "council/council_detail.html", context)


def _composition(council, day):
    return {
        "members": selectors.composition(council, day=day),
        "former": selectors.former_memberships(council),
        "problems": selectors.confirmation_problems(council),
        "today": today(),
    }


def _create_council(form):
    """The new council, and what to tell: copied from last year, or empty."""
    year = form.cleaned_data["academic_year"]
    if form.cleaned_data["start"] != CouncilCreateForm.COPY:
        council = services.council_create(academic_year=year)
        return council, _("The council of %(year)s is created.") % {"year": year.name}
    council = services.council_copy_from_previous(academic_year=year)
    count = selectors.current_memberships(council).count()
    return council, _("The council of %(year)s is created with last year's %(count)s members.") % {
        "year": year.name,
        "count": count,
    }


def council_create(request):
    school_permissions.require_school_user(request.user)
    _require_manager(request)
    asked = year_from_query(request) if request.GET.get("year") else None
    form = CouncilCreateForm(
        request.POST or None, school=request.user.school, initial={"academic_year": asked}
    )
    return form_page(
        request,
        form,
        save=_create_council,
        done=lambda created: _council_url(created[0]),
        message=lambda created: created[1],
        template="council/council_form.html",
        context=_back(None, _("New council")),
    )


def council_officers(request, pk):
    council = _get_council_for_user(request, pk)
    _require_manager(request)
    form = OfficersForm(
        request.POST or None, council=council, initial=OfficersForm.initial_for(council)
    )
    return form_page(
        request,
        form,
        save=lambda form: services.council_set_officers(council=council, **form.service_args()),
        done=_council_url(council),
        message=_("The chair and the secretary are saved."),
        context={
            **_back(council, f"{_('Chair and secretary')} · {council.academic_year.name}"),
            "lead": _("Both are chosen from the current members of the council."),
        },
    )


def membership_add(request, pk):
    council = _get_council_for_user(request, pk)
    _require_manager(request)
    initial = MembershipAddForm.initial_for(council)
    form = MembershipAddForm(request.POST or None, council=council, initial=initial)
    return form_page(
        request,
        form,
        save=lambda form: services.membership_add(council=council, **form.service_args()),
        done=_council_url(council),
        message=lambda membership: (
            _("%(name)s joined the council.") % {"name": membership.staff.full_name}
        ),
        context=_back(council, f"{_('Add a member')} · {council.academic_year.name}"),
    )


def membership_end(request, pk):
    membership = _get_membership_for_user(request, pk)
    _require_manager(request)
    council, name = membership.council, membership.staff.full_name
    if membership.left_on is not None:
        messages.info(
            request,
            _("%(name)s already left the council on %(date)s.")
            % {"name": name, "date": short_date(membership.left_on)},
        )
        return redirect(_council_url(council))
    form = MembershipEndForm(
        request.POST or None, initial=MembershipEndForm.initial_for(membership)
    )
    lead = _(
        "Member of the council of %(year)s since %(date)s (%(roles)s). The record stays in "
        "the council's history."
    ) % {
        "year": council.academic_year.name,
        "date": short_date(membership.joined_on),
        "roles": "; ".join(str(label) for label in membership.role_labels),
    }
    return form_page(
        request,
        form,
        save=lambda form: services.membership_end(membership=membership, **form.service_args()),
        done=_council_url(council),
        message=_("%(name)s left the council.") % {"name": name},
        context={**_back(council, f"{name} · {_('leaves the council')}"), "lead": lead},
    )


def council_confirm(request, pk):
    """Confirm the composition (R4.3); the page says why when it cannot be confirmed."""
    council = _get_council_for_user(request, pk)
    _require_manager(request)
    if council.is_confirmed:
        messages.info(
            request,
            _("The council was already confirmed on %(date)s.")
            % {"date": short_date(council.confirmed_on)},
        )
        return redirect(_council_url(council))
    return confirm_page(
        request,
        action=lambda form: services.council_confirm(council=council),
        done=_council_url(council),
        message=_("The composition of the council of %(year)s is confirmed.")
        % {"year": council.academic_year.name},
        title=f"{_('Confirm the composition')} · {council.academic_year.name}",
        back=_council_url(council),
        form=CouncilConfirmForm(request.POST if request.method == "POST" else None),
        template="council/council_confirm.html",
        context={
            "problems": selectors.confirmation_problems(council),
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
    members = selectors.composition(council, day=day)
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
