"""Writes on meetings, protocols and decisions.

Protocol rules (R5.3): the secretary and the deputy write the protocol while it is not
approved; the chair or the deputy approves it; an approved protocol is locked and any
later change is an amendment with a reason, kept in its history. Every protocol save
names the meeting's `version` it was made from: a save made from an older version is
refused, so two people editing the same draft never overwrite each other silently.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Council
from members.models import Staff
from members.services import check_on_staff
from school.calendar import short_date
from school.selectors import today
from school.uploads import check_upload

from . import selectors, snapshot
from .models import (
    AgendaItem,
    Amendment,
    Attachment,
    Attendance,
    Contribution,
    Decision,
    Guest,
    Meeting,
    ProtocolDocument,
    ProtocolSnapshot,
)


def _school_id(meeting: Meeting) -> int:
    return meeting.council.academic_year.school_id


def _check_staff(meeting_or_council, people, field: str) -> None:
    council = meeting_or_council if isinstance(meeting_or_council, Council) else None
    school_id = council.academic_year.school_id if council else _school_id(meeting_or_council)
    check_on_staff(school_id, people, field)


# The edit guard shared by every protocol write ----------------------------------------


def _lock(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update()
        .select_related("council__academic_year__school")
        .get(pk=meeting.pk)
    )


def _begin(
    meeting: Meeting,
    *,
    version: int | None,
    amendment_reason: str = "",
    needs_held: bool = False,
) -> Meeting:
    """Lock the meeting, refuse a stale form, and refuse an approved protocol without a reason."""
    locked = _lock(meeting)
    if version is not None and int(version) != locked.version:
        raise ValidationError(
            _(
                "Someone else saved this protocol after you opened it. Your text is kept "
                "below: copy it, reload the page and apply your change again."
            ),
            code="stale",
        )
    if locked.is_approved and not (amendment_reason or "").strip():
        raise ValidationError(
            {
                "amendment_reason": _(
                    "The protocol is approved and locked: a change is an amendment and "
                    "needs a reason."
                )
            },
            code="locked",
        )
    if needs_held and locked.date > today():
        raise ValidationError(
            _("The meeting is planned for %(date)s: its protocol is written once it is held.")
            % {"date": short_date(locked.date)},
            code="not_held",
        )
    if needs_held and locked.is_planned:
        earlier = (
            Meeting.objects.filter(
                council_id=locked.council_id,
                status=Meeting.Status.PLANNED,
                number__lt=locked.number,
            )
            .order_by("number")
            .first()
        )
        if earlier is not None:
            # Held numbers never change, so an earlier planned meeting is settled first.
            raise ValidationError(
                _(
                    "Meeting No. %(number)s of %(date)s is still planned before this one: "
                    "record its protocol or cancel it first."
                )
                % {"number": earlier.number, "date": short_date(earlier.date)},
                code="earlier_planned",
            )
    return locked


def _finish(locked: Meeting, *, user, change: str, amendment_reason: str = "", held=False):
    """Bump the version; a change to an approved protocol is recorded as an amendment."""
    locked.version += 1
    fields = ["version"]
    if held and locked.status == Meeting.Status.PLANNED:
        locked.status = Meeting.Status.HELD
        fields.append("status")
    locked.save(update_fields=fields)
    if locked.is_approved:
        Amendment.objects.create(
            meeting=locked, reason=amendment_reason.strip(), change=change, made_by=user
        )
        # The stored PDFs describe the old text: render again on the next download.
        ProtocolDocument.objects.filter(meeting=locked).delete()
        _take_snapshot(locked)
    return locked


def _take_snapshot(locked: Meeting) -> ProtocolSnapshot:
    """The approved protocol as it reads now (approval or amendment): a new version, the
    earlier ones kept (snapshot.py)."""
    meeting = selectors.meeting_for_page(Meeting.objects.filter(pk=locked.pk)).get()
    data = snapshot.build(meeting)
    return ProtocolSnapshot.objects.create(
        meeting=meeting, version=meeting.version, data=data, digest=snapshot.digest(data)
    )


# Meetings -------------------------------------------------------------------------------


def _check_in_year(council: Council, day: datetime.date) -> None:
    year = council.academic_year
    if not year.contains(day):
        raise ValidationError(
            {
                "date": _("The date must be within the academic year %(year)s (%(start)s–%(end)s).")
                % {
                    "year": year.name,
                    "start": short_date(year.start_date),
                    "end": short_date(year.end_date),
                }
            },
            code="outside_year",
        )


def _check_date_order(council: Council, day: datetime.date, *, meeting: Meeting | None) -> None:
    """Numbers follow dates (R5.3).

    A held meeting keeps its number for ever, so it sits between the held meetings numbered
    before and after it; a planned meeting may not be earlier than the last held one.
    """
    _check_in_year(council, day)
    held = Meeting.objects.filter(council=council).exclude(status=Meeting.Status.PLANNED)
    if meeting is not None and meeting.pk:
        held = held.exclude(pk=meeting.pk)
    is_held = meeting is not None and meeting.status != Meeting.Status.PLANNED
    before = held.filter(number__lt=meeting.number) if is_held else held
    before = before.order_by("-number").first()
    after = held.filter(number__gt=meeting.number).order_by("number").first() if is_held else None
    if before and day < before.date:
        raise ValidationError(
            {
                "date": _(
                    "Meeting No. %(number)s was held on %(date)s; a later meeting cannot be "
                    "earlier (numbers follow dates)."
                )
                % {"number": before.number, "date": short_date(before.date)}
            },
            code="order",
        )
    if after and day > after.date:
        raise ValidationError(
            {
                "date": _(
                    "Meeting No. %(number)s was held on %(date)s; an earlier meeting cannot be "
                    "later (numbers follow dates)."
                )
                % {"number": after.number, "date": short_date(after.date)}
            },
            code="order",
        )


# Numbers and positions are unique within their meeting or council: renumbering moves every
# row out of the way first, then gives each its place, so no two rows ever share a number.
RENUMBER_OFFSET = 10000


def _renumber(model, rows: list, wanted: dict, *, field: str = "number") -> None:
    """Give each of ``rows`` (of ``model``) its number ``wanted[pk]``; nothing if they have it."""
    if all(getattr(row, field) == wanted[row.pk] for row in rows):
        return
    model.objects.filter(pk__in=[row.pk for row in rows]).update(
        **{field: F(field) + RENUMBER_OFFSET}
    )
    for row in rows:
        model.objects.filter(pk=row.pk).update(**{field: wanted[row.pk]})
        setattr(row, field, wanted[row.pk])


def _renumber_planned(council: Council) -> None:
    """Planned meetings follow the held ones, numbered in date order with no gap.

    A planned meeting's number is provisional: planning an earlier meeting, moving one or
    cancelling one renumbers the planned meetings after it. Held meetings never change.
    """
    held_last = (
        Meeting.objects.filter(council=council)
        .exclude(status=Meeting.Status.PLANNED)
        .aggregate(n=Max("number"))["n"]
        or 0
    )
    planned = list(
        Meeting.objects.filter(council=council, status=Meeting.Status.PLANNED).order_by(
            "date", "time", "pk"
        )
    )
    _renumber(Meeting, planned, {m.pk: held_last + n for n, m in enumerate(planned, start=1)})


@transaction.atomic
def meeting_plan(
    *,
    council: Council,
    date: datetime.date,
    time: datetime.time,
    place: str,
    kind: str = Meeting.Kind.REGULAR,
    chair: Staff | None = None,
    secretary: Staff | None = None,
    user=None,
    with_review_item: bool = True,
) -> Meeting:
    """Plan a meeting; the system numbers it within the year (R5.3).

    Numbers follow dates and keep no gap: the new meeting takes the place its date gives
    it among the planned meetings (see _renumber_planned); it cannot be earlier than the
    last held meeting. The council row is locked, so meetings planned at the same moment
    cannot take one number, and the database's unique (council, number) refuses a
    duplicate anyway. A new meeting's agenda starts with the item on the execution of
    earlier decisions, listing those still open (R4.4), when the school has met before.
    """
    council = Council.objects.select_for_update().select_related("academic_year").get(pk=council.pk)
    last = Meeting.objects.filter(council=council).aggregate(n=Max("number"))["n"] or 0
    number = last + 1
    _check_date_order(council, date, meeting=None)
    chair = chair or council.chair
    secretary = secretary or council.secretary
    _check_staff(council, [chair], "chair")
    _check_staff(council, [secretary], "secretary")
    meeting = Meeting(
        council=council,
        number=number,
        date=date,
        time=time,
        place=place,
        kind=kind,
        chair=chair,
        secretary=secretary,
        created_by=user,
    )
    meeting.full_clean()
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError as error:
        raise ValidationError(
            _("Meeting No. %(number)s already exists in this year.") % {"number": number},
            code="duplicate_number",
        ) from error
    _renumber_planned(council)
    meeting.refresh_from_db(fields=["number"])
    if with_review_item:
        earlier = Meeting.objects.filter(
            council__academic_year__school=council.academic_year.school, date__lte=date
        ).exclude(pk=meeting.pk)
        if earlier.exists():
            item = AgendaItem.objects.create(
                meeting=meeting, position=1, kind=AgendaItem.Kind.REVIEW
            )
            item.reviewed_decisions.set(
                selectors.previous_open_decisions(council=council, before=date)
            )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    date: datetime.date,
    time: datetime.time,
    place: str,
    kind: str,
    chair: Staff | None,
    secretary: Staff | None,
    user=None,
    version: int | None = None,
    amendment_reason: str = "",
) -> Meeting:
    locked = _begin(meeting, version=version, amendment_reason=amendment_reason)
    Council.objects.select_for_update().filter(pk=locked.council_id).first()
    _check_date_order(locked.council, date, meeting=locked)
    _check_staff(locked, [chair], "chair")
    _check_staff(locked, [secretary], "secretary")
    if locked.status != Meeting.Status.PLANNED and date > today():
        raise ValidationError(
            {"date": _("The meeting has been held: its date cannot be in the future.")},
            code="held_future",
        )
    old = (locked.date, locked.time, locked.place, locked.kind, locked.chair, locked.secretary)
    locked.date, locked.time, locked.place, locked.kind = date, time, place, kind
    locked.chair, locked.secretary = chair, secretary
    locked.full_clean()
    locked.save()
    _renumber_planned(locked.council)
    locked.refresh_from_db(fields=["number"])
    change = _("Meeting details changed (was: %(old)s).") % {
        "old": ", ".join(str(v) for v in old if v not in (None, ""))
    }
    return _finish(locked, user=user, change=change, amendment_reason=amendment_reason)


@transaction.atomic
def meeting_cancel(*, meeting: Meeting) -> None:
    """Delete a planned meeting; the planned meetings after it move up a number (no gap)."""
    locked = _lock(meeting)
    Council.objects.select_for_update().filter(pk=locked.council_id).first()
    if locked.status != Meeting.Status.PLANNED:
        raise ValidationError(
            _("Only a planned meeting can be cancelled; this one has been held."), code="held"
        )
    if locked.decisions.exists():
        raise ValidationError(_("The meeting already has decisions."), code="has_decisions")
    council = locked.council
    for attachment in locked.attachments.all():
        attachment.remove()  # the file goes once the cancellation is committed
    locked.delete()
    _renumber_planned(council)


@transaction.atomic
def meeting_approve(
    *,
    meeting: Meeting,
    user,
    version: int | None = None,
    confirm_without_quorum: bool = False,
    confirm_empty_items: bool = False,
) -> Meeting:
    """Approve (lock) the protocol and take its snapshot (snapshot.py: every copy of the
    approved protocol reads it). A meeting not held yet is refused before anything else;
    without a quorum, or with agenda items on which nothing is recorded (named in the
    message), only after an explicit confirmation."""
    locked = _begin(meeting, version=version, amendment_reason="", needs_held=True)
    if locked.is_approved:
        raise ValidationError(_("The protocol is already approved."), code="approved")
    people = selectors.roster(locked)
    if not people.recorded:
        raise ValidationError(
            _("Record the attendance before approving the protocol."), code="no_attendance"
        )
    empty = snapshot.empty_items(locked)
    if empty and not confirm_empty_items:
        raise ValidationError(
            {
                "confirm_empty_items": _(
                    "Nothing is recorded on these agenda items (no one heard, no decision): "
                    "%(items)s. Record them, or tick the box to approve the protocol anyway."
                )
                % {"items": snapshot.items_named(empty)}
            },
            code="empty_items",
        )
    if not people.has_quorum and not confirm_without_quorum:
        raise ValidationError(
            {
                "confirm_without_quorum": _(
                    "There is no quorum: %(present)s of %(total)s members were present, "
                    "%(needed)s are needed. Tick the box to approve the protocol anyway."
                )
                % {"present": people.present_count, "total": people.total, "needed": people.needed}
            },
            code="no_quorum",
        )
    locked.status = Meeting.Status.APPROVED
    locked.approved_at = timezone.now()
    locked.approved_by = user
    locked.quorum_confirmed = not people.has_quorum
    locked.version += 1
    locked.save()
    _take_snapshot(locked)
    return locked


# Agenda ---------------------------------------------------------------------------------


def _check_speakers(meeting: Meeting, speakers) -> None:
    _check_staff(meeting, speakers, "speakers")


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    title: str,
    speakers=(),
    guest_speakers: str = "",
    planned_minutes: int | None = None,
    user=None,
    version: int | None = None,
    amendment_reason: str = "",
) -> AgendaItem:
    """Add an item at the end of the agenda (P4.1). Work plans call this with a plan item's title."""
    locked = _begin(meeting, version=version, amendment_reason=amendment_reason)
    speakers = list(speakers or [])
    _check_speakers(locked, speakers)
    last = AgendaItem.objects.filter(meeting=locked).aggregate(n=Max("position"))["n"] or 0
    item = AgendaItem(
        meeting=locked,
        position=last + 1,
        title=(title or "").strip(),
        guest_speakers=guest_speakers,
        planned_minutes=planned_minutes,
    )
    if not item.title:
        raise ValidationError({"title": _("Give the item a title.")}, code="required")
    item.full_clean()
    item.save()
    item.speakers.set(speakers)
    _finish(
        locked,
        user=user,
        change=_("Agenda item added: %(title)s") % {"title": item.title},
        amendment_reason=amendment_reason,
    )
    return item


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    title: str = "",
    speakers=(),
    guest_speakers: str = "",
    planned_minutes: int | None = None,
    user=None,
    version: int | None = None,
    amendment_reason: str = "",
) -> AgendaItem:
    locked = _begin(item.meeting, version=version, amendment_reason=amendment_reason)
    speakers = list(speakers or [])
    _check_speakers(locked, speakers)
    old_title = item.display_title
    if not item.is_review:
        item.title = (title or "").strip()
        if not item.title:
            raise ValidationError({"title": _("Give the item a title.")}, code="required")
    item.guest_speakers = guest_speakers
    item.planned_minutes = planned_minutes
    item.full_clean()
    item.save()
    item.speakers.set(speakers)
    _finish(
        locked,
        user=user,
        change=_("Agenda item %(position)s changed (was: %(title)s).")
        % {"position": item.position, "title": old_title},
        amendment_reason=amendment_reason,
    )
    return item


