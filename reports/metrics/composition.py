"""The council's composition (R4.3, R7.1): members on the first and the last day of a
period, who joined and who left in it."""

import datetime
from dataclasses import dataclass, field

from council.models import Council, CouncilMembership, LeaveReason

from .periods import Period


@dataclass
class CompositionFigures:
    council: Council | None
    at_start: int = 0
    at_end: int = 0
    joined: list = field(default_factory=list)
    left: list = field(default_factory=list)


def _members_on(seats: list[CouncilMembership], day: datetime.date) -> int:
    """The people seated on the day (the seats are read once for every period of a report,
    so the model's rule is asked of each seat: CouncilMembership.is_member_on, the row's
    side of CouncilMembership.objects.seated_on)."""
    return len({seat.staff_id for seat in seats if seat.is_member_on(day)})


def _by_name(day_of):
    return lambda seat: (day_of(seat), seat.staff.last_name, seat.staff.first_name)


def council_seats(council: Council | None) -> list[CouncilMembership]:
    """Every seat on the council, with the members: one query (none without a council)."""
    if council is None:
        return []
    return list(CouncilMembership.objects.filter(council=council).select_related("staff"))


def composition_figures(period: Period, council: Council | None, seats: list) -> CompositionFigures:
    if council is None:
        return CompositionFigures(council=None)
    joined = sorted(
        (s for s in seats if period.contains(s.joined_on)),
        key=_by_name(lambda s: s.joined_on),
    )
    left = sorted(
        (s for s in seats if s.left_on and period.contains(s.left_on)),
        key=_by_name(lambda s: s.left_on),
    )
    for seat in left:
        seat.reason_label = LeaveReason(seat.leave_reason).label if seat.leave_reason else ""
    return CompositionFigures(
        council=council,
        at_start=_members_on(seats, period.start),
        at_end=_members_on(seats, period.end),
        joined=joined,
        left=left,
    )
