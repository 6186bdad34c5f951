"""The report's figures against the values counted by hand in factories.report_year."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from council.models import LeaveReason
from meetings.models import Meeting
from meetings.tests.factories import held_meeting
from observations.models import CriteriaSet
from observations.tests.factories import make_observation
from plans import services as plan_services
from plans.models import ItemStatus
from plans.tests.factories import association_item
from reports import metrics
from reports.tests.factories import ADDED, _decide, report_year
from school.models import Quarter
from school.tests.factories import make_year

D = datetime.date
NEW_YEAR = D(2025, 1, 1)  # after quarter II, before the last decision is due


@pytest.fixture(autouse=True)
def _in_english():
    """The labels are compared in the source language."""
    with translation.override("en"):
        yield


def _quarterly(quarter, *, on):
    """The quarterly report as the page makes it: from the school's calendar as of the day."""
    calendar = metrics.report_calendar(quarter.academic_year.school, day=on)
    return metrics.quarterly_report(calendar, quarter)


def _annual(year, *, on):
    return metrics.annual_report(metrics.report_calendar(year.school, day=on), year)


@pytest.fixture
def data(world):
    return report_year(world)


@pytest.fixture
def q2(data):
    return _quarterly(data.quarters[2], on=NEW_YEAR)


def test_meetings_of_the_quarter(q2):
    meetings = q2.quarter_figures.meetings
    assert [(m.number, m.date) for m in meetings.held] == [
        (2, D(2024, 11, 15)),
        (3, D(2024, 12, 20)),
    ]
    assert [(m.present, m.total, m.attendance_percent) for m in meetings.held] == [
        (4, 5, 80),
        (2, 5, 40),
    ]
    # Quorum: more than half of the members present (2 of 5 is not).
    assert [m.has_quorum for m in meetings.held] == [True, False]
    assert (meetings.present, meetings.total, meetings.attendance_percent) == (6, 10, 60)
    assert meetings.quorum_count == 1
    assert meetings.cadence == "held"  # R4.5


def test_decisions_of_the_quarter_and_the_execution_rate(q2):
    decisions = q2.quarter_figures.decisions
    assert (decisions.adopted, decisions.executed, decisions.cancelled) == (5, 2, 1)
    assert (decisions.overdue, decisions.pending) == (1, 1)
    assert decisions.rate == 50  # 2 of the 4 not cancelled


def test_decisions_seen_later_are_all_overdue(data):
    report = _quarterly(data.quarters[2], on=D(2025, 2, 1))
    decisions = report.quarter_figures.decisions
    assert (decisions.overdue, decisions.pending, decisions.rate) == (2, 0, 50)


def test_plan_items_by_association_and_direction(q2):
    plans = q2.quarter_figures.plans
    rows = {r.label: r.progress for r in plans.by_association}
    assert (rows["Математика МБ"].planned, rows["Математика МБ"].done) == (4, 2)
    assert rows["Математика МБ"].overdue == 1
    assert rows["Математика МБ"].percent == 50
    assert (rows["Тил МБ"].planned, rows["Тил МБ"].done, rows["Тил МБ"].percent) == (1, 1, 100)
    own = plans.by_association[-1]
    assert own.own and (own.progress.planned, own.progress.done, own.progress.overdue) == (2, 1, 1)
    # The item taken from the association's plan is not counted twice.
    assert (plans.total.planned, plans.total.done, plans.total.overdue) == (7, 4, 2)
    assert plans.total.percent == 57
    directions = [(r.label, r.progress.planned, r.progress.done) for r in plans.by_direction]
    assert directions == [
        ("1. Сапаттуу билим", 3, 3),
        ("2. Кесиптик өсүү", 2, 1),
        ("Not tied to a direction", 2, 0),
    ]


def test_visits_by_purpose_and_association(q2):
    visits = q2.quarter_figures.visits
    assert visits.count == 3  # the draft is not counted
    purposes = dict(visits.by_purpose)
    assert (purposes["methodical help"], purposes["control"]) == (1, 1)
    assert purposes["open-lesson expertise"] == 1
    assert sum(purposes.values()) == 3
    assert visits.by_association == [("Математика МБ", 2), ("Тил МБ", 0)]
    assert visits.outside_associations == 1
    assert visits.average.percent == 60  # 6.0 of 10 scores' shares