def _in_order(rows: list) -> dict:
    return {row.pk: n for n, row in enumerate(rows, start=1)}


def _renumber_decisions(meeting: Meeting) -> None:
    """Decisions are numbered 1, 2, 3… in agenda order, then in the order they were written."""
    ordered = list(
        Decision.objects.filter(meeting=meeting).order_by("agenda_item__position", "number", "pk")
    )
    _renumber(Decision, ordered, _in_order(ordered))


def _renumber_items(ordered: list[AgendaItem]) -> None:
    """The agenda's items numbered 1, 2, 3… in the given order."""
    _renumber(AgendaItem, ordered, _in_order(ordered), field="position")


@transaction.atomic
def agenda_item_move(
    *,
    item: AgendaItem,
    direction: str,
    user=None,
    version: int | None = None,
    amendment_reason: str = "",
) -> AgendaItem:
    """Move an item one place up or down the agenda."""
    locked = _begin(item.meeting, version=version, amendment_reason=amendment_reason)
    ordered = list(AgendaItem.objects.filter(meeting=locked).order_by("position"))
    index = next(i for i, x in enumerate(ordered) if x.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= target < len(ordered):
        raise ValidationError(_("The item cannot move further."), code="edge")
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber_items(ordered)
    _renumber_decisions(locked)
    _finish(
        locked,
        user=user,
        change=_("Agenda order changed: %(title)s moved to place %(position)s.")
        % {"title": item.display_title, "position": target + 1},
        amendment_reason=amendment_reason,
    )
    return ordered[target]


@transaction.atomic
def agenda_item_remove(
    *, item: AgendaItem, user=None, version: int | None = None, amendment_reason: str = ""
) -> None:
    locked = _begin(item.meeting, version=version, amendment_reason=amendment_reason)
    if item.decisions.exists():
        raise ValidationError(_("The item has decisions: remove them first."), code="has_decisions")
    title = item.display_title
    for attachment in item.attachments.all():
        attachment.remove()  # the file goes once the removal is committed
    item.delete()
    _renumber_items(list(AgendaItem.objects.filter(meeting=locked).order_by("position")))
    _finish(
        locked,
        user=user,
        change=_("Agenda item removed: %(title)s") % {"title": title},
        amendment_reason=amendment_reason,
    )


# Attendance and guests -------------------------------------------------------------------


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    marks: dict,
    user=None,
    version: int | None = None,
    amendment_reason: str = "",
) -> selectors.Roster:
    """Record every member on the meeting's date as present or absent with a reason.

    `marks` maps a staff id to (present, reason). Every member must be marked.
    """
    locked = _begin(meeting, version=version, amendment_reason=amendment_reason, needs_held=True)
    members = selectors.members_on(council=locked.council, day=locked.date)
    errors = {}
    for person in members:
        if person.pk not in marks:
            errors[f"member_{person.pk}"] = _("Mark %(name)s present or absent.") % {
                "name": person.short_name
            }
            continue
        present, reason = marks[person.pk]
        if not present and not (reason or "").strip():
            errors[f"reason_{person.pk}"] = _("Give the reason for the absence of %(name)s.") % {
                "name": person.short_name
            }
    if errors:
        raise ValidationError(errors, code="attendance")
    member_ids = {p.pk for p in members}
    Attendance.objects.filter(meeting=locked).exclude(staff_id__in=member_ids).delete()
    existing = {a.staff_id: a for a in Attendance.objects.filter(meeting=locked)}
    for person in members:
        present, reason = marks[person.pk]
        row = existing.get(person.pk) or Attendance(meeting=locked, staff=person)
        row.present = bool(present)
        row.absence_reason = "" if present else reason.strip()
        row.save()
    people = selectors.roster(locked)
    _finish(
        locked,
        user=user,
        change=_("Attendance changed: %(present)s of %(total)s present.")
        % {"present": people.present_count, "total": people.total},
        amendment_reason=amendment_reason,
        held=True,
    )
    return people


