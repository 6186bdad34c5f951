"""Checks on uploaded files: meeting attachments, attestation documents and certificates,
the experience bank, manuscripts and event materials all go through check_upload.

A file is accepted when it is at most settings.UPLOAD_MAX_BYTES, its name ends in an
allowed extension, its first bytes are those of that type (the name alone is not trusted),
and its content is what the type says, read as a program reading it would:

- a PDF must parse as one (pypdf) and have at least one page: "%PDF-" followed by a web
  page with a script is not a PDF;
- an image must decode (Pillow) as the type its name says, within MAX_IMAGE_PIXELS: a PNG
  signature followed by SVG markup is not a PNG, and a small file that would unpack into
  gigabytes of pixels is refused before it is unpacked;
- an office file is a ZIP archive whose table of contents must hold the parts that its
  format needs (OFFICE_PARTS; the ODF mimetype for .odt) and must expand to at most
  OFFICE_MAX_EXPANDED_BYTES in at most OFFICE_MAX_ENTRIES entries. Only the table of
  contents is read (and the few bytes of .odt's mimetype): nothing is extracted.

Stored names are random; files are served only through permission-checked views.
"""

import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

ALLOWED_EXTENSIONS = ("pdf", "docx", "xlsx", "pptx", "odt", "jpg", "jpeg", "png")
ZIP_MAGIC = b"PK\x03\x04"
MAGIC = {
    "pdf": b"%PDF-",
    "docx": ZIP_MAGIC,
    "xlsx": ZIP_MAGIC,
    "pptx": ZIP_MAGIC,
    "odt": ZIP_MAGIC,
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "png": b"\x89PNG\r\n\x1a\n",
}
# The parts each office format needs: its content types (OOXML) or manifest (ODF), and its
# main document.
OFFICE_PARTS = {
    "docx": ("[Content_Types].xml", "_rels/.rels", "word/document.xml"),
    "xlsx": ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"),
    "pptx": ("[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml"),
    "odt": ("mimetype", "META-INF/manifest.xml", "content.xml"),
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
OFFICE_MAX_EXPANDED_BYTES = 100 * 1024 * 1024
OFFICE_MAX_ENTRIES = 10_000
# The formats Pillow must find for each image extension (phones write JPEG as MPO too).
IMAGE_FORMATS = {"jpg": {"JPEG", "MPO"}, "jpeg": {"JPEG", "MPO"}, "png": {"PNG"}}
# 36 megapixels: a 6000 × 6000 image; phone photos and A4 scans at 300 dpi are well below.
MAX_IMAGE_PIXELS = 36_000_000


def accept_attribute(allowed=ALLOWED_EXTENSIONS) -> str:
    """The file input's accept attribute, so the browser offers the allowed types first."""
    return ",".join(f".{ext}" for ext in allowed)


ACCEPT = accept_attribute()


def upload_help_text(allowed=ALLOWED_EXTENSIONS):
    """The help under a file field: the size limit from the settings and the allowed types,
    so the text says what check_upload enforces (a lazy text: it is read in the page's
    language)."""
    return lazy(_upload_help_text, str)(tuple(allowed))


def _upload_help_text(allowed) -> str:
    return _("At most %(max)s: %(types)s.") % {
        "max": filesizeformat(settings.UPLOAD_MAX_BYTES),
        "types": ", ".join(ext for ext in allowed if ext != "jpeg"),
    }


def file_field(*, label, required=False, allowed=ALLOWED_EXTENSIONS, **kwargs):
    """A form's file field with the accept list and help text of the allowed types."""
    from django import forms

    return forms.FileField(
        label=label,
        required=required,
        help_text=upload_help_text(allowed),
        widget=forms.ClearableFileInput(attrs={"accept": accept_attribute(allowed)}),
        **kwargs,
    )


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


class _Refused(Exception):
    """The content is not what its extension says; the message says how."""

    def __init__(self, message, code="content"):
        super().__init__(message)
        self.message, self.code = message, code


def _mismatch(extension: str) -> _Refused:
    return _Refused(_("The file's content does not match its .%(ext)s name.") % {"ext": extension})


def _check_pdf(upload) -> None:
    from pypdf import PasswordType, PdfReader

    try:
        # Reading the cross-reference table and the trailer fails on anything but a PDF.
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
            except Exception:  # noqa: BLE001 - a cipher pypdf cannot open here
                opened = False
            if not opened:
                return  # a well-formed PDF whose pages are locked: the viewer asks for them
        pages = len(reader.pages)
    except Exception:  # noqa: BLE001 - pypdf raises many kinds on a broken file: all refuse.
        pages = 0
    if pages < 1:
        raise _Refused(
            _(
                "This PDF file cannot be read: it is damaged or not a PDF. "
                "Save it as PDF again and choose the new file."
            )
        )


def _check_image(upload, extension: str) -> None:
    from PIL import Image

    unreadable = _Refused(
        _("This image cannot be read: it is damaged or not a .%(ext)s image.") % {"ext": extension}
    )
    try:
        image = Image.open(upload, formats=sorted(IMAGE_FORMATS[extension]))
    except Exception as error:  # noqa: BLE001 - any failure to identify the image refuses it.
        raise unreadable from error
    with image:
        width, height = image.size
        if width * height > MAX_IMAGE_PIXELS:
            raise _Refused(
                _(
                    "The image is %(width)s × %(height)s pixels; "
                    "at most %(max)s million pixels are accepted."
                )
                % {"width": width, "height": height, "max": MAX_IMAGE_PIXELS // 1_000_000},
                code="pixels",
            )
        try:
            if image.format in ("JPEG", "MPO"):
                # Every coded block is still decoded, at an eighth of the size in memory.
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()
        except Exception as error:  # noqa: BLE001 - a truncated or corrupt image refuses.
            raise unreadable from error


def _check_office(upload, extension: str) -> None:
    """The archive's table of contents only: its parts, sizes and entries; no extraction."""
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > OFFICE_MAX_ENTRIES:
                raise _Refused(
                    ngettext(
                        "This .%(ext)s file holds %(count)s part; at most %(max)s are accepted.",
                        "This .%(ext)s file holds %(count)s parts; at most %(max)s are accepted.",
                        len(entries),
                    )
                    % {"ext": extension, "count": len(entries), "max": OFFICE_MAX_ENTRIES},
                    code="entries",
                )
            expanded = sum(entry.file_size for entry in entries)
            if expanded > OFFICE_MAX_EXPANDED_BYTES:
                raise _Refused(
                    _("This .%(ext)s file unpacks to %(size)s; at most %(max)s is accepted.")
                    % {
                        "ext": extension,
                        "size": filesizeformat(expanded),
                        "max": filesizeformat(OFFICE_MAX_EXPANDED_BYTES),
                    },
                    code="expanded",
                )
            names = {entry.filename: entry for entry in entries}
            if not all(part in names for part in OFFICE_PARTS[extension]):
                raise _mismatch(extension)
            if extension == "odt":
                mimetype = names["mimetype"]
                if mimetype.file_size > 100 or archive.read(mimetype).strip() != ODT_MIMETYPE:
                    raise _mismatch(extension)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError):
        # Not a readable archive (or .odt's mimetype compressed in an unknown way).
        raise _mismatch(extension) from None


def _check_content(upload, extension: str) -> None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(MAGIC[extension]):
        raise _mismatch(extension)
    try:
        if extension == "pdf":
            _check_pdf(upload)
        elif extension in IMAGE_FORMATS:
            _check_image(upload, extension)
        else:
            _check_office(upload, extension)
    finally:
        upload.seek(0)


def check_upload(upload, *, field: str = "file", allowed=ALLOWED_EXTENSIONS) -> str:
    """Raise a ValidationError keyed by `field` unless the upload is acceptable.

    Returns the file's extension. `allowed` narrows the types for a kind of document.
    """
    if upload is None:
        raise ValidationError({field: _("Choose a file.")}, code="required")
    extension = extension_of(upload.name)
    if extension not in allowed:
        # "jpeg" is the same type as "jpg": name it once.
        label = ", ".join(ext for ext in allowed if ext != "jpeg")
        raise ValidationError(
            {
                field: _("Files of this type are not accepted. Allowed: %(types)s.")
                % {"types": label}
            },
            code="type",
        )
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            {
                field: _("The file is %(size)s; at most %(max)s is accepted.")
                % {
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(settings.UPLOAD_MAX_BYTES),
                }
            },
            code="size",
        )
    try:
        _check_content(upload, extension)
    except _Refused as refused:
        raise ValidationError({field: refused.message}, code=refused.code) from None
    return extension


def stored_name(folder: str, filename: str) -> str:
    """A random stored name that keeps only the extension of the uploaded one."""
    return f"{folder}/{uuid.uuid4().hex}.{extension_of(filename) or 'bin'}"


def download_response(field_file, filename: str):
    """A stored file as a download named as the user gave it, for the permission-checked views
    that are the only way to a file (never MEDIA_URL); a file missing from the storage is a 404."""
    from django.http import FileResponse, Http404

    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=filename)
