"""The extract for the pedagogical council (R2.14, R4.4): the register filters the decisions
put before it; the extract prints those of the approved protocols of a year or a meeting."""

import io

import pytest
from django.urls import reverse
from django_scopes import scope
from pypdf import PdfReader

from conftest import client_for
from meetings import services
from meetings.tests.factories import day, held_meeting

pytestmark = pytest.mark.django_db

FOR_COUNCIL = "Өз ара сабакка катышуунун жыйынтыгы педкеңешке сунушталсын."
FOR_COUNCIL_LATER = "Жаш адистердин ишин кеңеште угуу: Ңу, Өмүр, Үмүт."
NOT_FOR_COUNCIL = "Китепкананын графиги түзүлсүн."
IN_A_DRAFT = "Долбоордогу токтом педкеңешке."


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _meeting_with(world, n, decisions, approve=True):
    meeting = held_meeting(world.council, day(world, n))
    item = services.agenda_item_add(meeting=meeting, title=f"Маселе {n}")
    for text, for_council in decisions:
        services.decision_add(
            item=item,
            text=text,
            responsible=[world.staff["mahead"]],
            due_date=day(world, n + 20),
            for_pedagogical_council=for_council,
        )
    if approve:
        meeting = services.meeting_approve(
            meeting=meeting, user=world.users["deputy"], confirm_empty_items=True
        )
    return meeting


@pytest.fixture
def meetings(world):
    with scope(school=world.school.pk):
        first = _meeting_with(world, 10, [(FOR_COUNCIL, True), (NOT_FOR_COUNCIL, False)])
        second = _meeting_with(world, 30, [(FOR_COUNCIL_LATER, True)])
        draft = _meeting_with(world, 50, [(IN_A_DRAFT, True)], approve=False)
    return first, second, draft


def test_the_register_filters_the_decisions_for_the_pedagogical_council(world, client, meetings):
    client_for(client, world.users["teacher"])
    url = reverse("meetings:decision_register") + f"?year={world.year.pk}&pedagogical=on"
    page = client.get(url).content.decode()
    assert FOR_COUNCIL in page and FOR_COUNCIL_LATER in page and IN_A_DRAFT in page
    assert NOT_FOR_COUNCIL not in page
    assert reverse("meetings:pedagogical_extract") in page
    everything = client.get(reverse("meetings:decision_register")).content.decode()
    assert NOT_FOR_COUNCIL in everything


@pytest.mark.parametrize(
    "language, heading", [("ky", "Токтом кабыл алынды"), ("ru", "Постановили"), ("en", "Resolved")]
)
def test_the_extract_of_a_year_in_each_language(world, client, meetings, language, heading):
    client_for(client, world.users["director"])
    url = reverse("meetings:pedagogical_extract") + f"?year={world.year.pk}&lang={language}"
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    year = world.year
    name = f"pedagogical-council-extract-{year.start_date.year}-{year.end_date.year}.pdf"
    assert name in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert FOR_COUNCIL in text and FOR_COUNCIL_LATER in text and heading in text
    assert NOT_FOR_COUNCIL not in text
    assert IN_A_DRAFT not in text  # a draft protocol is not extracted
    assert world.staff["mahead"].short_name in text
    for letter in "ҢӨҮ":
        assert letter in text


def test_the_extract_of_one_meeting(world, client, meetings):
    first, _second, _draft = meetings
    client_for(client, world.users["deputy"])
    url = reverse("meetings:pedagogical_extract") + f"?meeting={first.pk}&lang=ky"
    response = client.get(url)
    text = pdf_text(response.content)
    assert FOR_COUNCIL in text and FOR_COUNCIL_LATER not in text
    assert f"-{first.number}.pdf" in response["Content-Disposition"]


def test_another_school_gets_nothing_of_this_school(world, client, meetings):
    first, _second, _draft = meetings
    client_for(client, world.users["other_school"])
    url = reverse("meetings:pedagogical_extract") + f"?meeting={first.pk}&year={world.year.pk}"
    text = pdf_text(client.get(url + "&lang=en").content)
    assert FOR_COUNCIL not in text and FOR_COUNCIL_LATER not in text
    assert "No decision of an approved protocol" in text


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("meetings:pedagogical_extract"))
    assert response.status_code == 302 and "login" in response["Location"]
