"""Reads for the meetings pages: members on a day, quorum, cadence, the decision register."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from council.models import Council, CouncilMembership
from members.models import Staff
from school.models import AcademicYear, Quarter
from school.selectors import today

from .models import AgendaItem, Attendance, Contribution, Decision, Meeting, is_quorate


def _seats(council: Council, day: datetime.date):
    """The council's seats held on a day (CouncilMembership.seated_on), by the member's name."""
    return (
        CouncilMembership.objects.filter(council=council)
        .seated_on(day)
        .select_related("staff")
        .order_by("staff__last_name", "staff__first_name", "staff__patronymic")
    )


def members_on(*, council: Council, day: datetime.date) -> list[Staff]:
    """The council's members on a day: joined on or before it and not yet left."""
    seen, staff = set(), []
    for membership in _seats(council, day):
        if membership.staff_id not in seen:
            seen.add(membership.staff_id)
            staff.append(membership.staff)
    return staff


@dataclass
class AttendanceRow:
    staff: Staff
    present: bool | None  # None: not recorded yet
    absence_reason: str = ""


@dataclass
class Roster:
    """Who was at a meeting, and whether that makes a quorum (more than the school's share)."""

    rows: list[AttendanceRow]
    share: float
    recorded: bool = False
    present: list[Staff] = field(default_factory=list)
    absent: list[AttendanceRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def present_count(self) -> int:
        return len(self.present)

    @property
    def absent_count(self) -> int:
        return len(self.absent)

    @property
    def needed(self) -> int:
        """The smallest number present that is more than the share of the members."""
        return int(self.total * self.share) + 1

    @property
    def has_quorum(self) -> bool:
        return is_quorate(present=self.present_count, members=self.total, share=self.share)


def is_held(meeting: Meeting, *, on: datetime.date | None = None) -> bool:
    """The meeting's day has come: attendance, heard and spoke, decisions and approval are
    recorded only then (a meeting planned for a later day shows none of them)."""
    return meeting.date <= (on or today())


def quorum_share(meeting: Meeting) -> float:
    return float(meeting.council.academic_year.school.quorum_share)


def roster(meeting: Meeting) -> Roster:
    """Every member on the meeting's date, with the attendance recorded for them (one query:
    the marks come as columns of the members' rows)."""
    marks = Attendance.objects.filter(meeting=meeting, staff_id=OuterRef("staff_id"))
    memberships = _seats(meeting.council, meeting.date).annotate(
        mark_present=Subquery(marks.values("present")[:1]),
        mark_reason=Subquery(marks.values("absence_reason")[:1]),
        any_marks=Exists(Attendance.objects.filter(meeting=meeting)),
    )
    seen, rows, recorded = set(), [], False
    for membership in memberships:
        recorded = recorded or membership.any_marks
        if membership.staff_id in seen:
            continue
        seen.add(membership.staff_id)
        rows.append(
            AttendanceRow(
                staff=membership.staff,
                present=membership.mark_present,
                absence_reason=membership.mark_reason or "",
            )
        )
    result = Roster(rows=rows, share=quorum_share(meeting), recorded=recorded)
    result.present = [r.staff for r in rows if r.present]
    result.absent = [r for r in rows if r.present is False]
    return result


def quarter_of(meeting_date: datetime.date, quarters: list[Quarter]) -> Quarter | None:
    """The quarter a meeting belongs to: the one containing its date, else the last ended one."""
    ordered = sorted(quarters, key=lambda q: q.start_date)
    for quarter in ordered:
        if quarter.contains(meeting_date):
            return quarter
    before = [q for q in ordered if q.end_date < meeting_date]
    if before:
        return before[-1]
    return ordered[0] if ordered else None


def meeting_quarter(meeting: Meeting) -> Quarter | None:
    number = getattr(meeting, "quarter_number", None)
    if number is not None:
        # Read with the meeting (meeting_for_page): only its number is shown.
        return Quarter(academic_year_id=meeting.council.academic_year_id, number=number)
    return quarter_of(meeting.date, list(meeting.council.academic_year.quarters.all()))


def _quarter_number():
    """quarter_of() as a column of the meeting: the last quarter of its year that began on or
    before the meeting's date (quarters do not overlap: the one containing it, else the last
    ended one), else the year's first quarter."""
    quarters = Quarter.objects.filter(academic_year_id=OuterRef("council__academic_year_id"))
    begun = quarters.filter(start_date__lte=OuterRef("date")).order_by("-start_date")
    return Coalesce(
        Subquery(begun.values("number")[:1]),
        Subquery(quarters.order_by("start_date").values("number")[:1]),
    )


def agenda_items(meeting: Meeting):
    # Work plans (an app below this one) link their items to agenda items; when that
    # link exists, the agenda shows which items come from the plan.
    if hasattr(AgendaItem, "plan_items"):
        from_plan = Exists(AgendaItem.objects.filter(pk=OuterRef("pk"), plan_items__isnull=False))
    else:
        from_plan = Value(False)
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("heard_speaker")
        .annotate(from_plan=from_plan)
        .prefetch_related(
            "speakers",
            Prefetch(
                "contributions",
                queryset=Contribution.objects.select_related("speaker").order_by("position"),
            ),
        )
        .order_by("position")
    )


