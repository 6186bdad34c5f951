"""Who may do what with meetings, protocols and decisions (DESIGN.md roles)."""

from members.permissions import staff_of
from school.permissions import is_deputy, is_school_user

from .models import Decision, Meeting


def is_meeting_secretary(user, meeting: Meeting) -> bool:
    staff = staff_of(user)
    return staff is not None and meeting.secretary_id == staff.pk


def is_meeting_chair(user, meeting: Meeting) -> bool:
    staff = staff_of(user)
    return staff is not None and meeting.chair_id == staff.pk


def can_plan_meeting(user) -> bool:
    return is_deputy(user)


def can_manage_meeting(user, meeting: Meeting) -> bool:
    """Date, place, chair, secretary, agenda and cancelling: the deputy."""
    return is_deputy(user) and not meeting.is_approved


def can_edit_protocol(user, meeting: Meeting) -> bool:
    """The secretary and the deputy write the protocol while it is not approved."""
    if meeting.is_approved:
        return False
    return is_deputy(user) or is_meeting_secretary(user, meeting)


def can_approve_meeting(user, meeting: Meeting) -> bool:
    if meeting.is_approved:
        return False
    return is_deputy(user) or is_meeting_chair(user, meeting)


def can_amend_protocol(user, meeting: Meeting) -> bool:
    """After approval a change is an amendment: by the chair or the deputy."""
    return meeting.is_approved and (is_deputy(user) or is_meeting_chair(user, meeting))


def can_change_protocol(user, meeting: Meeting) -> bool:
    """Either writing the draft or amending the approved protocol."""
    return can_edit_protocol(user, meeting) or can_amend_protocol(user, meeting)


def can_change_agenda(user, meeting: Meeting) -> bool:
    return is_deputy(user) or (meeting.is_approved and can_amend_protocol(user, meeting))


def can_remove_meeting(user, meeting: Meeting) -> bool:
    return is_deputy(user) and meeting.is_planned


def can_read_register(user) -> bool:
    return is_school_user(user)


def can_close_decision(user, decision: Decision) -> bool:
    """Deputy and chair control execution; a responsible person reports their own as done."""
    if decision.status != Decision.Status.OPEN:
        return False
    if is_deputy(user) or is_meeting_chair(user, decision.meeting):
        return True
    staff = staff_of(user)
    return staff is not None and any(p.pk == staff.pk for p in decision.responsible.all())


def can_cancel_decision(user, decision: Decision) -> bool:
    return decision.status == Decision.Status.OPEN and (
        is_deputy(user) or is_meeting_chair(user, decision.meeting)
    )


def can_reopen_decision(user, decision: Decision) -> bool:
    return decision.status != Decision.Status.OPEN and is_deputy(user)