def test_criteria_against_the_quarter_before_flag_the_one_that_fell(q2):
    """P2.5: criteria are matched across card versions by their text."""
    assert q2.previous_quarter.number == 1
    rows = {r.text: r for r in q2.quarter_figures.visits.criteria}
    assert [r.text for r in q2.quarter_figures.visits.criteria] == [
        "Максат коюлган",
        "Методдор",
        "Окуучулардын активдүүлүгү",
        ADDED,
    ]
    goal, methods, activity, added = (rows[t] for t in rows)
    assert (goal.previous.percent, goal.current.percent, goal.change) == (75, 75, 0)
    assert (methods.previous.percent, methods.current.percent, methods.change) == (50, 75, 25)
    assert (activity.previous.percent, activity.current.percent, activity.change) == (75, 25, -50)
    assert activity.current.value == pytest.approx(2.0)
    assert activity.current.scale == (1, 5)
    assert added.previous is None and added.current.percent == 75 and added.change is None
    assert [r.fell for r in (goal, methods, activity, added)] == [False, False, True, False]
    assert q2.quarter_figures.visits.fallen == [activity]


def _average(share):
    return metrics.Average(count=1, value=1 + 4 * share, share=share, scale=(1, 5))


def test_a_fall_of_one_point_is_flagged():
    """Any fall that shows in whole percent of the scale is flagged; an equal one is not."""
    fell = metrics.CriterionRow("Карта", "Максат", 1, _average(0.75), _average(0.74))
    same = metrics.CriterionRow("Карта", "Максат", 1, _average(0.75), _average(0.7501))
    rose = metrics.CriterionRow("Карта", "Максат", 1, _average(0.5), _average(0.75))
    assert (fell.change, fell.fell) == (-1, True)
    assert (same.change, same.fell) == (0, False)
    assert (rose.change, rose.fell) == (25, False)


def _current_card(world):
    return CriteriaSet.objects.get(school=world.school, is_current=True)


def test_composition_changes_in_the_quarter(q2, data):
    composition = q2.quarter_figures.composition
    assert (composition.at_start, composition.at_end) == (5, 5)
    assert [(s.staff.last_name, s.joined_on) for s in composition.joined] == [
        ("Асанова", D(2024, 11, 20))
    ]
    (left,) = composition.left
    assert (left.staff, left.left_on) == (
        data.council.memberships.get(left_on__isnull=False).staff,
        D(2024, 12, 1),
    )
    assert left.leave_reason == LeaveReason.REMOVED_DUTIES  # R7.1
    assert str(left.reason_label) == "removed for not performing the duties"


def test_the_year_so_far(q2):
    year = q2.year_so_far
    assert year.period == metrics.Period(D(2024, 9, 1), D(2024, 12, 31), (1, 2))
    assert (year.meetings.count, year.meetings.present, year.meetings.total) == (3, 11, 15)
    assert year.meetings.attendance_percent == 73  # 11 of 15
    assert (year.decisions.adopted, year.decisions.executed, year.decisions.rate) == (6, 3, 60)
    assert (year.plans.total.planned, year.plans.total.done) == (8, 5)
    assert year.visits.count == 5
    assert len(year.composition.joined) == 6 and len(year.composition.left) == 1
    summary = {row.key: row.values[0] for row in q2.year_summary}
    assert summary["meetings"] == "3"
    assert summary["attendance"] == "73%"
    assert summary["quorum"] == "2 of 3"
    assert summary["rate"] == "60%"
    assert summary["plan"] == "5 of 8"
    assert summary["visits"] == "5"


def test_the_first_quarter_compares_with_the_year_before(data, world):
    report = _quarterly(data.quarters[1], on=NEW_YEAR)
    # The school's earlier year (none before 2024–2025 here): nothing to compare with.
    assert report.previous_quarter is None
    assert all(r.previous is None and not r.fell for r in report.quarter_figures.visits.criteria)
    # The current year's first quarter: the last quarter of 2024–2025 came before it.
    later = _quarterly(world.year.quarters.get(number=1), on=NEW_YEAR)
    assert later.previous_quarter == data.quarters[4]


def test_a_quarter_without_a_meeting_is_missed(data):
    """R4.5: an ended quarter without a held meeting."""
    report = _quarterly(data.quarters[3], on=D(2025, 6, 1))
    assert report.quarter_figures.meetings.cadence == "missed"
    current = _quarterly(data.quarters[3], on=D(2025, 2, 1))
    assert current.quarter_figures.meetings.cadence == "none"


