"""The meeting's order of work: a meeting not held yet takes no protocol; an approval with
agenda items on which nothing is recorded names them and needs a confirmation (R5.3)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from pypdf import PdfReader

from conftest import client_for, clock_at
from meetings import documents, services
from meetings.models import Meeting
from meetings.tests.factories import day, held_meeting, plan_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def today_is(world):
    """Today is day 60 of the year: a meeting on day 10 is held, one on day 90 is not."""
    with clock_at(day(world, 60)) as fake:
        yield fake


@pytest.fixture
def with_empty_item(world, today_is):
    with scope(school=world.school.pk):
        meeting = held_meeting(world.council, day(world, 10))
        recorded = services.agenda_item_add(meeting=meeting, title="Окуу планы")
        services.item_record(
            item=recorded,
            heard_speaker=world.staff["deputy"],
            heard_guest="",
            heard_summary="Окуу планы бекитилди.",
            contributions=[],
        )
        services.agenda_item_add(meeting=meeting, title="Жаш адистер менен иш")
        meeting.refresh_from_db()
    return meeting


@pytest.fixture
def future(world, today_is):
    with scope(school=world.school.pk):
        meeting = plan_meeting(world.council, day(world, 90))
        item = services.agenda_item_add(meeting=meeting, title="Келерки маселе")
        meeting.refresh_from_db()
    return meeting, item


# Nothing recorded on an item ---------------------------------------------------------------


def test_an_approval_with_an_empty_item_is_refused_naming_it(world, with_empty_item):
    with scope(school=world.school.pk), pytest.raises(ValidationError) as error:
        services.meeting_approve(meeting=with_empty_item, user=world.users["deputy"])
    message = error.value.message_dict["confirm_empty_items"][0]
    assert "2. Жаш адистер менен иш" in message and "Окуу планы" not in message
    with scopes_disabled():
        assert not Meeting.objects.get(pk=with_empty_item.pk).is_approved


def test_a_confirmed_approval_prints_no_bare_heading(world, with_empty_item):
    with scope(school=world.school.pk):
        meeting = services.meeting_approve(
            meeting=with_empty_item, user=world.users["deputy"], confirm_empty_items=True
        )
        assert meeting.is_approved
        pdf = documents.protocol_pdf(meeting, language="en")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    heading = text.index("2. Жаш адистер менен иш", text.index("Окуу планы бекитилди"))
    assert text[heading:].startswith("2. Жаш адистер менен иш Nothing was recorded on this item.")


def test_the_approve_page_names_the_empty_items_and_asks_to_confirm(world, client, with_empty_item):
    client_for(client, world.users["deputy"])
    client.cookies["django_language"] = "en"
    url = reverse("meetings:meeting_approve", args=[with_empty_item.pk])
    page = client.get(url).content.decode()
    assert "Nothing is recorded on these agenda items" in page
    assert "2. Жаш адистер менен иш" in page
    refused = client.post(url, {"version": with_empty_item.version})
    assert refused.status_code == 200
    assert "tick the box to approve the protocol anyway" in refused.content.decode()
    with scopes_disabled():
        assert not Meeting.objects.get(pk=with_empty_item.pk).is_approved
    done = client.post(url, {"version": with_empty_item.version, "confirm_empty_items": "on"})
    assert done.status_code == 302
    with scopes_disabled():
        assert Meeting.objects.get(pk=with_empty_item.pk).is_approved


def test_a_teacher_cannot_reach_the_approve_page(world, client, with_empty_item):
    client_for(client, world.users["teacher"])
    url = reverse("meetings:meeting_approve", args=[with_empty_item.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"version": 1, "confirm_empty_items": "on"}).status_code == 403


# A meeting not held yet --------------------------------------------------------------------


def test_a_future_meeting_shows_no_protocol_actions(world, client, future):
    meeting, item = future
    client_for(client, world.users["deputy"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert "The meeting has not been held yet" in page
    for name, arg in (
        ("meetings:attendance_edit", meeting.pk),
        ("meetings:meeting_approve", meeting.pk),
        ("meetings:item_record", item.pk),
        ("meetings:decision_create", item.pk),
    ):
        assert reverse(name, args=[arg]) not in page, name
    # Planning work stays: the agenda can still be changed.
    assert reverse("meetings:agenda_item_create", args=[meeting.pk]) in page


@pytest.mark.parametrize(
    "name, of_item",
    [
        ("meetings:attendance_edit", False),
        ("meetings:meeting_approve", False),
        ("meetings:item_record", True),
        ("meetings:decision_create", True),
    ],
)
def test_reached_by_url_a_future_meeting_says_so_before_any_form(
    world, client, future, name, of_item
):
    meeting, item = future
    client_for(client, world.users["deputy"])
    client.cookies["django_language"] = "en"
    url = reverse(name, args=[item.pk if of_item else meeting.pk])
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The meeting has not been held yet" in page
    assert 'type="radio"' not in page and "<textarea" not in page
    assert 'id="quorum"' not in page  # the quorum comes after the "not held" check
    # A post (a form kept open from before) records nothing either.
    response = client.post(url, {"version": meeting.version, "text": "Токтом"})
    assert "The meeting has not been held yet" in response.content.decode()
    with scopes_disabled():
        fresh = Meeting.objects.get(pk=meeting.pk)
        assert fresh.status == Meeting.Status.PLANNED and fresh.version == meeting.version
        assert not fresh.attendance.exists() and not fresh.decisions.exists()


def test_a_future_meeting_is_still_denied_to_whom_it_is_denied(world, client, future):
    meeting, _item = future
    url = reverse("meetings:attendance_edit", args=[meeting.pk])
    client_for(client, world.users["teacher"])
    assert client.get(url).status_code == 403
    client_for(client, world.users["other_school"])
    assert client.get(url).status_code == 404


def test_the_service_refuses_a_future_meeting_before_the_quorum(world, future):
    meeting, _item = future
    with scope(school=world.school.pk), pytest.raises(ValidationError) as error:
        services.meeting_approve(meeting=meeting, user=world.users["deputy"])
    assert error.value.code == "not_held"
