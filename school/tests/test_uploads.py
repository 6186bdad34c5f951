"""The one upload check reads a file as a program would, not only by its first bytes."""

import io
import zipfile
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from hypothesis import strategies as st

from conftest import client_for
from experience.models import Manuscript
from school import uploads
from school.uploads import check_upload
from tests import files
from tests.fuzz import TEXT, fuzz_form, with_history


def _refusal(name, content, language="en"):
    """The message check_upload gives for the file, in the language asked."""
    upload = SimpleUploadedFile(name, content)
    with translation.override(language), pytest.raises(ValidationError) as error:
        check_upload(upload, field="file")
    return " ".join(error.value.message_dict["file"])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("протокол.pdf", files.PDF_BYTES),
        ("три бет.pdf", files.pdf_bytes(pages=3)),
        ("схема.png", files.PNG_BYTES),
        ("сүрөт.jpg", files.JPEG_BYTES),
        ("сүрөт.JPEG", files.JPEG_BYTES),
        ("доклад.docx", files.office_bytes("docx")),
        ("таблица.xlsx", files.office_bytes("xlsx")),
        ("слайддар.pptx", files.office_bytes("pptx")),
        ("доклад.odt", files.office_bytes("odt")),
    ],
)
def test_real_files_of_each_type_are_accepted(name, content):
    upload = SimpleUploadedFile(name, content)
    upload.read(3)
    assert check_upload(upload) == uploads.extension_of(name)
    assert upload.tell() == 0  # left ready to be stored whole


def test_a_pdf_with_an_empty_user_password_is_accepted():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(files.PDF_BYTES)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert check_upload(SimpleUploadedFile("шифр.pdf", buffer.getvalue())) == "pdf"


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        # Issue 16: a PDF header followed by a web page with a script.
        ("отчет.pdf", files.PDF_THEN_HTML, "This PDF file cannot be read"),
        ("отчет.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "cannot be read"),
        ("отчет.pdf", files.PDF_BYTES[:200], "cannot be read"),
        # Issue 16: a PNG signature followed by SVG.
        ("схема.png", files.PNG_THEN_SVG, "This image cannot be read"),
        ("схема.png", files.TRUNCATED_PNG, "This image cannot be read"),
        ("сүрөт.jpg", files.JPEG_THEN_HTML, "This image cannot be read"),
        ("сүрөт.jpg", files.JPEG_BYTES[: len(files.JPEG_BYTES) // 2], "cannot be read"),
        # A real PNG named .jpg: the name is not believed.
        ("сүрөт.jpg", files.PNG_BYTES, "does not match its .jpg name"),
        # Office files without the parts their format needs.
        ("доклад.docx", files.office_bytes("xlsx"), "does not match its .docx name"),
        ("таблица.xlsx", files.office_bytes("docx"), "does not match its .xlsx name"),
        ("слайддар.pptx", files.office_bytes("odt"), "does not match its .pptx name"),
        ("доклад.odt", files.office_bytes("docx"), "does not match its .odt name"),
        ("доклад.docx", b"PK\x03\x04 not an archive at all", "does not match"),
    ],
)
def test_files_that_only_begin_as_their_type_are_refused(name, content, says):
    message = _refusal(name, content)
    assert says in message


def test_an_odt_with_another_mimetype_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
        archive.writestr("content.xml", "<content/>")
    assert "does not match its .odt name" in _refusal("доклад.odt", buffer.getvalue())


def test_an_image_over_the_pixel_limit_is_refused_before_it_is_decoded():
    content = files.png_of_pixels(7000, 6000)  # 42 million pixels, a few kilobytes
    assert len(content) < 100_000
    with mock.patch("PIL.ImageFile.ImageFile.load", side_effect=AssertionError("decoded")):
        message = _refusal("схема.png", content)
    assert "7000 × 6000 pixels" in message and "at most 36 million" in message
    # Just under the limit it is decoded and accepted.
    assert check_upload(SimpleUploadedFile("схема.png", files.png_of_pixels(6000, 6000)))


def test_an_archive_is_judged_by_its_table_of_contents_without_extracting_it():
    by_size, by_count = files.docx_expanding_to(200), files.docx_with_entries(60_000)
    at_limits = [files.docx_with_entries(10_000), files.docx_expanding_to(99)]
    no_extraction = mock.patch.object(
        zipfile.ZipFile, "open", side_effect=AssertionError("extracted")
    )
    # Issue 16: a .docx whose zip expands to 200 MB...
    with no_extraction:
        message = _refusal("доклад.docx", by_size)
    assert "unpacks to 200.0" in message and "at most 100.0" in message
    # ...or holds 60,000 entries.
    with no_extraction:
        message = _refusal("доклад.docx", by_count)
    assert "60000 parts" in message and "at most 10000" in message
    # At the limits exactly, it is accepted.
    with no_extraction:
        for content in at_limits:
            assert check_upload(SimpleUploadedFile("доклад.docx", content)) == "docx"


@pytest.mark.parametrize(("language", "words"), [("ky", "PDF файлы"), ("ru", "PDF-файл")])
def test_the_messages_are_translated(language, words):
    message = _refusal("отчет.pdf", files.PDF_THEN_HTML, language)
    assert words in message and "This PDF file" not in message
    assert "This image" not in _refusal("схема.png", files.PNG_THEN_SVG, language)
    assert "unpacks" not in _refusal("доклад.docx", files.docx_expanding_to(200), language)
    assert "pixels" not in _refusal("схема.png", files.png_of_pixels(7000, 6000), language)
    assert "parts" not in _refusal("доклад.docx", files.docx_with_entries(60_000), language)


# Through a form: the message next to the field, nothing saved ---------------------------------

HOSTILE = [
    ("план.pdf", files.PDF_THEN_HTML),
    ("схема.png", files.PNG_THEN_SVG),
    ("сүрөт.jpg", files.JPEG_THEN_HTML),
    ("доклад.docx", files.docx_expanding_to(200)),
    ("доклад.docx", files.docx_with_entries(60_000)),
]


@pytest.mark.parametrize(("name", "content"), HOSTILE, ids=lambda v: str(v)[:12])
def test_a_hostile_upload_is_refused_next_to_the_field_and_saves_nothing(
    world, client, name, content
):
    client_for(client, world.users["teacher"])
    client.cookies["django_language"] = "ru"
    response = client.post(
        reverse("experience:manuscript_create"),
        {
            "title": "Сабак пландоо",
            "abstract": "Кыскача",
            "file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_file"' in page and "is-invalid" in page
    assert "invalid-feedback" in page
    assert 'value="Сабак пландоо"' in page
    assert not Manuscript.objects.exists()


def _assert_is_real(upload):
    upload.seek(0)
    assert upload.read() == files.PDF_BYTES, f"a hostile file was accepted: {upload.name}"


def test_the_manuscript_form_survives_hostile_files(world, client):
    client_for(client, world.users["teacher"])
    hostile = st.sampled_from(HOSTILE).map(lambda pair: SimpleUploadedFile(*pair))
    fuzz_form(
        client,
        reverse("experience:manuscript_create"),
        fields={"title": TEXT, "abstract": TEXT, "file": hostile},
        models=with_history(Manuscript),
        # Only the real PDF may ever be accepted.
        check_saved=lambda data: _assert_is_real(data["file"]),
        valid=[
            {
                "title": "Сабак пландоо",
                "abstract": "Кыскача",
                "file": SimpleUploadedFile("колдонмо.pdf", files.PDF_BYTES),
            }
        ],
        max_examples=15,
    )