def protocol_decisions(meeting: Meeting):
    """The decisions a protocol shows: its own, and the earlier ones its review item looks at
    (R4.4), each with `review_item_id` when under review here. A meeting has one review item
    (services.meeting_plan makes it), so one column says where a decision is reviewed."""
    reviewed_here = AgendaItem.reviewed_decisions.through.objects.filter(
        agendaitem__meeting=meeting
    )
    return (
        Decision.objects.filter(
            Q(agenda_item__meeting=meeting) | Q(pk__in=reviewed_here.values("decision_id"))
        )
        .annotate(
            review_item_id=Subquery(
                reviewed_here.filter(decision_id=OuterRef("pk")).values("agendaitem_id")[:1]
            )
        )
        .select_related("meeting")
        .prefetch_related("responsible")
        .order_by("meeting__date", "meeting__number", "number")
    )


def meeting_for_page(queryset=None):
    queryset = queryset if queryset is not None else Meeting.objects.all()
    return queryset.select_related(
        "council__academic_year__school", "chair", "secretary", "approved_by"
    ).annotate(quarter_number=_quarter_number())


def protocol(meeting: Meeting, *, people: bool = True) -> dict:
    """Everything a protocol shows (the page, the print view and the PDF), in a number of
    queries that does not grow with its items, decisions, people or files.

    Each agenda item gets `decision_list` (its decisions), `reviewed_list` (the earlier
    decisions under review) and `attachment_list` (its files). Without `people` the
    attendance, guests and amendments are not read (the page of an approved protocol takes
    them from its snapshot)."""
    items = list(agenda_items(meeting))
    by_pk = {item.pk: item for item in items}
    for item in items:
        item.decision_list, item.reviewed_list, item.attachment_list = [], [], []
    for decision in protocol_decisions(meeting):
        if decision.meeting_id == meeting.pk and decision.agenda_item_id in by_pk:
            by_pk[decision.agenda_item_id].decision_list.append(decision)
        if decision.review_item_id in by_pk:
            by_pk[decision.review_item_id].reviewed_list.append(decision)
    meeting_files = []
    for attachment in meeting.attachments.all():
        if attachment.agenda_item_id in by_pk:
            by_pk[attachment.agenda_item_id].attachment_list.append(attachment)
        elif attachment.agenda_item_id is None:
            meeting_files.append(attachment)
    # Amendments are made only to an approved protocol.
    amendments = []
    if people and meeting.is_approved:
        amendments = list(meeting.amendments.select_related("made_by"))
    return {
        "meeting": meeting,
        "school": meeting.council.academic_year.school,
        "quarter": meeting_quarter(meeting),
        "roster": roster(meeting) if people else None,
        "guests": list(meeting.guests.all()) if people else [],
        "items": items,
        "amendments": amendments,
        "attachments": meeting_files,
    }


