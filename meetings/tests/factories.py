"""Meetings for tests: planned through the service, so numbers and defaults are real."""

import datetime

from meetings import services
from meetings.models import Meeting


def plan_meeting(
    council, date=None, *, time=datetime.time(14, 0), place="Мугалимдер бөлмөсү", **kw
):
    """A meeting of the council, planned the way the deputy plans one."""
    date = date or council.academic_year.start_date + datetime.timedelta(days=20)
    return services.meeting_plan(council=council, date=date, time=time, place=place, **kw)


def held_meeting(council, date, *, present=None, absent=None, user=None) -> Meeting:
    """A meeting whose attendance is recorded: everyone present unless listed as absent."""
    from meetings import selectors

    meeting = plan_meeting(council, date)
    absent = absent or {}
    marks = {}
    for person in selectors.members_on(council=council, day=date):
        if person.pk in absent:
            marks[person.pk] = (False, absent[person.pk])
        else:
            marks[person.pk] = (True, "")
    services.attendance_record(meeting=meeting, marks=marks, user=user)
    meeting.refresh_from_db()
    return meeting
