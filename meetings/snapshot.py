"""The protocol as it reads: one structured snapshot of everything a protocol shows (R5.3).

`build(meeting)` reads the live records into plain data: names as spelled on the day, the
chair's and secretary's positions, who was present and absent (with reasons), the guests,
the agenda with heard / spoke / resolved, and the earlier decisions under review with their
status as it stood at the meeting. Choices are kept as codes (translated when the protocol
is shown, in the reader's language) and no database key is kept (a restored backup gives
rows new keys).

An approved protocol is shown from the snapshot taken at its approval (and a new one at
each amendment; ProtocolSnapshot keeps them all), a draft from a snapshot built on the spot:
the page, the PDF of every language and the year's archive read the same data, so every
copy of an approved protocol says the same thing, whatever happens to the records later.

`view(data)` turns the stored data into what the templates read: dates as dates, codes
with their (lazily translated) labels, the school with its name in the document's language.
"""

import datetime
import hashlib
import json

from django.utils import timezone
from django.utils.translation import gettext_lazy

from school.calendar import short_date
from school.selectors import today

from . import selectors
from .models import AgendaItem, Decision, Meeting

FORMAT = 1

REVIEW_TITLE = gettext_lazy("On the execution of the previous meeting's decisions")


# Building ---------------------------------------------------------------------------------


def _person(staff) -> dict | None:
    if staff is None:
        return None
    return {
        "full_name": staff.full_name,
        "short_name": staff.short_name,
        "position": staff.position,
    }


def _local(moment: datetime.datetime | None) -> str | None:
    if moment is None:
        return None
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(microsecond=0).isoformat()


def _user_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


def status_at(decision: Decision, day: datetime.date) -> str:
    """A decision's status as it stood on a day (the day of the meeting that reviewed it):
    done or cancelled only if it was closed by then; otherwise overdue past its due date."""
    if decision.status == Decision.Status.DONE and decision.done_on and decision.done_on <= day:
        return "done"
    if (
        decision.status == Decision.Status.CANCELLED
        and decision.closed_at
        and timezone.localdate(decision.closed_at) <= day
    ):
        return "cancelled"
    # Open as it stood on the day: overdue by the one rule (Decision.is_overdue), as of then.
    as_it_stood = Decision(status=Decision.Status.OPEN, due_date=decision.due_date)
    return "overdue" if as_it_stood.is_overdue(day) else "open"


def _decision(d: Decision) -> dict:
    votes = None
    if d.has_votes:
        votes = {"yes": d.votes_for, "no": d.votes_against, "abstained": d.votes_abstained}
    return {
        "number": d.number,
        "text": d.text,
        "responsible": [p.short_name for p in d.responsible.all()],
        "due_date": d.due_date.isoformat(),
        "votes": votes,
        "for_pedagogical_council": d.for_pedagogical_council,
    }


def _reviewed(d: Decision, day: datetime.date) -> dict:
    status = status_at(d, day)
    return {
        "meeting_number": d.meeting.number,
        "meeting_date": d.meeting.date.isoformat(),
        "number": d.number,
        "text": d.text,
        "responsible": [p.short_name for p in d.responsible.all()],
        "due_date": d.due_date.isoformat(),
        "status": status,
        "done_on": d.done_on.isoformat() if status == "done" else None,
    }


def _item(item: AgendaItem, day: datetime.date) -> dict:
    return {
        "position": item.position,
        "kind": item.kind,
        "title": "" if item.is_review else item.title,
        "speakers": [s.short_name for s in item.speakers.all()],
        "guest_speakers": item.guest_speakers,
        "heard_name": item.heard_name or "",
        "heard_summary": item.heard_summary,
        "contributions": [
            {"speaker": c.speaker_name, "summary": c.summary} for c in item.contributions.all()
        ],
        "decisions": [_decision(d) for d in item.decision_list],
        "reviewed": [_reviewed(d, day) for d in item.reviewed_list],
    }