def test_a_planned_meeting_keeps_the_current_quarter_on_course(data):
    from meetings.tests.factories import plan_meeting

    plan_meeting(data.council, D(2025, 3, 10))
    report = _quarterly(data.quarters[3], on=D(2025, 2, 1))
    meetings = report.quarter_figures.meetings
    assert meetings.cadence == "planned" and meetings.count == 0
    assert [m.date for m in meetings.planned] == [D(2025, 3, 10)]
    assert Meeting.objects.get(date=D(2025, 3, 10)).is_planned


def test_the_annual_report_puts_the_quarters_side_by_side(data):
    report = _annual(data.year, on=NEW_YEAR)
    assert [q.number for q, _f in report.quarters] == [1, 2, 3, 4]
    rows = {row.key: row.values for row in report.summary}
    assert rows["meetings"] == ["1", "2", "0", "0", "3"]
    assert rows["attendance"] == ["100%", "60%", "—", "—", "73%"]
    assert rows["adopted"] == ["1", "5", "0", "0", "6"]
    assert rows["rate"] == ["100%", "50%", "—", "—", "60%"]
    assert rows["plan"] == ["1 of 1", "4 of 7", "0 of 0", "0 of 0", "5 of 8"]
    assert rows["visits"] == ["2", "3", "0", "0", "5"]
    assert rows["joined"] == ["5", "1", "0", "0", "6"]
    assert rows["left"] == ["0", "1", "0", "0", "1"]
    assert report.filename == "annual-report-2024-2025.pdf"


def test_file_name_of_the_quarterly_report(q2):
    assert q2.filename == "quarterly-report-2024-2025-II.pdf"


def _grow(data, world):
    """More of every row the report counts."""
    staff = world.staff
    meeting = held_meeting(data.council, D(2024, 12, 27))
    for n in range(6):
        _decide(meeting, f"Кошумча {n}", staff["deputy"], D(2024, 12, 30), outcome="done")
    plan = world.association.plans.get(academic_year=data.year)
    for n in range(6):
        item = association_item(plan, f"Кошумча {n}", quarter=2)
        if n % 2:
            plan_services.plan_item_set_status(item=item, status=ItemStatus.DONE)
    for n in range(8):
        make_observation(
            staff["mahead"],
            staff["teacher"],
            date=D(2024, 12, 1 + n),
            criteria_set=_current_card(world),
            scores=[3, 3, 3, 3],
        )


def _queries(quarter):
    quarter = Quarter.objects.get(pk=quarter.pk)  # nothing cached from an earlier run
    with CaptureQueriesContext(connection) as queries:
        report = _quarterly(quarter, on=NEW_YEAR)
        metrics.summary([report.year_so_far])
    return len(queries)


def test_query_count_does_not_grow_with_the_rows(data, world):
    few = _queries(data.quarters[2])
    _grow(data, world)
    assert _queries(data.quarters[2]) == few
    report = _quarterly(data.quarters[2], on=NEW_YEAR)
    assert report.quarter_figures.meetings.count == 3
    assert report.quarter_figures.decisions.adopted == 11
    assert report.quarter_figures.visits.count == 11


def test_the_annual_report_flags_quarters_that_ended_without_a_meeting(data):
    """R4.5: quarters III and IV of 2024–2025 ended without a meeting; on 15.12.2024 they
    had not begun, and nothing is flagged or drawn for them."""
    later = _annual(data.year, on=D(2025, 6, 1))
    assert later.missed == [3, 4]
    assert later.begun == [True] * 4
    early = _annual(data.year, on=D(2024, 12, 15))
    assert early.missed == []
    assert early.begun == [True, True, False, False]


def test_the_report_calendar_brings_each_years_council_in_its_one_query(data, world):
    older = make_year(world.school, 2022)
    with CaptureQueriesContext(connection) as queries:
        calendar = metrics.report_calendar(world.school, day=NEW_YEAR)
        council = metrics.council_of(calendar, data.year)
        assert council.academic_year.name == data.year.name
        assert metrics.council_of(calendar, calendar.year(older.pk)) is None
        before = calendar.previous_quarter(calendar.quarter(data.year, 1))
        assert (before.academic_year, before.number) == (calendar.year(older.pk), 4)
    assert len(queries) == 1
    assert council == data.council
