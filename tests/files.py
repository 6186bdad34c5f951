"""Files for upload tests: small real ones of each accepted type, and hostile ones.

The upload check (school/uploads.py) reads a file as a program would, so a test that means
an upload to be accepted sends one of these, not a few magic bytes.
"""

import functools
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf_bytes(pages: int = 1) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=595, height=842)  # A4 in points
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(kind: str = "PNG", size=(8, 8)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 120, 200)).save(buffer, kind)
    return buffer.getvalue()


ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_OOXML_MAIN = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}


def office_bytes(extension: str = "docx", extra=()) -> bytes:
    """A ZIP with the parts its office format needs; `extra` adds (name, bytes) entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if extension == "odt":
            archive.writestr("mimetype", ODT_MIMETYPE, compress_type=zipfile.ZIP_STORED)
            archive.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
            archive.writestr("content.xml", "<office:document-content/>")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("_rels/.rels", "<Relationships/>")
            archive.writestr(_OOXML_MAIN[extension], "<document/>")
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


PDF_BYTES = pdf_bytes()
PNG_BYTES = image_bytes("PNG")
JPEG_BYTES = image_bytes("JPEG")


def pdf_upload(name: str = "документ.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/pdf")


# Hostile files (issue 16): each begins as its type should and is something else. ---------

# A PDF header, then a web page with a script.
PDF_THEN_HTML = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"
# A PNG signature, then SVG markup with a script.
PNG_THEN_SVG = (
    b"\x89PNG\r\n\x1a\n"
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
)
# A JPEG start, then a web page.
JPEG_THEN_HTML = b"\xff\xd8\xff\xe0<html><script>alert(1)</script></html>"
# Real images cut short: the header promises pixels that are not there.
TRUNCATED_PNG = PNG_BYTES[: len(PNG_BYTES) // 2]


@functools.cache
def docx_expanding_to(megabytes: int = 200) -> bytes:
    """A .docx with every part it needs whose archive expands to `megabytes` of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<document/>")
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as padding:
            block = bytes(1024 * 1024)
            for _megabyte in range(megabytes):
                padding.write(block)
    return buffer.getvalue()


@functools.cache
def docx_with_entries(count: int = 60_000) -> bytes:
    """A .docx with every part it needs and `count` entries in all (empty ones)."""
    extra = [(f"word/media/{n}", b"") for n in range(count - 3)]
    return office_bytes("docx", extra=extra)


@functools.cache
def png_of_pixels(width: int, height: int) -> bytes:
    """A real PNG of one colour: small on disk, width × height pixels once decoded."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
