"""The protocol as a document: PDF (stored once approved), the year's archive (stored while
unchanged), an .ics calendar."""

import datetime
import hashlib
import zoneinfo

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from school.documents import print_revision, render_pdf, stored_or_rendered

from . import selectors, snapshot
from .models import ArchiveDocument, Meeting, ProtocolDocument, ProtocolSnapshot

PROTOCOL_TEMPLATE = "meetings/print/protocol.html"
ARCHIVE_TEMPLATE = "meetings/print/archive.html"


def protocol_context(protocol: snapshot.Protocol) -> dict:
    """What the protocol template reads: the protocol (snapshot.Protocol), the school as the
    protocol names it, and the draft mark on every page of a protocol not approved."""
    return {"protocol": protocol, "school": protocol.school, "is_draft": not protocol.is_approved}


def render_protocol(protocol: snapshot.Protocol, *, language: str) -> bytes:
    return render_pdf(PROTOCOL_TEMPLATE, protocol_context(protocol), language=language)


def _key(language: str, *parts: str) -> str:
    """The templates' fingerprint and the data's: a stored PDF under another key is stale."""
    return hashlib.sha256(
        "|".join([print_revision("meetings", language), *parts]).encode()
    ).hexdigest()


def protocol_pdf(meeting: Meeting, *, language: str) -> bytes:
    """The protocol's PDF. An approved protocol is rendered from its latest snapshot once per
    language and stored under the snapshot's version and digest, so the copies of every
    language say the same; an amendment makes a new snapshot and drops the stored copies."""
    protocol = snapshot.current(meeting)
    if not meeting.is_approved or protocol.version is None:
        return render_protocol(protocol, language=language)
    return stored_or_rendered(
        ProtocolDocument,
        slot={"meeting": meeting, "language": language},
        key={"version": protocol.version, "revision": _key(language, protocol.digest)},
        render=lambda: render_protocol(protocol, language=language),
    )


def archive_protocols(year) -> list[snapshot.Protocol]:
    """The year's approved protocols in order, each as its latest snapshot says."""
    meetings = list(
        selectors.meeting_for_page(
            Meeting.objects.filter(council__academic_year=year, status=Meeting.Status.APPROVED)
        ).order_by("number")
    )
    taken = snapshot.latest_of(meetings)
    return [taken.get(m.pk) or snapshot.current(m) for m in meetings]


def render_archive(year, protocols, *, language: str) -> bytes:
    return render_pdf(
        ARCHIVE_TEMPLATE,
        {"school": year.school, "year": year, "protocols": protocols, "is_draft": False},
        language=language,
    )


def _archive_key(year, *, language: str, protocols=None) -> str | None:
    """The stored archive's key: the year, the school's name and each protocol's number and
    snapshot digest. Read from the latest snapshots' digests alone when every approved
    protocol has one (no protocol is built: `make bench`'s second download of a 30-page
    archive went from 297 ms to a few ms); else from the protocols built, when given."""
    if protocols is None:
        latest = ProtocolSnapshot.objects.filter(meeting=OuterRef("pk")).order_by("-version")
        rows = list(
            Meeting.objects.filter(council__academic_year=year, status=Meeting.Status.APPROVED)
            .annotate(digest=Subquery(latest.values("digest")[:1]))
            .order_by("number")
            .values_list("number", "digest")
        )
        if any(digest is None for _number, digest in rows):
            return None
    else:
        rows = [(protocol.number, protocol.digest) for protocol in protocols]
    return _key(
        language,
        year.name,
        year.school.name_in(language),
        *(f"{number}:{digest}" for number, digest in rows),
    )


def archive_pdf(year, *, language: str) -> bytes:
    """All approved protocols of a year in one PDF, with a contents page (R5.3).

    Kept once rendered (ArchiveDocument) under a key made of the protocols' snapshots, the
    year and the school's name: a second download of an unchanged archive is read back."""
    protocols = None
    key = _archive_key(year, language=language)
    if key is None:  # a protocol approved without a snapshot: its digest is built
        protocols = archive_protocols(year)
        key = _archive_key(year, language=language, protocols=protocols)
    return stored_or_rendered(
        ArchiveDocument,
        slot={"year": year, "language": language},
        key={"key": key},
        render=lambda: render_archive(
            year, protocols or archive_protocols(year), language=language
        ),
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


# The extract for the pedagogical council (R2.14, R4.4) ---------------------------------------

EXTRACT_TEMPLATE = "meetings/print/pedagogical_extract.html"


def pedagogical_extract(*, school, year=None, meeting=None) -> list[dict]:
    """The decisions put before the pedagogical council, from the approved protocols of a
    year (or of one meeting), as the protocols read (their snapshots): for each protocol,
    its decisions with the agenda item they were resolved on."""
    meetings = Meeting.objects.filter(
        council__academic_year__school=school, status=Meeting.Status.APPROVED
    )
    if year is not None:
        meetings = meetings.filter(council__academic_year=year)
    if meeting is not None:
        meetings = meetings.filter(pk=meeting.pk)
    meetings = list(selectors.meeting_for_page(meetings).order_by("date", "number"))
    taken = snapshot.latest_of(meetings)
    extract = []
    for each in meetings:
        protocol = taken.get(each.pk) or snapshot.current(each)
        entries = [
            {"item": item, "decision": decision}
            for item in protocol.items
            for decision in item["decisions"]
            if decision["for_pedagogical_council"]
        ]
        if entries:
            extract.append({"protocol": protocol, "entries": entries})
    return extract


def extract_pdf(*, school, year, meeting, language: str) -> bytes:
    council = selectors.council_for_year(year) if year is not None else None
    context = {
        "school": school,
        "year": year,
        "meeting": meeting,
        "council": council,
        "extract": pedagogical_extract(school=school, year=year, meeting=meeting),
    }
    return render_pdf(EXTRACT_TEMPLATE, context, language=language)


def extract_filename(*, year, meeting) -> str:
    if meeting is not None:
        year = meeting.council.academic_year
        return (
            f"pedagogical-council-extract-{year.start_date.year}-{year.end_date.year}-"
            f"{meeting.number}.pdf"
        )
    if year is not None:
        return f"pedagogical-council-extract-{year.start_date.year}-{year.end_date.year}.pdf"
    return "pedagogical-council-extract.pdf"
