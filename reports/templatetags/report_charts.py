"""The reports' charts, drawn while the template renders, so their words come out in the
language of the page or of the PDF being made."""

from django import template
from django.utils.translation import gettext as _

from school.calendar import short_date

from .. import charts

register = template.Library()


def _figure(chart, table_id=""):
    return {"chart": chart, "table_id": table_id}


@register.inclusion_tag("reports/_chart.html")
def attendance_chart(meetings, table_id="meetings-table"):
    """Attendance per meeting, in percent, with the quorum line (R4.5)."""
    labels = [
        _("No. %(number)s, %(date)s") % {"number": m.number, "date": short_date(m.date)}
        for m in meetings.held
    ]
    chart = charts.bar_chart(
        title=_("Attendance per meeting"),
        caption=_("Members present out of the members of the council, in percent."),
        labels=labels,
        series=[charts.Series(_("Attendance"), [m.attendance_percent for m in meetings.held])],
        max_value=100,
        unit="%",
        reference=(100 * meetings.share, _("quorum")),
        dom_id="chart-attendance",
    )
    return _figure(chart, table_id)


@register.inclusion_tag("reports/_chart.html")
def decisions_chart(decisions, table_id="decisions-table"):
    """Decision execution (R4.4): how the decisions adopted stand."""
    chart = charts.bar_chart(
        title=_("Decision execution"),
        caption=_("The decisions adopted at the quarter's meetings, by their state today."),
        labels=[_("executed"), _("overdue"), _("not yet due"), _("cancelled")],
        series=[
            charts.Series(
                _("Decisions"),
                [decisions.executed, decisions.overdue, decisions.pending, decisions.cancelled],
            )
        ],
        dom_id="chart-decisions",
    )
    return _figure(chart, table_id)


@register.inclusion_tag("reports/_chart.html")
def plan_chart(plans, table_id="plans-table"):
    """Work-plan completion by methodical association, in percent of the items planned."""
    rows = [r for r in plans.by_association if r.progress.planned]
    chart = charts.bar_chart(
        title=_("Work-plan completion"),
        caption=_("Items done out of the items planned, in percent."),
        labels=[r.label for r in rows],
        series=[charts.Series(_("Done"), [r.progress.percent for r in rows])],
        max_value=100,
        unit="%",
        dom_id="chart-plans",
    )
    return _figure(chart, table_id)


@register.inclusion_tag("reports/_chart.html")
def criteria_chart(visits, previous_label, current_label, table_id="criteria-table"):
    """P2.5: average score of each criterion, this quarter against the one before."""
    rows = visits.criteria
    chart = charts.bar_chart(
        title=_("Average score by criterion"),
        caption=_("Average scores in percent of the scale; ▼ marks a criterion that fell."),
        labels=[r.text for r in rows],
        series=[
            charts.Series(
                str(previous_label), [r.previous.percent if r.previous else None for r in rows]
            ),
            charts.Series(
                str(current_label), [r.current.percent if r.current else None for r in rows]
            ),
        ],
        max_value=100,
        unit="%",
        marks=["▼" if r.fell else "" for r in rows],
        dom_id="chart-criteria",
    )
    return _figure(chart, table_id)


@register.inclusion_tag("reports/_chart.html")
def year_chart(report, table_id="annual-table"):
    """The four quarters of the year side by side: the rates, in percent. A quarter that
    has not begun has no point yet."""
    columns = [
        f if begun else None for (_q, f), begun in zip(report.quarters, report.begun, strict=True)
    ]

    def values(measure):
        return [measure(f) if f is not None else None for f in columns]

    chart = charts.line_chart(
        title=_("The year by quarter"),
        caption=_("Attendance, decision execution, work-plan completion and the average score."),
        labels=[_("%(roman)s quarter") % {"roman": q.roman} for q, _f in report.quarters],
        series=[
            charts.Series(_("Attendance"), values(lambda f: f.meetings.attendance_percent)),
            charts.Series(_("Decisions executed"), values(lambda f: f.decisions.rate)),
            charts.Series(
                _("Work plan done"),
                values(lambda f: f.plans.total.percent if f.plans.total.planned else None),
            ),
            charts.Series(
                _("Average score"),
                values(lambda f: f.visits.average.percent if f.visits.average else None),
            ),
        ],
        max_value=100,
        unit="%",
        dom_id="chart-year",
    )
    return _figure(chart, table_id)