def previous_open_decisions(*, council: Council, before: datetime.date):
    """Decisions still open from the school's earlier meetings (R4.4), oldest first."""
    school = council.academic_year.school
    return (
        Decision.objects.filter(
            meeting__council__academic_year__school=school,
            meeting__date__lt=before,
            status=Decision.Status.OPEN,
        )
        .exclude(meeting__status=Meeting.Status.PLANNED)
        .select_related("meeting")
        .order_by("meeting__date", "meeting__number", "number")
    )


@dataclass
class QuarterRow:
    quarter: Quarter
    meetings: list
    ended: bool
    current: bool

    @property
    def held(self):
        return [m for m in self.meetings if m.status != Meeting.Status.PLANNED]

    @property
    def planned(self):
        return [m for m in self.meetings if m.status == Meeting.Status.PLANNED]

    @property
    def missed(self) -> bool:
        """R4.5, P5.4: an ended quarter without a held meeting."""
        return self.ended and not self.held

    @property
    def needs_planning(self) -> bool:
        return self.current and not self.meetings


def cadence(year: AcademicYear, *, on: datetime.date | None = None) -> list[QuarterRow]:
    """The year's quarters with their meetings (R4.5: at least one a quarter)."""
    on = on or today()
    quarters = list(Quarter.objects.filter(academic_year=year).order_by("number"))
    meetings = list(
        meeting_for_page(Meeting.objects.filter(council__academic_year=year))
        .prefetch_related("agenda_items")
        .order_by("number")
    )
    buckets = {q.pk: [] for q in quarters}
    for meeting in meetings:
        quarter = quarter_of(meeting.date, quarters)
        if quarter:
            buckets[quarter.pk].append(meeting)
    return [
        QuarterRow(
            quarter=q,
            meetings=buckets[q.pk],
            ended=q.end_date < on,
            current=q.contains(on),
        )
        for q in quarters
    ]


def council_for_year(year: AcademicYear) -> Council | None:
    return Council.objects.filter(academic_year=year).select_related("chair", "secretary").first()


def years(school):
    return AcademicYear.objects.filter(school=school).order_by("-start_date")


# The decision register (R4.4) ----------------------------------------------------------


def decisions(*, school, filters: dict | None = None):
    """Decisions of the school's meetings, filtered; the query count does not grow with rows."""
    filters = filters or {}
    qs = Decision.objects.filter(meeting__council__academic_year__school=school).exclude(
        meeting__status=Meeting.Status.PLANNED
    )
    status = filters.get("status")
    if status == "overdue":
        qs = qs.overdue(on=today())
    elif status:
        qs = qs.filter(status=status)
    if filters.get("responsible"):
        # The join on the responsible people could repeat a decision: one row each.
        qs = qs.filter(responsible=filters["responsible"]).distinct()
    if filters.get("due_from"):
        qs = qs.filter(due_date__gte=filters["due_from"])
    if filters.get("due_to"):
        qs = qs.filter(due_date__lte=filters["due_to"])
    if filters.get("meeting"):
        qs = qs.filter(meeting=filters["meeting"])
    if filters.get("year"):
        qs = qs.filter(meeting__council__academic_year=filters["year"])
    if filters.get("pedagogical"):
        qs = qs.filter(for_pedagogical_council=True)
    return (
        qs.select_related("meeting__council__academic_year", "agenda_item")
        .prefetch_related("responsible")
        .order_by("due_date", "meeting__date", "meeting__number", "number", "pk")
    )


def decisions_of(staff: Staff | None):
    if staff is None:
        return Decision.objects.none()
    return decisions(school=staff.school, filters={"responsible": staff})
