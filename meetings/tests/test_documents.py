import datetime
import io
from unittest import mock

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conftest import client_for
from meetings import documents, services
from meetings.models import ProtocolDocument
from meetings.tests.factories import held_meeting

pytestmark = pytest.mark.django_db

DECISIONS = [
    "Өз ара сабакка катышуунун графиги түзүлүп, ар бир мугалимге жеткирилсин.",
    "Жаш адистерге насаатчылар бекитилсин; Ү, Ө, Ң тамгалары туура жазылсын.",
]


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def protocol(world):
    day = world.year.start_date + datetime.timedelta(days=10)
    meeting = held_meeting(world.council, day, absent={world.staff["mahead"].pk: "ооруп калды"})
    services.guest_add(meeting=meeting, name="Асанова Гүлнара", position="Шаардык методист")
    item = services.agenda_item_add(meeting=meeting, title="Өз ара сабакка катышуунун жыйынтыгы")
    services.item_record(
        item=item,
        heard_speaker=world.staff["deputy"],
        heard_guest="",
        heard_summary="Чейрек ичинде 38 сабакка катышылды.",
        contributions=[(world.staff["secretary"], "", "Графикти колдоду.")],
    )
    for n, text in enumerate(DECISIONS):
        services.decision_add(
            item=item,
            text=text,
            responsible=[world.staff["mahead"]],
            due_date=day + datetime.timedelta(days=30),
            votes_for=2 if n == 0 else None,
            votes_against=0 if n == 0 else None,
            votes_abstained=0 if n == 0 else None,
        )
    meeting.refresh_from_db()
    return meeting


def test_protocol_pdf_in_kyrgyz_has_the_form_and_every_decision(world, client, protocol):
    client_for(client, world.users["director"])
    response = client.get(reverse("meetings:protocol_pdf", args=[protocol.pk]) + "?lang=ky")
    assert response["Content-Type"] == "application/pdf"
    year = world.year
    name = f"protocol-{year.start_date.year}-{year.end_date.year}-1.pdf"
    assert name in response["Content-Disposition"]
    text = pdf_text(response.content)
    for heading in (
        "ПРОТОКОЛ № 1",
        "Төрага",
        "Катчы",
        "Катышкандар",
        "Катышпагандар",
        "Чакырылгандар",
        "Күн тартиби",
        "Угулду",
        "Сүйлөдү",
        "Токтом кабыл алынды",
    ):
        assert heading in text, heading
    for letter in "ҢӨҮ":
        assert letter in text
    for decision in DECISIONS:
        assert decision in text
    assert "3 мүчөнүн 2" in text  # present count
    assert "ооруп калды" in text and "Асанова Гүлнара" in text
    assert "макул 2, каршы 0, калыс 0" in text
    assert "бет 1" in text


def test_protocol_pdf_in_russian_and_english(world, client, protocol):
    client_for(client, world.users["teacher"])
    url = reverse("meetings:protocol_pdf", args=[protocol.pk])
    ru = pdf_text(client.get(url + "?lang=ru").content)
    assert "ПРОТОКОЛ № 1" in ru and "Слушали" in ru and "Постановили" in ru
    en = pdf_text(client.get(url + "?lang=en").content)
    assert "PROTOCOL No. 1" in en and "Heard" in en and "Resolved" in en


def test_a_protocol_without_quorum_states_the_numbers(world, client):
    absent = {world.staff["mahead"].pk: "ооруп", world.staff["secretary"].pk: "курста"}
    day = world.year.start_date + datetime.timedelta(days=10)
    meeting = held_meeting(world.council, day, absent=absent)
    services.meeting_approve(
        meeting=meeting, user=world.users["deputy"], confirm_without_quorum=True
    )
    meeting.refresh_from_db()
    text = pdf_text(documents.protocol_pdf(meeting, language="en"))
    assert "There is no quorum: 1 of 3 members present, 2 needed." in text
    assert "approved without a quorum after an explicit confirmation" in text


def test_an_approved_protocol_is_rendered_once_and_again_after_an_amendment(world, protocol):
    services.meeting_approve(meeting=protocol, user=world.users["deputy"])
    protocol.refresh_from_db()
    with mock.patch.object(documents, "render_protocol", wraps=documents.render_protocol) as render:
        first = documents.protocol_pdf(protocol, language="ky")
        second = documents.protocol_pdf(protocol, language="ky")
        assert first == second and render.call_count == 1
        services.guest_add(
            meeting=protocol,
            name="Осмонова Динара",
            position="Мугалим",
            user=world.users["deputy"],
            version=protocol.version,
            amendment_reason="Конок протоколго киргизилбей калган",
        )
        assert not ProtocolDocument.objects.exists()
        protocol.refresh_from_db()
        text = pdf_text(documents.protocol_pdf(protocol, language="ky"))
        assert render.call_count == 2
    assert "Бекитилгенден кийинки түзөтүүлөр" in text
    assert "Конок протоколго киргизилбей калган" in text


def test_the_year_archive_has_a_contents_page_and_every_approved_protocol(world, client, protocol):
    services.meeting_approve(meeting=protocol, user=world.users["deputy"])
    second = held_meeting(world.council, protocol.date + datetime.timedelta(days=20))
    services.meeting_approve(meeting=second, user=world.users["deputy"])
    client_for(client, world.users["director"])
    response = client.get(reverse("meetings:protocol_archive", args=[world.year.pk]) + "?lang=ky")
    reader = PdfReader(io.BytesIO(response.content))
    contents = " ".join(reader.pages[0].extract_text().split())
    assert "Мазмуну" in contents
    assert "ПРОТОКОЛ № 1" in contents and "ПРОТОКОЛ № 2" in contents
    text = pdf_text(response.content)
    for decision in DECISIONS:
        assert decision in text
    assert (
        f"protocols-{world.year.start_date.year}-{world.year.end_date.year}.pdf"
        in response["Content-Disposition"]
    )


def test_the_print_view_is_html(world, client, protocol):
    client_for(client, world.users["teacher"])
    client.cookies["django_language"] = "ky"
    body = client.get(reverse("meetings:protocol_print", args=[protocol.pk])).content.decode()
    assert "ПРОТОКОЛ № 1" in body and DECISIONS[0] in body