@transaction.atomic
def guest_add(
    *,
    meeting: Meeting,
    name: str,
    position: str,
    user=None,
    version: int | None = None,
    amendment_reason: str = "",
) -> Guest:
    locked = _begin(meeting, version=version, amendment_reason=amendment_reason)
    guest = Guest(meeting=locked, name=name.strip(), position=position.strip())
    guest.full_clean()
    guest.save()
    _finish(
        locked,
        user=user,
        change=_("Invited guest added: %(guest)s") % {"guest": guest},
        amendment_reason=amendment_reason,
    )
    return guest


@transaction.atomic
def guest_remove(
    *, guest: Guest, user=None, version: int | None = None, amendment_reason: str = ""
) -> None:
    locked = _begin(guest.meeting, version=version, amendment_reason=amendment_reason)
    text = str(guest)
    guest.delete()
    _finish(
        locked,
        user=user,
        change=_("Invited guest removed: %(guest)s") % {"guest": text},
        amendment_reason=amendment_reason,
    )


# Heard and spoke ---------------------------------------------------------------------------


@transaction.atomic
def item_record(
    *,
    item: AgendaItem,
    heard_speaker: Staff | None,
    heard_guest: str,
    heard_summary: str,
    contributions: list[tuple[Staff | None, str, str]],
    user=None,
    version: int | None = None,
    amendment_reason: str = "",
) -> AgendaItem:
    """Write what was heard (main report) and who spoke (P4.3) on an agenda item.

    `contributions` is the full list of (staff, guest name, summary), in order.
    """
    locked = _begin(
        item.meeting, version=version, amendment_reason=amendment_reason, needs_held=True
    )
    _check_staff(locked, [heard_speaker], "heard_speaker")
    _check_staff(locked, [c[0] for c in contributions], "__all__")
    if heard_summary.strip() and not heard_speaker and not heard_guest.strip():
        raise ValidationError(
            {"heard_speaker": _("Name the speaker who was heard.")}, code="speaker"
        )
    for staff, guest, summary in contributions:
        if not staff and not (guest or "").strip():
            raise ValidationError(_("Each contribution needs a speaker."), code="speaker")
        if not (summary or "").strip():
            raise ValidationError(_("Each contribution needs a summary."), code="summary")
    item.heard_speaker = heard_speaker
    item.heard_guest = heard_guest.strip()
    item.heard_summary = heard_summary.strip()
    item.save(update_fields=["heard_speaker", "heard_guest", "heard_summary"])
    Contribution.objects.filter(agenda_item=item).delete()
    Contribution.objects.bulk_create(
        Contribution(
            agenda_item=item,
            position=n,
            speaker=staff,
            guest="" if staff else guest.strip(),
            summary=summary.strip(),
        )
        for n, (staff, guest, summary) in enumerate(contributions, start=1)
    )
    _finish(
        locked,
        user=user,
        change=_("Heard and spoke changed on item %(position)s: %(title)s")
        % {"position": item.position, "title": item.display_title},
        amendment_reason=amendment_reason,
        held=True,
    )
    return item


