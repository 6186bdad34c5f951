from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import history, permissions, selectors, services
from .forms import AcademicYearForm
from .models import AcademicYear, User
from .pages import form_page


def _get_year_for_user(request, pk):
    """The one place a year is fetched for a page: scoped to the user's school (else 404)."""
    permissions.require_school_user(request.user)
    return get_object_or_404(AcademicYear.objects.prefetch_related("quarters"), pk=pk)


def year_list(request):
    permissions.require_school_user(request.user)
    school = request.user.school
    return render(
        request,
        "school/year_list.html",
        {
            "years": selectors.academic_years(school),
            "current_year": selectors.current_academic_year(school),
            "current_quarter": selectors.current_quarter(school),
            "can_manage": permissions.can_manage_calendar(request.user),
        },
    )


def _year_page(heading):
    return {
        "heading": heading,
        "back_url": reverse("school:year_list"),
        "back_label": _("Back to the academic years"),
    }


def year_create(request):
    permissions.require_school_user(request.user)
    if not permissions.can_manage_calendar(request.user):
        raise PermissionDenied
    school = request.user.school
    return form_page(
        request,
        AcademicYearForm(request.POST or None, with_quarters=False),
        save=lambda form: services.academic_year_create(school=school, **form.service_args()),
        done=reverse("school:year_list"),
        message=lambda year: _("Academic year %(year)s created.") % {"year": year.name},
        context=_year_page(_("New academic year")),
    )


def year_edit(request, pk):
    year = _get_year_for_user(request, pk)
    if not permissions.can_manage_calendar(request.user):
        raise PermissionDenied
    return form_page(
        request,
        AcademicYearForm(request.POST or None, initial=AcademicYearForm.initial_for(year)),
        save=lambda form: services.academic_year_update(year=year, **form.service_args()),
        done=reverse("school:year_list"),
        message=lambda saved: _("Academic year %(year)s saved.") % {"year": year.name},
        context=_year_page(_("Academic year %(year)s") % {"year": year.name}),
    )


def record_history(request, label, pk):
    """Who changed a record, when and what: for the deputy and the director."""
    permissions.require_school_user(request.user)
    model = history.tracked_models().get(label)
    if model is None:
        raise Http404
    if not permissions.can_view_history(request.user):
        raise PermissionDenied
    entries = history.record_history(model=model, pk=pk, school_id=request.user.school_id)
    if not entries:
        raise Http404
    current = model.objects.filter(pk=pk).first()
    return render(
        request,
        "school/record_history.html",
        {
            "entries": entries,
            "record": current,
            "model_name": model._meta.verbose_name,
            "record_pk": pk,
        },
    )


def _require_logins_viewer(user):
    permissions.require_school_user(user)
    if not permissions.can_view_logins(user):
        raise PermissionDenied


def logins(request):
    """Who logged in: the school's recent logins, failed ones and the lockouts in force."""
    _require_logins_viewer(request.user)
    school = request.user.school
    return render(
        request,
        "school/logins.html",
        {
            "lockouts": selectors.login_lockouts_page(school),
            "events": selectors.login_events(school),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
    )


@require_POST
def lockout_lift(request, pk):
    _require_logins_viewer(request.user)
    attempt = get_object_or_404(selectors.login_lockouts(request.user.school), pk=pk)
    person = User.objects.get(school=request.user.school, username=attempt.username)
    services.lockout_lift(attempt=attempt)
    name = person.get_full_name() or person.username
    messages.success(request, _("%(name)s can log in again.") % {"name": name})
    return redirect("school:logins")
