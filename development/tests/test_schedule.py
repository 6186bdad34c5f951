"""P3.5: the attestation schedule of an academic year, to be approved by the council."""

import datetime
import io

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from pypdf import PdfReader

from conftest import client_for
from development import selectors, services
from development.tests.factories import make_attestation
from school.selectors import today

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


@pytest.fixture
def schedule_world(world):
    """The teacher has an attestation in the year; the secretary is due and has none; the
    association head got the category today and is not due."""
    year = world.year
    with scope(school=world.school.pk):
        attestation = make_attestation(
            world.staff["teacher"],
            starts_on=year.start_date + datetime.timedelta(days=30),
            ends_on=year.start_date + datetime.timedelta(days=90),
            category="highest",
        )
        services.category_set(staff=world.staff["mahead"], category="first", given_on=today())
    return attestation


def test_the_schedule_lists_attestations_then_the_teachers_due_without_one(world, schedule_world):
    with scopes_disabled():
        rows = selectors.attestation_schedule(world.school, world.year)
    by_name = {row.staff.pk: row for row in rows}
    teacher, secretary, mahead = (world.staff[k] for k in ("teacher", "secretary", "mahead"))
    # The attestation opened in the year comes first; its reviewer is the association's head.
    assert rows[0].attestation == schedule_world
    assert rows[0].reviewers == [mahead]
    # Due (started in 2015, no category date: the cycle ended long ago) and not opened yet.
    assert by_name[secretary.pk].attestation is None
    assert by_name[secretary.pk].due_on <= world.year.end_date
    # The category given today: not due this year, not in the schedule.
    assert mahead.pk not in by_name
    assert teacher.pk in by_name and world.staff["other_school"].pk not in by_name


def test_the_schedule_prints_in_three_languages(world, client, schedule_world):
    client_for(client, world.users["deputy"])
    url = reverse("development:attestation_schedule_pdf", args=[world.year.pk])
    teacher = world.staff["teacher"]
    headings = {
        "ky": "Педагогдорду аттестациялоо графиги",
        "ru": "График аттестации",
        "en": "Attestation schedule",
    }
    for language, heading in headings.items():
        response = client.get(f"{url}?lang={language}")
        assert response.status_code == 200
        assert (
            f"attestation-schedule-{world.year.start_date.year}-{language}.pdf"
            in response["Content-Disposition"]
        )
        text = _text(response)
        assert heading in text, language
        assert teacher.full_name in text and world.staff["secretary"].full_name in text
        assert schedule_world.starts_on.strftime("%d.%m.%Y") in text
    # Another school's year answers 404.
    assert (
        client.get(
            reverse("development:attestation_schedule_pdf", args=[world.other_year.pk])
        ).status_code
        == 404
    )
