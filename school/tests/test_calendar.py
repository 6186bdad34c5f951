import datetime

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from school.calendar import default_quarter_dates, validate_quarter_dates
from school.models import AcademicYear, Quarter
from school.selectors import academic_year_for_date, quarter_for_date
from school.services import academic_year_create, academic_year_update
from school.tests.factories import SchoolFactory

D = datetime.date


def test_default_quarters_fill_the_kyrgyz_school_year():
    quarters = default_quarter_dates(2026)
    validate_quarter_dates(D(2026, 9, 1), D(2027, 5, 31), quarters)
    assert quarters[0][0] == D(2026, 9, 1)
    assert quarters[-1][1] == D(2027, 5, 31)


@pytest.mark.parametrize(
    ("quarters", "code"),
    [
        (  # quarter 2 starts before quarter 1 ends
            [
                (D(2026, 9, 1), D(2026, 11, 10)),
                (D(2026, 11, 6), D(2026, 12, 31)),
                (D(2027, 1, 1), D(2027, 3, 20)),
                (D(2027, 3, 21), D(2027, 5, 31)),
            ],
            "overlap",
        ),
        (  # a week between quarters 2 and 3 belongs to no quarter
            [
                (D(2026, 9, 1), D(2026, 11, 5)),
                (D(2026, 11, 6), D(2026, 12, 24)),
                (D(2027, 1, 1), D(2027, 3, 20)),
                (D(2027, 3, 21), D(2027, 5, 31)),
            ],
            "gap",
        ),
        (  # quarter 4 ends before the year does
            [
                (D(2026, 9, 1), D(2026, 11, 5)),
                (D(2026, 11, 6), D(2026, 12, 31)),
                (D(2027, 1, 1), D(2027, 3, 20)),
                (D(2027, 3, 21), D(2027, 5, 25)),
            ],
            "end",
        ),
        (  # a quarter ending before it starts
            [
                (D(2026, 9, 1), D(2026, 11, 5)),
                (D(2026, 11, 6), D(2026, 11, 1)),
                (D(2026, 11, 2), D(2027, 3, 20)),
                (D(2027, 3, 21), D(2027, 5, 31)),
            ],
            "order",
        ),
    ],
)
def test_bad_quarters_are_refused(quarters, code):
    with pytest.raises(ValidationError) as error:
        validate_quarter_dates(D(2026, 9, 1), D(2027, 5, 31), quarters)
    assert code in {e.code for e in error.value.error_list}


def test_overlapping_years_are_refused(scoped_school):
    school = scoped_school
    academic_year_create(school=school, start_date=D(2025, 9, 1), end_date=D(2026, 5, 31))
    with pytest.raises(ValidationError) as error:
        academic_year_create(school=school, start_date=D(2026, 5, 1), end_date=D(2027, 5, 31))
    assert "start_date" in error.value.error_dict
    assert AcademicYear.objects.filter(school=school).count() == 1
    # Another school may have the same dates.
    other = SchoolFactory()
    with scope(school=other.pk):
        academic_year_create(school=other, start_date=D(2026, 5, 1), end_date=D(2027, 5, 31))


def test_update_with_bad_quarters_changes_nothing(scoped_school):
    school = scoped_school
    year = academic_year_create(school=school, start_date=D(2025, 9, 1), end_date=D(2026, 5, 31))
    quarters = default_quarter_dates(2025)
    quarters[1] = (D(2025, 11, 10), quarters[1][1])  # gap after quarter 1
    with pytest.raises(ValidationError):
        academic_year_update(
            year=year, start_date=D(2025, 9, 2), end_date=D(2026, 5, 31), quarter_dates=quarters
        )
    year.refresh_from_db()
    assert year.start_date == D(2025, 9, 1)
    assert Quarter.objects.get(academic_year=year, number=2).start_date == D(2025, 11, 6)


def test_current_year_and_quarter_follow_the_date(scoped_school):
    school = scoped_school
    y25 = academic_year_create(school=school, start_date=D(2025, 9, 1), end_date=D(2026, 5, 31))
    y26 = academic_year_create(school=school, start_date=D(2026, 9, 1), end_date=D(2027, 5, 31))
    assert academic_year_for_date(school=school, day=D(2026, 11, 28)) == y26
    assert quarter_for_date(year=y26, day=D(2026, 11, 28)).number == 2
    # In the summer the year just ended is still the current one.
    assert academic_year_for_date(school=school, day=D(2026, 7, 15)) == y25
    assert quarter_for_date(year=y25, day=D(2026, 1, 1)).roman == "III"


def test_deputy_creates_a_year_with_default_quarters(client, world):
    client.force_login(world.users["deputy"])
    response = client.post(
        "/calendar/years/new/", {"start_date": "2027-09-01", "end_date": "2028-05-31"}
    )
    assert response.status_code == 302
    year = AcademicYear.objects.get(school=world.school, start_date=D(2027, 9, 1))
    assert [q.number for q in year.quarters.all()] == [1, 2, 3, 4]
    assert year.quarters.get(number=2).start_date == D(2027, 11, 6)


def test_overlapping_year_in_the_form_shows_the_error_and_keeps_the_input(client, world):
    client.force_login(world.users["deputy"])
    start = world.year.start_date.replace(month=10)
    response = client.post(
        "/calendar/years/new/",
        {"start_date": start.isoformat(), "end_date": "2099-05-31"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "окуу жылы менен кесилишет" in content
    assert 'value="2099-05-31"' in content
    assert AcademicYear.objects.filter(school=world.school).count() == 1


def test_deputy_edits_quarters_and_a_gap_is_refused(client, world):
    client.force_login(world.users["deputy"])
    data = {"start_date": world.year.start_date, "end_date": world.year.end_date}
    for q in world.year.quarters.all():
        data[f"q{q.number}_start"] = q.start_date
        data[f"q{q.number}_end"] = q.end_date
    data["q2_start"] = data["q2_start"] + datetime.timedelta(days=3)
    response = client.post(f"/calendar/years/{world.year.pk}/", data)
    assert response.status_code == 200
    assert "ажырым бар" in response.content.decode()
    data["q1_end"] = data["q2_start"] - datetime.timedelta(days=1)
    response = client.post(f"/calendar/years/{world.year.pk}/", data)
    assert response.status_code == 302
    assert world.year.quarters.get(number=1).end_date == data["q1_end"]


def test_teacher_cannot_create_a_year(client, world):
    client.force_login(world.users["teacher"])
    response = client.post(
        "/calendar/years/new/", {"start_date": "2030-09-01", "end_date": "2031-05-31"}
    )
    assert response.status_code == 403
    assert not AcademicYear.objects.filter(start_date=D(2030, 9, 1)).exists()


def test_another_schools_year_is_not_found(client, world):
    client.force_login(world.users["other_school"])
    assert client.get(f"/calendar/years/{world.year.pk}/").status_code == 404
    data = {"start_date": "2040-09-01", "end_date": "2041-05-31"}
    assert client.post(f"/calendar/years/{world.year.pk}/", data).status_code == 404