def build(meeting: Meeting, context: dict | None = None) -> dict:
    """Everything the protocol shows, as plain data (see the module's note)."""
    context = context or selectors.protocol(meeting)
    school = context["school"]
    people = context["roster"]
    return {
        "format": FORMAT,
        "school": {
            "name": {"ky": school.name, "ru": school.name_ru, "en": school.name_en},
            "city": school.city,
        },
        "number": meeting.number,
        "date": meeting.date.isoformat(),
        "time": meeting.time.strftime("%H:%M"),
        "place": meeting.place,
        "kind": meeting.kind,
        "status": meeting.status,
        "chair": _person(meeting.chair),
        "secretary": _person(meeting.secretary),
        "approved_at": _local(meeting.approved_at),
        "approved_by": _user_name(meeting.approved_by) if meeting.approved_by_id else "",
        "quorum_confirmed": meeting.quorum_confirmed,
        "attendance": {
            "recorded": people.recorded,
            "total": people.total,
            "needed": people.needed,
            "has_quorum": people.has_quorum,
            "present": [_person(p) for p in people.present],
            "absent": [
                {**_person(row.staff), "reason": row.absence_reason} for row in people.absent
            ],
        },
        "guests": [{"name": g.name, "position": g.position} for g in context["guests"]],
        # As they stood at the meeting (a meeting still to come: as they stand today).
        "items": [_item(item, min(meeting.date, today())) for item in context["items"]],
        "amendments": [
            {
                "made_at": _local(a.made_at),
                "made_by": _user_name(a.made_by),
                "change": a.change,
                "reason": a.reason,
            }
            for a in context["amendments"]
        ],
    }


def digest(data: dict) -> str:
    """A fingerprint of the data: equal data, equal digest (keys sorted)."""
    encoded = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()


def item_is_empty(item: dict) -> bool:
    """Nothing recorded on the item: no one heard, no one spoke, nothing resolved, and (for
    the item on earlier decisions) no decision to review."""
    return not (
        item["heard_name"]
        or item["heard_summary"]
        or item["contributions"]
        or item["decisions"]
        or item["reviewed"]
    )


# Reading ----------------------------------------------------------------------------------


