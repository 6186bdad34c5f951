"""The protocol as a document: PDF (stored once approved), the year's archive, an .ics calendar."""

import datetime
import functools
import hashlib
import zoneinfo
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from school.documents import render_pdf

from . import selectors
from .models import Meeting, ProtocolDocument

PROTOCOL_TEMPLATE = "meetings/print/protocol.html"
ARCHIVE_TEMPLATE = "meetings/print/archive.html"


def render_protocol(meeting: Meeting, *, language: str) -> bytes:
    return render_pdf(PROTOCOL_TEMPLATE, selectors.protocol(meeting), language=language)


@functools.cache
def document_revision(language: str) -> str:
    """A fingerprint of what shapes the document besides its data: the print templates and
    the language's catalogs. A stored PDF made with other templates is rendered again."""
    digest = hashlib.sha256(language.encode())
    base = Path(settings.BASE_DIR)
    files = sorted((base / "meetings" / "templates" / "meetings" / "print").glob("*.html"))
    files += [base / "templates" / "print" / "base.html"]
    files += [
        base / "meetings" / "locale" / language / "LC_MESSAGES" / "django.mo",
        base / "locale" / language / "LC_MESSAGES" / "django.mo",
    ]
    for path in files:
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def protocol_pdf(meeting: Meeting, *, language: str) -> bytes:
    """The protocol's PDF. An approved protocol never changes, so it is rendered once per
    language and stored; an amendment deletes the stored copies (services._finish)."""
    if not meeting.is_approved:
        return render_protocol(meeting, language=language)
    revision = document_revision(language)
    stored = ProtocolDocument.objects.filter(
        meeting=meeting, language=language, version=meeting.version, revision=revision
    ).first()
    if stored is not None:
        return bytes(stored.pdf)
    pdf = render_protocol(meeting, language=language)
    try:
        with transaction.atomic():
            ProtocolDocument.objects.filter(meeting=meeting, language=language).delete()
            ProtocolDocument.objects.create(
                meeting=meeting,
                language=language,
                version=meeting.version,
                revision=revision,
                pdf=pdf,
            )
    except IntegrityError:
        pass  # rendered at the same moment by another request: theirs is as good
    return pdf


def archive_pdf(year, *, language: str) -> bytes:
    """All approved protocols of a year in one PDF, with a contents page (R5.3)."""
    meetings = list(
        selectors.meeting_for_page(
            Meeting.objects.filter(council__academic_year=year, status=Meeting.Status.APPROVED)
        ).order_by("number")
    )
    protocols = [selectors.protocol(m) for m in meetings]
    return render_pdf(
        ARCHIVE_TEMPLATE,
        {"school": year.school, "year": year, "protocols": protocols},
        language=language,
    )


def archive_filename(year) -> str:
    return f"protocols-{year.start_date.year}-{year.end_date.year}.pdf"


# iCalendar (RFC 5545), written by hand: a few lines need no library. -----------------------


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        limit = 75 if not parts else 74
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment: datetime.datetime) -> str:
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    aware = moment.replace(tzinfo=zone)
    return aware.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_ics(meetings, *, school, host: str, title_for) -> str:
    """An iCalendar file of the given meetings; `title_for(meeting)` gives the summary."""
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Kenesh//Methodical council//KY",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(str(school))}",
    ]
    for meeting in meetings:
        minutes = sum(i.planned_minutes or 0 for i in meeting.agenda_items.all()) or 90
        start = meeting.starts_at
        end = start + datetime.timedelta(minutes=minutes)
        agenda = "\n".join(f"{i.position}. {i.display_title}" for i in meeting.agenda_items.all())
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(start)}",
            f"DTEND:{_utc(end)}",
            f"SUMMARY:{_escape(title_for(meeting))}",
            f"LOCATION:{_escape(meeting.place)}",
            f"DESCRIPTION:{_escape(agenda)}",
            "STATUS:CONFIRMED",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
