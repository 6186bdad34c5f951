"""The school's calendar (school.selectors.Calendar): one query, and the one rule for the
current year and quarter that the functions beside it ask too."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from school.selectors import (
    Calendar,
    academic_year_for_date,
    current_academic_year,
    current_quarter,
    quarter_for_date,
)
from school.services import academic_year_create

D = datetime.date


def _years(school):
    y24 = academic_year_create(school=school, start_date=D(2024, 9, 1), end_date=D(2025, 5, 31))
    y25 = academic_year_create(school=school, start_date=D(2025, 9, 1), end_date=D(2026, 5, 31))
    return y24, y25


def test_the_calendar_is_read_in_one_query(scoped_school):
    y24, y25 = _years(scoped_school)
    with CaptureQueriesContext(connection) as queries:
        calendar = Calendar.of(scoped_school, day=D(2025, 11, 28))
        assert [year.pk for year in calendar.years] == [y24.pk, y25.pk]
        assert [q.number for q in calendar.quarters_of(y25)] == [1, 2, 3, 4]
        assert calendar.current_year.school == scoped_school
        assert calendar.current_quarter.academic_year == y25
    assert len(queries) == 1


def test_the_current_year_and_quarter_follow_the_day(scoped_school):
    y24, y25 = _years(scoped_school)
    autumn = Calendar.of(scoped_school, day=D(2025, 11, 28))
    assert autumn.current_year == y25
    assert autumn.current_quarter.number == 2
    assert autumn.default_quarter == autumn.current_quarter
    # In the summer the year just ended is the current one; no quarter runs, and a report
    # opens on the last quarter begun.
    summer = Calendar.of(scoped_school, day=D(2025, 7, 15))
    assert summer.current_year == y24
    assert summer.current_quarter is None
    assert summer.default_quarter.number == 4
    # Before the first year: the first year, and its first quarter.
    before = Calendar.of(scoped_school, day=D(2024, 8, 1))
    assert before.current_year == y24
    assert before.current_quarter is None
    assert before.default_quarter.number == 1


def test_the_functions_ask_the_calendar(scoped_school):
    y24, y25 = _years(scoped_school)
    for day in (D(2024, 8, 1), D(2025, 1, 10), D(2025, 7, 15), D(2025, 11, 28)):
        calendar = Calendar.of(scoped_school, day=day)
        assert academic_year_for_date(school=scoped_school, day=day) == calendar.current_year
        assert quarter_for_date(year=calendar.current_year, day=day) == calendar.current_quarter
    today = Calendar.of(scoped_school)
    assert current_academic_year(scoped_school) == today.current_year
    assert current_quarter(scoped_school) == today.current_quarter


def test_the_quarter_before_runs_back_into_the_year_before(scoped_school):
    y24, y25 = _years(scoped_school)
    calendar = Calendar.of(scoped_school, day=D(2025, 11, 28))
    assert calendar.previous_quarter(calendar.quarter(y25, 3)) == calendar.quarter(y25, 2)
    assert calendar.previous_quarter(calendar.quarter(y25, 1)) == calendar.quarter(y24, 4)
    assert calendar.previous_quarter(calendar.quarter(y24, 1)) is None


def test_a_year_is_found_by_its_key_among_the_schools_years_only(scoped_school):
    y24, _y25 = _years(scoped_school)
    calendar = Calendar.of(scoped_school)
    assert calendar.year(str(y24.pk)) == y24
    assert calendar.year("0") is None
