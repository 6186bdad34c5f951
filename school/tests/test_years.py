"""The academic years' pages: the year's and its quarters' dates in the form, saved through
the calendar's services (the shared form page)."""

import datetime

import pytest
from django.urls import reverse

from conftest import client_for
from school.forms import AcademicYearForm
from school.models import AcademicYear


@pytest.fixture(autouse=True)
def _english_pages(client):
    client.cookies["django_language"] = "en"


def test_the_forms_values_are_the_years_and_its_quarters_dates(world):
    initial = AcademicYearForm.initial_for(world.year)
    assert (initial["start_date"], initial["end_date"]) == (
        world.year.start_date,
        world.year.end_date,
    )
    for quarter in world.year.quarters.all():
        assert initial[f"q{quarter.number}_start"] == quarter.start_date
        assert initial[f"q{quarter.number}_end"] == quarter.end_date


def test_the_deputy_moves_a_quarter(world, client):
    client_for(client, world.users["deputy"])
    url = reverse("school:year_edit", args=[world.year.pk])
    page = client.get(url)
    assert f"Academic year {world.year.name}" in page.content.decode()
    data = {name: value.isoformat() for name, value in page.context["form"].initial.items()}
    first, second = world.year.quarters.get(number=1), world.year.quarters.get(number=2)
    moved = first.end_date - datetime.timedelta(days=1)
    data["q1_end"] = moved.isoformat()
    data["q2_start"] = (second.start_date - datetime.timedelta(days=1)).isoformat()
    response = client.post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("school:year_list")
    assert f"Academic year {world.year.name} saved." in response.content.decode()
    assert world.year.quarters.get(number=1).end_date == moved


def test_a_new_year_with_the_usual_quarters(world, client):
    client_for(client, world.users["deputy"])
    start = world.year.end_date.year + 1
    response = client.post(
        reverse("school:year_create"),
        {"start_date": f"{start}-09-01", "end_date": f"{start + 1}-05-31"},
    )
    assert response.status_code == 302
    year = AcademicYear.objects.get(start_date__year=start)
    assert year.quarters.count() == 4


def test_an_overlapping_year_is_a_form_error(world, client):
    client_for(client, world.users["deputy"])
    response = client.post(
        reverse("school:year_create"),
        {
            "start_date": world.year.start_date.isoformat(),
            "end_date": world.year.end_date.isoformat(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.parametrize("role", ["teacher", "director"])
def test_only_the_deputy_keeps_the_calendar(world, client, role):
    client_for(client, world.users[role])
    assert client.get(reverse("school:year_create")).status_code == 403
    assert client.get(reverse("school:year_edit", args=[world.year.pk])).status_code == 403
