"""R2.18: the young specialist's conclusion as a document signed by the chair, for the
teacher it is about (in their portfolio) and the administration."""

import datetime
import io

import pytest
from django.urls import reverse
from django_scopes import scope
from pypdf import PdfReader

from conftest import client_for
from observations.services import young_specialist_conclusion_save

pytestmark = pytest.mark.django_db
TEXT = "Жаш адис сабактарын үзгүлтүксүз өткөрөт; Ң, Ө, Ү тамгалары туура."


@pytest.fixture
def conclusion(world):
    teacher = world.staff["teacher"]
    teacher.started_on = world.year.start_date - datetime.timedelta(days=365)
    teacher.save()
    with scope(school=world.school.pk):
        return young_specialist_conclusion_save(
            staff=teacher, academic_year=world.year, text=TEXT, by=world.staff["deputy"]
        )


def _text(response) -> str:
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_the_teacher_reads_their_conclusion_signed_by_the_chair(world, client, conclusion):
    client_for(client, world.users["teacher"])
    portfolio = client.get(reverse("development:portfolio", args=[world.staff["teacher"].pk]))
    url = reverse("observations:young_conclusion_pdf", args=[conclusion.pk])
    assert url in portfolio.content.decode()
    for language, heading in (("ky", "КОРУТУНДУ"), ("ru", "ЗАКЛЮЧЕНИЕ"), ("en", "CONCLUSION")):
        text = _text(client.get(f"{url}?lang={language}"))
        assert heading in text and TEXT in text, language
        chair = world.council.chair
        assert chair.short_name in text and chair.position in text


def test_a_colleague_neither_reads_it_nor_sees_the_link(world, client, conclusion):
    client_for(client, world.users["mahead"])
    portfolio = client.get(reverse("development:portfolio", args=[world.staff["teacher"].pk]))
    url = reverse("observations:young_conclusion_pdf", args=[conclusion.pk])
    assert portfolio.status_code == 200 and url not in portfolio.content.decode()
    assert client.get(url).status_code == 404