# Decisions -------------------------------------------------------------------------------


def _check_decision(meeting: Meeting, *, text, responsible, due_date, votes) -> None:
    errors = {}
    if not (text or "").strip():
        errors["text"] = _("Write the text of the decision.")
    if not responsible:
        errors["responsible"] = _("Name at least one responsible person.")
    else:
        school_id = _school_id(meeting)
        strangers = [p for p in responsible if p.school_id != school_id]
        if strangers:
            errors["responsible"] = _("%(name)s is not on the staff of this school.") % {
                "name": strangers[0]
            }
    if due_date is None:
        errors["due_date"] = _("Give the due date.")
    elif due_date < meeting.date:
        errors["due_date"] = _("The due date cannot be before the meeting (%(date)s).") % {
            "date": short_date(meeting.date)
        }
    given = [v for v in votes if v is not None]
    if given and len(given) != 3:
        errors["votes_for"] = _("Give all three numbers of the vote, or none.")
    elif given:
        if any(v < 0 for v in given):
            errors["votes_for"] = _("Votes cannot be negative.")
        else:
            present = selectors.roster(meeting).present_count
            if sum(given) > present:
                errors["votes_for"] = _(
                    "%(votes)s votes were counted but only %(present)s members were present."
                ) % {"votes": sum(given), "present": present}
    if errors:
        raise ValidationError(errors, code="decision")


