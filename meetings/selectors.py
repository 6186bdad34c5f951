"""Reads for the meetings pages: members on a day, quorum, cadence, the decision register."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from council.models import Council, CouncilMembership
from members.models import Staff
from school.models import AcademicYear, Quarter
from school.selectors import today

from .models import AgendaItem, Attendance, Contribution, Decision, Meeting


def members_on(*, council: Council, day: datetime.date) -> list[Staff]:
    """The council's members on a day: joined on or before it and not yet left."""
    memberships = (
        CouncilMembership.objects.filter(council=council, joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .select_related("staff")
        .order_by("staff__last_name", "staff__first_name", "staff__patronymic")
    )
    seen, staff = set(), []
    for membership in memberships:
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
        return self.total > 0 and self.present_count > self.total * self.share


def quorum_share(meeting: Meeting) -> float:
    return float(meeting.council.academic_year.school.quorum_share)


def roster(meeting: Meeting) -> Roster:
    """Every member on the meeting's date, with the attendance recorded for them."""
    members = members_on(council=meeting.council, day=meeting.date)
    marks = {a.staff_id: a for a in Attendance.objects.filter(meeting=meeting)}
    rows = []
    for person in members:
        mark = marks.get(person.pk)
        rows.append(
            AttendanceRow(
                staff=person,
                present=mark.present if mark else None,
                absence_reason=mark.absence_reason if mark else "",
            )
        )
    result = Roster(rows=rows, share=quorum_share(meeting), recorded=bool(marks))
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
    return quarter_of(meeting.date, list(meeting.council.academic_year.quarters.all()))


def agenda_items(meeting: Meeting):
    # Work plans (an app below this one) link their items to agenda items; when that
    # link exists, the agenda shows which items come from the plan.
    from_plan = ["plan_items"] if hasattr(AgendaItem, "plan_items") else []
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("heard_speaker")
        .prefetch_related(
            "speakers",
            "attachments",
            *from_plan,
            Prefetch(
                "contributions",
                queryset=Contribution.objects.select_related("speaker").order_by("position"),
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.prefetch_related("responsible")
                .select_related("meeting")
                .order_by("number"),
            ),
            Prefetch(
                "reviewed_decisions",
                queryset=Decision.objects.select_related("meeting").prefetch_related("responsible"),
            ),
        )
        .order_by("position")
    )


def meeting_for_page(queryset=None):
    queryset = queryset if queryset is not None else Meeting.objects.all()
    return queryset.select_related(
        "council__academic_year__school", "chair", "secretary", "approved_by"
    )


def protocol(meeting: Meeting) -> dict:
    """Everything a protocol shows (the page, the print view and the PDF)."""
    return {
        "meeting": meeting,
        "school": meeting.council.academic_year.school,
        "quarter": meeting_quarter(meeting),
        "roster": roster(meeting),
        "guests": list(meeting.guests.all()),
        "items": list(agenda_items(meeting)),
        "amendments": list(meeting.amendments.select_related("made_by")),
        "attachments": list(meeting.attachments.filter(agenda_item__isnull=True)),
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
    day = today()
    if status == "overdue":
        qs = qs.filter(status=Decision.Status.OPEN, due_date__lt=day)
    elif status:
        qs = qs.filter(status=status)
    if filters.get("responsible"):
        qs = qs.filter(responsible=filters["responsible"])
    if filters.get("due_from"):
        qs = qs.filter(due_date__gte=filters["due_from"])
    if filters.get("due_to"):
        qs = qs.filter(due_date__lte=filters["due_to"])
    if filters.get("meeting"):
        qs = qs.filter(meeting=filters["meeting"])
    if filters.get("year"):
        qs = qs.filter(meeting__council__academic_year=filters["year"])
    return (
        qs.select_related("meeting__council__academic_year", "agenda_item")
        .prefetch_related("responsible")
        .distinct()
        .order_by("due_date", "meeting__date", "meeting__number", "number")
    )


def decisions_of(staff: Staff | None):
    if staff is None:
        return Decision.objects.none()
    return decisions(school=staff.school, filters={"responsible": staff})


def staff_of_user(user) -> Staff | None:
    return Staff.objects.filter(user=user).first()
