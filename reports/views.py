from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from school import permissions as school_permissions
from school import selectors as calendar
from school.documents import document_language, pdf_response, render_pdf
from school.models import AcademicYear

from . import metrics, permissions, selectors
from .forms import QuarterChoiceForm, YearChoiceForm


def home(request):
    """The start page: what needs the user's attention, by role. A site admin without a
    school is pointed to the admin site."""
    user = request.user
    context = {"is_school_user": school_permissions.is_school_user(user)}
    if context["is_school_user"]:
        context.update(
            current_year=calendar.current_academic_year(user.school),
            current_quarter=calendar.current_quarter(user.school),
            role_label=user.get_role_display(),
            can_view_reports=permissions.can_view_reports(user),
            **selectors.home_for(user),
        )
    return render(request, "reports/home.html", context)


def _require_reports(user) -> None:
    school_permissions.require_school_user(user)
    if not permissions.can_view_reports(user):
        raise PermissionDenied


def _chosen_quarter(request):
    """The quarter asked for with ?year=&quarter=, else the current one.

    Returns the form (with its errors) and the quarter, or None when the choice is wrong.
    """
    school = request.user.school
    if "year" in request.GET or "quarter" in request.GET:
        form = QuarterChoiceForm(request.GET, school=school)
        if not form.is_valid():
            return form, None
        return form, selectors.quarter_of_year(
            form.cleaned_data["year"], form.cleaned_data["quarter"]
        )
    quarter = selectors.default_quarter(school)
    initial = {"year": quarter.academic_year_id, "quarter": quarter.number} if quarter else {}
    return QuarterChoiceForm(initial=initial, school=school), quarter


def _chosen_year(request):
    school = request.user.school
    if "year" in request.GET:
        form = YearChoiceForm(request.GET, school=school)
        return form, form.cleaned_data["year"] if form.is_valid() else None
    year = calendar.current_academic_year(school)
    return YearChoiceForm(initial={"year": year.pk if year else None}, school=school), year


def _with_school(year: AcademicYear) -> AcademicYear:
    return AcademicYear.objects.select_related("school").get(pk=year.pk)


def quarterly(request):
    """The director's quarterly report (R0.4, P5.3) for a year and a quarter."""
    _require_reports(request.user)
    form, quarter = _chosen_quarter(request)
    if quarter is None and form.is_bound:
        if form.is_valid():  # a year without that quarter
            raise Http404
        # A wrong choice: the errors next to the fields, and the current quarter's report.
        quarter = selectors.default_quarter(request.user.school)
    report = metrics.quarterly_report(quarter) if quarter else None
    return render(request, "reports/quarterly.html", {"form": form, "report": report})


def quarterly_pdf(request):
    """The quarterly report as PDF, in the language asked for with ?lang=."""
    _require_reports(request.user)
    _form, quarter = _chosen_quarter(request)
    if quarter is None:
        raise Http404
    report = metrics.quarterly_report(quarter)
    content = render_pdf(
        "reports/print/quarterly.html",
        {"school": report.school, "report": report, "for_print": True},
        language=document_language(request),
    )
    return pdf_response(content, report.filename)


def annual(request):
    """The four quarters of an academic year side by side."""
    _require_reports(request.user)
    form, year = _chosen_year(request)
    if year is None and form.is_bound:
        year = calendar.current_academic_year(request.user.school)
    report = metrics.annual_report(_with_school(year)) if year else None
    return render(request, "reports/annual.html", {"form": form, "report": report})


def annual_pdf(request):
    _require_reports(request.user)
    _form, year = _chosen_year(request)
    if year is None:
        raise Http404
    report = metrics.annual_report(_with_school(year))
    content = render_pdf(
        "reports/print/annual.html",
        {"school": report.school, "report": report, "for_print": True},
        language=document_language(request),
    )
    return pdf_response(content, report.filename)
