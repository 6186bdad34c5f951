from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string

from school import permissions as school_permissions
from school.documents import document_language, pdf_response, render_pdf
from school.selectors import Calendar, today

from . import freshness, metrics, permissions, selectors
from .documents import stored_pdf
from .forms import QuarterChoiceForm, YearChoiceForm


def _dashboard(user) -> str:
    """The year, the quarter and what needs the user's attention, by role."""
    calendar = metrics.report_calendar(user.school)
    return render_to_string(
        "reports/_dashboard.html",
        {
            "current_year": calendar.current_year,
            "current_quarter": calendar.current_quarter,
            **selectors.home_for(user, calendar),
        },
    )


def home(request):
    """The start page: what needs the user's attention, by role. A site admin without a
    school is pointed to the admin site. The deputies' and the directors' dashboards are
    the same for all of a school's deputies (directors): they come from a cache that a
    change to the school's data renews (reports.freshness)."""
    user = request.user
    context = {"is_school_user": school_permissions.is_school_user(user)}
    if context["is_school_user"]:
        kind = selectors.home_kind(user)
        if kind in ("deputy", "director"):
            dashboard = freshness.cached_html(
                f"home-{kind}", user.school, today(), lambda: _dashboard(user)
            )
        else:
            dashboard = _dashboard(user)
        context.update(role_label=user.get_role_display(), dashboard=dashboard)
    return render(request, "reports/home.html", context)


def _require_reports(user) -> Calendar:
    """The school's calendar for a user who may read the reports."""
    school_permissions.require_school_user(user)
    if not permissions.can_view_reports(user):
        raise PermissionDenied
    return metrics.report_calendar(user.school)


def _chosen_quarter(request, calendar):
    """The quarter asked for with ?year=&quarter=, else the current one.

    Returns the form (with its errors) and the quarter, or None when the choice is wrong.
    """
    if "year" in request.GET or "quarter" in request.GET:
        form = QuarterChoiceForm(request.GET, calendar=calendar)
        if not form.is_valid():
            return form, None
        return form, calendar.quarter(form.cleaned_data["year"], form.cleaned_data["quarter"])
    quarter = calendar.default_quarter
    initial = {"year": quarter.academic_year_id, "quarter": quarter.number} if quarter else {}
    return QuarterChoiceForm(initial=initial, calendar=calendar), quarter


def _chosen_year(request, calendar):
    if "year" in request.GET:
        form = YearChoiceForm(request.GET, calendar=calendar)
        return form, form.cleaned_data["year"] if form.is_valid() else None
    year = calendar.current_year
    return YearChoiceForm(initial={"year": year.pk if year else None}, calendar=calendar), year


def _report_pdf(kind: str, report, language: str) -> bytes:
    """The report as PDF through its print template (reports/print/<kind>.html)."""
    return render_pdf(
        f"reports/print/{kind}.html",
        {"school": report.school, "report": report, "for_print": True},
        language=language,
    )


def quarterly(request):
    """The director's quarterly report (R0.4, P5.3) for a year and a quarter."""
    calendar = _require_reports(request.user)
    form, quarter = _chosen_quarter(request, calendar)
    if quarter is None and form.is_bound:
        if form.is_valid():  # a year without that quarter
            raise Http404
        # A wrong choice: the errors next to the fields, and the current quarter's report.
        quarter = calendar.default_quarter
    report = metrics.quarterly_report(calendar, quarter) if quarter else None
    return render(request, "reports/quarterly.html", {"form": form, "report": report})


def quarterly_pdf(request):
    """The quarterly report as PDF, in the language asked for with ?lang=."""
    calendar = _require_reports(request.user)
    _form, quarter = _chosen_quarter(request, calendar)
    if quarter is None:
        raise Http404
    language = document_language(request)

    # Kept while the school's data is unchanged: a second download is read back.
    content = stored_pdf(
        school=calendar.school,
        name=f"quarterly-{quarter.academic_year_id}-{quarter.number}",
        language=language,
        render=lambda: _report_pdf(
            "quarterly", metrics.quarterly_report(calendar, quarter), language
        ),
    )
    return pdf_response(content, metrics.quarterly_filename(quarter))


def annual(request):
    """The four quarters of an academic year side by side."""
    calendar = _require_reports(request.user)
    form, year = _chosen_year(request, calendar)
    if year is None and form.is_bound:
        year = calendar.current_year
    report = metrics.annual_report(calendar, year) if year else None
    return render(request, "reports/annual.html", {"form": form, "report": report})


def annual_pdf(request):
    calendar = _require_reports(request.user)
    _form, year = _chosen_year(request, calendar)
    if year is None:
        raise Http404
    report = metrics.annual_report(calendar, year)
    return pdf_response(_report_pdf("annual", report, document_language(request)), report.filename)
