import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from school.documents import render_pdf, static_file_uri, url_fetcher
from school.tests.factories import SchoolFactory


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_print_layout_renders_kyrgyz_letters_with_embedded_fonts(db):
    school = SchoolFactory(name="Жалал-Абад шаарындагы №8 орто мектеби Ң Ө Ү")
    pdf = render_pdf("print/base.html", {"school": school}, language="ky")
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "ЖАЛАЛ-АБАД" in text
    for letter in "ҢӨҮ":
        assert letter in text
    # The font is embedded, not looked up on the reader's machine.
    fonts = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    descriptors = [_descriptor(font.get_object()) for font in fonts.values()]
    assert any("DejaVu" in d["/FontName"] for d in descriptors)
    assert all("/FontFile2" in d or "/FontFile3" in d for d in descriptors)


def _descriptor(font):
    if "/DescendantFonts" in font:  # a composite (Type0) font
        font = font["/DescendantFonts"][0].get_object()
    return font["/FontDescriptor"].get_object()


def test_fetcher_allows_the_projects_static_files():
    response = url_fetcher()(static_file_uri("fonts/DejaVuSans.ttf"))
    assert response.read(4) == b"\x00\x01\x00\x00"
    response.close()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/static/css/kenesh.css",
        "https://example.org/logo.png",
        Path("/etc/passwd").as_uri(),
        "ftp://127.0.0.1/file",
    ],
)
def test_fetcher_refuses_anything_else(url):
    with pytest.raises(ValueError, match="Refused"):
        url_fetcher()(url)


def test_a_document_referring_to_a_remote_image_renders_without_fetching_it(db, monkeypatch):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("the renderer tried to reach the network")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    from django.template import engines

    template = engines["django"].from_string(
        '<img src="http://169.254.169.254/latest/meta-data"><p>Ok</p>'
    )
    from weasyprint import HTML

    html = template.render({})
    pdf = HTML(string=html, url_fetcher=url_fetcher()).write_pdf()
    assert "Ok" in pdf_text(pdf)