@transaction.atomic
def decision_add(
    *,
    item: AgendaItem,
    text: str,
    responsible,
    due_date: datetime.date | None,
    votes_for: int | None = None,
    votes_against: int | None = None,
    votes_abstained: int | None = None,
    for_pedagogical_council: bool = False,
    user=None,
    version: int | None = None,
    amendment_reason: str = "",
) -> Decision:
    """Resolved: a numbered decision of the meeting on this item (R4.4)."""
    locked = _begin(
        item.meeting, version=version, amendment_reason=amendment_reason, needs_held=True
    )
    responsible = list(responsible or [])
    votes = (votes_for, votes_against, votes_abstained)
    _check_decision(locked, text=text, responsible=responsible, due_date=due_date, votes=votes)
    last = Decision.objects.filter(meeting=locked).aggregate(n=Max("number"))["n"] or 0
    decision = Decision(
        meeting=locked,
        agenda_item=item,
        number=last + 1,
        text=text.strip(),
        due_date=due_date,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstained=votes_abstained,
        for_pedagogical_council=for_pedagogical_council,
    )
    decision.full_clean()
    decision.save()
    decision.responsible.set(responsible)
    _renumber_decisions(locked)
    decision.refresh_from_db(fields=["number"])
    _finish(
        locked,
        user=user,
        change=_("Decision %(number)s added: %(text)s")
        % {"number": decision.number, "text": decision.text},
        amendment_reason=amendment_reason,
        held=True,
    )
    return decision


