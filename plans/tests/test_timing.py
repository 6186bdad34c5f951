"""An item's month or quarter turned into dates inside the academic year."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from plans.timing import month_dates, months_of_year, resolve_timing
from school.tests.factories import make_year


@pytest.fixture
def year(scoped_school):
    return make_year(scoped_school, start_year=2026)


def _resolve(year, month=None, quarter=None):
    return resolve_timing(
        year=year, quarters=list(year.quarters.all()), month=month, quarter=quarter
    )


def test_months_run_from_september_to_august(year):
    assert months_of_year(year)[:3] == [9, 10, 11]
    assert month_dates(year, 9) == (datetime.date(2026, 9, 1), datetime.date(2026, 9, 30))
    assert month_dates(year, 2) == (datetime.date(2027, 2, 1), datetime.date(2027, 2, 28))


def test_a_month_gives_its_dates_and_the_quarter_holding_most_of_it(year):
    november = _resolve(year, month=11)
    # Quarter I ends on 5 November; most of November is in quarter II.
    assert (november.quarter, november.start, november.end) == (
        2,
        datetime.date(2026, 11, 1),
        datetime.date(2026, 11, 30),
    )
    assert _resolve(year, month=3).quarter == 3
    assert _resolve(year, month=4).quarter == 4


def test_a_quarter_alone_gives_the_quarters_dates(year):
    timing = _resolve(year, quarter=3)
    assert (timing.month, timing.start, timing.end) == (
        None,
        datetime.date(2027, 1, 1),
        datetime.date(2027, 3, 20),
    )


def test_a_month_outside_the_academic_year_is_refused(year):
    with pytest.raises(ValidationError) as error:
        _resolve(year, month=7)
    assert "month" in error.value.message_dict
    assert "2027" in error.value.message_dict["month"][0]


def test_a_month_and_a_quarter_must_agree(year):
    with pytest.raises(ValidationError) as error:
        _resolve(year, month=9, quarter=3)
    assert "month" in error.value.message_dict
    assert _resolve(year, month=11, quarter=1).quarter == 1  # 1–5 November are in quarter I


def test_a_month_or_a_quarter_is_required(year):
    with pytest.raises(ValidationError) as error:
        _resolve(year)
    assert "month" in error.value.message_dict
