"""Checks on uploaded files: meeting attachments, attestation documents and certificates,
the experience bank, manuscripts and event materials all go through check_upload.

A file is accepted when it is at most settings.UPLOAD_MAX_BYTES, its name ends in an
allowed extension, and its first bytes are those of that type (the name alone is not
trusted). Office files are ZIP archives: their table of contents must name the part that
the type has (word/ for .docx, xl/ for .xlsx, ppt/ for .pptx, the ODF mimetype for .odt).
Stored names are random; files are served only through permission-checked views.
"""

import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

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
# The part of the archive each office type must hold.
ZIP_PART = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def accept_attribute(allowed=ALLOWED_EXTENSIONS) -> str:
    """The file input's accept attribute, so the browser offers the allowed types first."""
    return ",".join(f".{ext}" for ext in allowed)


ACCEPT = accept_attribute()


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


def _zip_matches(upload, extension: str) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if extension == "odt":
                return "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE
            return any(n.startswith(ZIP_PART[extension]) for n in names)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False
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
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    matches = head.startswith(MAGIC[extension])
    if matches and MAGIC[extension] == ZIP_MAGIC:
        matches = _zip_matches(upload, extension)
    if not matches:
        raise ValidationError(
            {field: _("The file's content does not match its .%(ext)s name.") % {"ext": extension}},
            code="content",
        )
    return extension


def stored_name(folder: str, filename: str) -> str:
    """A random stored name that keeps only the extension of the uploaded one."""
    return f"{folder}/{uuid.uuid4().hex}.{extension_of(filename) or 'bin'}"