@transaction.atomic
def decision_update(
    *,
    decision: Decision,
    text: str,
    responsible,
    due_date: datetime.date | None,
    votes_for: int | None = None,
    votes_against: int | None = None,
    votes_abstained: int | None = None,
    for_pedagogical_council: bool = False,
    user=None,
    version: int | None = None,
    amendment_reason: str = "",
) -> Decision:
    locked = _begin(decision.meeting, version=version, amendment_reason=amendment_reason)
    responsible = list(responsible or [])
    votes = (votes_for, votes_against, votes_abstained)
    _check_decision(locked, text=text, responsible=responsible, due_date=due_date, votes=votes)
    old = decision.text
    decision.text = text.strip()
    decision.due_date = due_date
    decision.votes_for, decision.votes_against, decision.votes_abstained = votes
    decision.for_pedagogical_council = for_pedagogical_council
    decision.full_clean()
    decision.save()
    decision.responsible.set(responsible)
    _finish(
        locked,
        user=user,
        change=_("Decision %(number)s changed (was: %(text)s).")
        % {"number": decision.number, "text": old},
        amendment_reason=amendment_reason,
    )
    return decision


@transaction.atomic
def decision_remove(
    *, decision: Decision, user=None, version: int | None = None, amendment_reason: str = ""
) -> None:
    locked = _begin(decision.meeting, version=version, amendment_reason=amendment_reason)
    if locked.is_approved:
        raise ValidationError(
            _(
                "A decision of an approved protocol is never deleted: mark it cancelled, "
                "with the reason, instead."
            ),
            code="approved",
        )
    if decision.reviewed_in.exists():
        raise ValidationError(
            _("The decision is already reviewed at a later meeting and cannot be removed."),
            code="reviewed",
        )
    text, number = decision.text, decision.number
    decision.delete()
    _renumber_decisions(locked)
    _finish(
        locked,
        user=user,
        change=_("Decision %(number)s removed: %(text)s") % {"number": number, "text": text},
        amendment_reason=amendment_reason,
    )