class SchoolAsOf:
    """The school as the protocol names it: `name_in()` as School.name_in (the document's
    language, falling back to Kyrgyz), from the snapshot."""

    def __init__(self, data: dict):
        self.names = data["name"]
        self.city = data.get("city", "")

    def name_in(self, language: str | None = None) -> str:
        from django.utils.translation import get_language

        code = (language or get_language() or "ky").split("-")[0]
        return self.names.get(code) or self.names.get("ky") or ""

    @property
    def name(self):
        return self.names.get("ky", "")

    def __str__(self):
        return self.name_in()


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _moment(value: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value else None


class Reviewed(dict):
    """A decision under review as the protocol states it (its status as it stood then); its
    badge is a decision's ({% status_badge d status=d.status label=d.status_label %})."""

    STATUS_BADGES = Decision.STATUS_BADGES

    @property
    def status_label(self) -> str:
        status = self["status"]
        if status == "overdue":
            return str(gettext_lazy("overdue"))
        label = str(Decision.Status(status).label)
        return f"{label} {short_date(self['done_on'])}" if status == "done" else label


class Protocol:
    """What the protocol templates read, from snapshot data."""

    def __init__(self, data: dict, *, digest_value: str = "", version: int | None = None):
        self.data = data
        self.digest = digest_value or digest(data)
        self.version = version
        self.school = SchoolAsOf(data["school"])
        self.number = data["number"]
        self.date = _day(data["date"])
        self.time = datetime.time.fromisoformat(data["time"])
        self.place = data["place"]
        self.kind = data["kind"]
        self.kind_label = Meeting.Kind(self.kind).label
        self.status = data["status"]
        self.is_approved = self.status == Meeting.Status.APPROVED
        self.chair = data["chair"]
        self.secretary = data["secretary"]
        self.approved_at = _moment(data["approved_at"])
        self.approved_by = data["approved_by"]
        self.quorum_confirmed = data["quorum_confirmed"]
        people = data["attendance"]
        self.roster = {
            **people,
            "present_count": len(people["present"]),
            "absent_count": len(people["absent"]),
        }
        self.guests = data["guests"]
        self.items = [self._item(i) for i in data["items"]]
        self.amendments = [{**a, "made_at": _moment(a["made_at"])} for a in data["amendments"]]

    @staticmethod
    def _item(data: dict) -> dict:
        item = dict(data)
        item["is_review"] = data["kind"] == AgendaItem.Kind.REVIEW
        item["display_title"] = REVIEW_TITLE if item["is_review"] else data["title"]
        item["is_empty"] = item_is_empty(data)
        item["decisions"] = [{**d, "due_date": _day(d["due_date"])} for d in data["decisions"]]
        item["reviewed"] = [
            Reviewed(
                d,
                code=f"{d['meeting_number']}.{d['number']}",
                meeting_date=_day(d["meeting_date"]),
                due_date=_day(d["due_date"]),
                done_on=_day(d["done_on"]),
            )
            for d in data["reviewed"]
        ]
        return item

    @property
    def empty_items(self) -> list[dict]:
        return [i for i in self.items if i["is_empty"]]


def view(data: dict, **kwargs) -> Protocol:
    return Protocol(data, **kwargs)


def empty_items(meeting: Meeting) -> list[dict]:
    """The agenda items on which nothing is recorded (item_is_empty), as the protocol would
    print them now."""
    return view(build(meeting)).empty_items


def items_named(items) -> str:
    """ "2. Title; 4. Title": the items, for a message that names them."""
    return "; ".join(f"{item['position']}. {item['display_title']}" for item in items)


def current(meeting: Meeting, context: dict | None = None) -> Protocol:
    """The protocol as it reads: an approved one from its latest snapshot, a draft (or an
    approved protocol from before snapshots, should one be left) built from the records."""
    if meeting.is_approved:
        from .models import ProtocolSnapshot

        row = ProtocolSnapshot.objects.filter(meeting=meeting).order_by("-version").first()
        if row is not None:
            return view(row.data, digest_value=row.digest, version=row.version)
    if context is not None and context["roster"] is None:
        context = None  # read without the people: read again in full
    return view(build(meeting, context))


def latest_of(meetings) -> dict[int, Protocol]:
    """The latest snapshot of each of the given approved meetings, by meeting id (one query)."""
    from django.db.models import OuterRef, Subquery

    from .models import ProtocolSnapshot

    newest = ProtocolSnapshot.objects.filter(meeting=OuterRef("meeting")).order_by("-version")
    rows = ProtocolSnapshot.objects.filter(
        meeting__in=[m.pk for m in meetings], version=Subquery(newest.values("version")[:1])
    )
    return {
        row.meeting_id: view(row.data, digest_value=row.digest, version=row.version) for row in rows
    }


def with_records(protocol: Protocol, items) -> Protocol:
    """For the protocol's web page: each item of the protocol gets `record` (the agenda item
    it was made from, for the links to change it), each decision `record` (the decision), and
    each decision under review `now` (the decision as it stands today, shown apart from the
    protocol's text). Matched by position and number, never by a key kept in the snapshot."""
    by_position = {item.position: item for item in items}
    for entry in protocol.items:
        record = by_position.get(entry["position"])
        entry["record"] = record
        own = {d.number: d for d in getattr(record, "decision_list", [])}
        for decision in entry["decisions"]:
            decision["record"] = own.get(decision["number"])
        reviewed = {
            (d.meeting.date, d.meeting.number, d.number): d
            for d in getattr(record, "reviewed_list", [])
        }
        for decision in entry["reviewed"]:
            key = (decision["meeting_date"], decision["meeting_number"], decision["number"])
            decision["now"] = reviewed.get(key)
        entry["attachment_list"] = getattr(record, "attachment_list", [])
    return protocol
