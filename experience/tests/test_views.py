"""The pages: bad input keeps what was typed and saves nothing; lists in a fixed number of
queries; files and PDFs only through permission-checked views."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from conftest import client_for
from experience.models import Entry, EntryFile, Manuscript, Publication, Review

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """Pages in English, so the tests read the source messages; PDFs ask their language."""
    client.cookies["django_language"] = "en"


def _entry_post(world, **overrides):
    data = {
        "title": "Сынчыл ой жүгүртүүнү өстүрүү",
        "authors": [world.staff["teacher"].pk],
        "grades": "8-9",
        "source": "master_class",
        "description": "Кыргыз адабияты сабагында сынчыл ой жүгүртүү ыкмалары.",
        "tags_text": "сынчыл ой жүгүртүү",
    }
    data.update(overrides)
    return data


def test_a_teacher_adds_an_entry_with_a_file(world, client):
    client_for(client, world.users["teacher"])
    data = _entry_post(world, upload=factories.docx_upload())
    response = client.post(reverse("experience:entry_create"), data)
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("experience:entry_detail", args=[entry.pk])
    page = client.get(response.url).content.decode()
    assert "Сынчыл ой жүгүртүүнү өстүрүү" in page
    assert "сабак.docx" in page
    # The teacher cannot link the council's decision: the field is not offered.
    assert "recommended_by" not in page
    stored = EntryFile.objects.get()
    download = client.get(reverse("experience:file_download", args=[stored.pk]))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert b"word/document.xml" in b"".join(download.streaming_content)


def test_another_schools_author_id_is_refused_and_the_text_kept(world, client):
    client_for(client, world.users["deputy"])
    data = _entry_post(world, authors=[world.staff["other_school"].pk])
    response = client.post(reverse("experience:entry_create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_authors"' in page and "is-invalid" in page
    assert 'value="Сынчыл ой жүгүртүүнү өстүрүү"' in page
    assert not Entry.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.exe", b"MZ\x90\x00", "Allowed"),
        ("fake.pdf", b"<html>not a pdf</html>", "does not match"),
        ("fake.docx", b"PK\x03\x04not really a zip", "does not match"),
    ],
)
def test_a_disallowed_upload_is_refused_next_to_the_field(world, client, name, content, message):
    client_for(client, world.users["deputy"])
    upload = SimpleUploadedFile(name, content)
    response = client.post(reverse("experience:entry_create"), _entry_post(world, upload=upload))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'id="id_upload"' in page and "is-invalid" in page
    assert 'value="Сынчыл ой жүгүртүүнү өстүрүү"' in page
    assert not Entry.objects.exists()
    assert not EntryFile.objects.exists()


def test_an_oversize_upload_is_refused(world, client, settings):
    settings.UPLOAD_MAX_BYTES = 100
    client_for(client, world.users["teacher"])
    upload = factories.pdf_upload(content=b"%PDF-1.4\n" + b"0" * 200)
    response = client.post(
        reverse("experience:manuscript_create"),
        {"title": "Сабак пландоо", "abstract": "Кыскача", "file": upload},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "at most 100" in page
    assert 'value="Сабак пландоо"' in page
    assert not Manuscript.objects.exists()


def test_assigning_the_author_as_reviewer_is_refused_on_the_page(world, client):
    manuscript = factories.manuscript(world)
    client_for(client, world.users["deputy"])
    url = reverse("experience:manuscript_reviewers", args=[manuscript.pk])
    response = client.post(
        url, {"reviewers": [world.staff["teacher"].pk, world.staff["mahead"].pk]}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "cannot review it" in page
    assert "is-invalid" in page
    # The choice is kept in the select.
    assert f'value="{world.staff["mahead"].pk}" checked' in page
    assert not Review.objects.exists()


def test_another_schools_reviewer_id_is_refused(world, client):
    manuscript = factories.manuscript(world)
    client_for(client, world.users["deputy"])
    url = reverse("experience:manuscript_reviewers", args=[manuscript.pk])
    response = client.post(url, {"reviewers": [world.staff["other_school"].pk]})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not Review.objects.exists()


def _switch(client, user):
    client.logout()
    client.cookies["django_language"] = "en"
    client_for(client, user)


def test_a_manuscript_from_submission_to_recommendation(world, school_day, client):
    client_for(client, world.users["teacher"])
    response = client.post(
        reverse("experience:manuscript_create"),
        {
            "title": "Башталгыч класста окуу сабаттуулугу",
            "abstract": "Окуу ылдамдыгын жана түшүнүүнү өстүрүү.",
            "file": factories.pdf_upload(),
        },
    )
    manuscript = Manuscript.objects.get()
    assert response.url == reverse("experience:manuscript_detail", args=[manuscript.pk])
    _switch(client, world.users["deputy"])
    client.post(
        reverse("experience:manuscript_reviewers", args=[manuscript.pk]),
        {"reviewers": [world.staff["mahead"].pk]},
    )
    review = Review.objects.get()
    _switch(client, world.users["mahead"])
    response = client.post(
        reverse("experience:review_write", args=[review.pk]),
        {"verdict": "recommend", "text": "Колдонмо практикалык мааниге ээ; Ң, Ө, Ү тамгалары."},
    )
    assert response.status_code == 302
    decision = factories.decision(world)
    _switch(client, world.users["deputy"])
    response = client.post(
        reverse("experience:manuscript_decide", args=[manuscript.pk]),
        {"outcome": "recommended", "decision": decision.pk, "note": ""},
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "recommended for publication" in page
    assert decision.code in page


def test_the_review_pdf_reads_back_in_kyrgyz(world, client):
    manuscript, review = factories.reviewed_manuscript(world)
    client_for(client, world.users["teacher"])
    response = client.get(reverse("experience:review_pdf", args=[review.pk]) + "?lang=ky")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "РЕЦЕНЗИЯ" in text
    assert manuscript.title in text
    assert "мазмундуу" in text
    assert world.staff["mahead"].last_name in text


def test_the_characteristic_pdf_reads_back_in_russian(world, client):
    award = factories.award(world)
    client_for(client, world.users["director"])
    response = client.get(reverse("experience:award_pdf", args=[award.pk]) + "?lang=ru")
    # Lines joined by a space: where the layout breaks a line is not the test's business.
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(p.extract_text().split()) for p in pages)
    assert "ХАРАКТЕРИСТИКА" in text
    assert "Ардак грамотасы" in text
    assert "Ардак грамотасы" in text and "олимпиадаларда" in text


def test_a_teacher_does_not_see_another_teachers_award(world, client):
    award = factories.award(world)
    client_for(client, world.users["teacher"])
    assert client.get(reverse("experience:award_detail", args=[award.pk])).status_code == 403
    page = client.get(reverse("experience:award_list")).content.decode()
    assert award.award not in page


def test_the_bank_filters_by_tag_and_words(world, client):
    factories.entry(world, title="Ачык сабак: бөлчөктөр", tags_text="бөлчөк")
    factories.entry(world, title="Кыргыз тили: сөз түркүмдөрү", tags_text="грамматика")
    client_for(client, world.users["secretary"])
    page = client.get(reverse("experience:entry_list"), {"q": "БӨЛЧӨКТӨР"}).content.decode()
    assert "Ачык сабак: бөлчөктөр" in page
    assert "сөз түркүмдөрү" not in page


def test_a_publication_by_another_teacher_is_not_theirs_to_edit(world, client):
    publication = factories.publication(world, staff_authors=[world.staff["mahead"]])
    client_for(client, world.users["teacher"])
    url = reverse("experience:publication_edit", args=[publication.pk])
    assert client.get(url).status_code == 403
    page = client.get(reverse("experience:publication_list")).content.decode()
    assert publication.title in page
    assert url not in page


def test_a_publication_without_authors_is_refused_on_the_page(world, client):
    client_for(client, world.users["deputy"])
    response = client.post(
        reverse("experience:publication_create"),
        {
            "title": "Мектеп гезитиндеги макала",
            "kind": "article",
            "venue": "«Мектеп жаңылыктары»",
            "published_on": "2025-02-01",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Name the authors" in page
    assert 'value="Мектеп гезитиндеги макала"' in page
    assert not Publication.objects.exists()


def test_the_edit_page_shows_the_entry_and_keeps_the_council_link(world, client):
    decision = factories.decision(world)
    entry = factories.entry(world, tags_text="Долбоор, Өз ара баалоо", recommended_by=decision)
    client_for(client, world.users["teacher"])
    url = reverse("experience:entry_edit", args=[entry.pk])
    page = client.get(url).content.decode()
    assert "Edit the experience" in page
    assert 'value="Долбоор, Өз ара баалоо"' in page
    assert "recommended_by" not in page  # only the deputy links the decision
    response = client.post(url, _entry_post(world, title="Жаңы аталыш"))
    assert response.url == reverse("experience:entry_detail", args=[entry.pk])
    entry.refresh_from_db()
    # The teacher's save leaves the council's link as it was.
    assert (entry.title, entry.recommended_by) == ("Жаңы аталыш", decision)


def test_a_file_is_removed_after_a_confirmation(world, client):
    entry = factories.entry(world, upload=factories.pdf_upload())
    attached = entry.files.get()
    url = reverse("experience:file_delete", args=[attached.pk])
    client_for(client, world.users["teacher"])
    page = client.get(url).content.decode()
    assert f"Remove the file {attached.original_name}?" in page
    assert entry.files.exists()
    response = client.post(url)
    assert response.url == reverse("experience:entry_detail", args=[entry.pk])
    assert not entry.files.exists()


def test_the_publication_page_offers_its_removal(world, client):
    publication = factories.publication(world)
    client_for(client, world.users["teacher"])
    page = client.get(reverse("experience:publication_edit", args=[publication.pk]))
    page = page.content.decode()
    assert "Edit the publication" in page
    assert f'value="{publication.title}"' in page
    assert reverse("experience:publication_delete", args=[publication.pk]) in page


@pytest.mark.parametrize(
    "name", ["entry_list", "publication_list", "manuscript_list", "award_list"]
)
def test_list_pages_do_not_grow_with_rows(world, client, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def build(n):
        for i in range(n):
            factories.entry(world, title=f"Тажрыйба {i}", upload=factories.pdf_upload())
            factories.publication(world, title=f"Макала {i}")
            factories.reviewed_manuscript(world)
            factories.award(world, award=f"Грамота {i}")

    client_for(client, world.users["deputy"])
    url = reverse(f"experience:{name}")
    build(2)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    build(6)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize(
    ("name", "heading", "empty", "action"),
    [
        (
            "publication_list",
            "Publications of teachers and pupils",
            "No publications registered.",
            "publication_create",
        ),
        (
            "manuscript_list",
            "Manuscripts of methodical booklets",
            "No manuscripts.",
            "manuscript_create",
        ),
        ("award_list", "Award recommendations", "No award recommendations.", "award_create"),
    ],
)
def test_a_list_page_shows_its_rows_or_says_there_are_none(
    world, client, name, heading, empty, action
):
    client_for(client, world.users["deputy"])
    url = reverse(f"experience:{name}")
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert heading in page and empty in page and "<tbody>" not in page
    assert reverse(f"experience:{action}") in page
    factories.publication(world, title="Макала: окуу сабаттуулугу")
    factories.manuscript(world, title="Колдонмо: окуу сабаттуулугу")
    factories.award(world, award="Грамота: окуу сабаттуулугу")
    page = client.get(url).content.decode()
    assert empty not in page and "окуу сабаттуулугу" in page