# Decision control (R4.4): execution is not an edit of the protocol -------------------------


@transaction.atomic
def decision_complete(
    *, decision: Decision, done_on: datetime.date | None, note: str, user
) -> Decision:
    """Mark a decision done, with the date and a note on how it was carried out."""
    decision = Decision.objects.select_for_update().select_related("meeting").get(pk=decision.pk)
    errors = {}
    if decision.status != Decision.Status.OPEN:
        raise ValidationError(_("Only an open decision can be marked done."), code="not_open")
    if done_on is None:
        errors["done_on"] = _("Give the date it was done.")
    elif done_on < decision.meeting.date:
        errors["done_on"] = _("It cannot be done before the meeting (%(date)s).") % {
            "date": short_date(decision.meeting.date)
        }
    elif done_on > today():
        errors["done_on"] = _("The date cannot be in the future.")
    if not (note or "").strip():
        errors["note"] = _("Write how the decision was carried out.")
    if errors:
        raise ValidationError(errors, code="complete")
    decision.status = Decision.Status.DONE
    decision.done_on = done_on
    decision.execution_note = note.strip()
    decision.closed_by = user
    decision.closed_at = timezone.now()
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def decision_cancel(*, decision: Decision, reason: str, user) -> Decision:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != Decision.Status.OPEN:
        raise ValidationError(_("Only an open decision can be cancelled."), code="not_open")
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for cancelling.")}, code="reason")
    decision.status = Decision.Status.CANCELLED
    decision.cancel_reason = reason.strip()
    decision.closed_by = user
    decision.closed_at = timezone.now()
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def decision_reopen(*, decision: Decision, user) -> Decision:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    decision.status = Decision.Status.OPEN
    decision.done_on = None
    decision.execution_note = ""
    decision.cancel_reason = ""
    decision.closed_by = None
    decision.closed_at = None
    decision.save()
    return decision


# Attachments -------------------------------------------------------------------------------


@transaction.atomic
def attachment_add(
    *,
    meeting: Meeting,
    upload,
    user,
    agenda_item: AgendaItem | None = None,
    version: int | None = None,
    amendment_reason: str = "",
) -> Attachment:
    """Attach a file (at most UPLOAD_MAX_BYTES; pdf, docx, xlsx, pptx, odt, jpg, png)."""
    check_upload(upload, field="file")
    locked = _begin(meeting, version=version, amendment_reason=amendment_reason)
    if agenda_item is not None and agenda_item.meeting_id != locked.pk:
        raise ValidationError({"agenda_item": _("Choose an item of this meeting.")})
    attachment = Attachment.from_upload(upload, user=user, meeting=locked, agenda_item=agenda_item)
    _finish(
        locked,
        user=user,
        change=_("File attached: %(name)s") % {"name": attachment.original_name},
        amendment_reason=amendment_reason,
    )
    return attachment


@transaction.atomic
def attachment_remove(
    *, attachment: Attachment, user, version: int | None = None, amendment_reason: str = ""
) -> None:
    locked = _begin(attachment.meeting, version=version, amendment_reason=amendment_reason)
    name = attachment.original_name
    attachment.remove()  # the file goes once the removal is committed
    _finish(
        locked,
        user=user,
        change=_("File removed: %(name)s") % {"name": name},
        amendment_reason=amendment_reason,
    )
