"""Who may see and do what with lesson visits.

Visibility (R6.1, P2.1): a visit is seen by its author (the observer), the observed teacher,
the head of any methodical association the teacher belongs to, the deputy and the director,
and by nobody else. A draft is the author's working copy: only the author and the deputy
(who runs the council's diagnostics, P2.4) see it; the teacher, the association head and
the director see a visit once it is submitted.

A same-school user who may not see a visit gets 404, as if it did not exist: a colleague
learns nothing, not even that a visit about someone took place. A user who may see a visit
but not do an action on it (e.g. the deputy trying to acknowledge it) gets 403.

`can_view_observation` answers for one visit; `observation_visibility_q` is the same rule
as a query filter for lists (used by selectors.observations_visible_to). A test checks
that the two agree for every role and every state.
"""

from django.db.models import Exists, OuterRef, Q

from members import permissions as member_permissions
from members.models import MethodicalAssociation, Staff
from members.permissions import heads_association_of, staff_of
from school.permissions import is_deputy, is_director, is_school_user

from .models import Observation


def can_view_observation(user, observation: Observation) -> bool:
    if not is_school_user(user) or observation.school_id != user.school_id:
        return False
    if is_deputy(user):
        return True
    staff = staff_of(user)
    if staff is not None and observation.observer_id == staff.pk:
        return True
    if observation.is_draft:
        return False
    if is_director(user):
        return True
    if staff is None:
        return False
    return observation.teacher_id == staff.pk or heads_association_of(staff, observation.teacher_id)


def observation_visibility_q(user) -> Q | None:
    """The rule of can_view_observation as a filter; None means nothing is visible."""
    if not is_school_user(user):
        return None
    school = Q(school_id=user.school_id)
    if is_deputy(user):
        return school
    staff = staff_of(user)
    submitted = ~Q(status=Observation.Status.DRAFT)
    own = Q(observer_id=staff.pk) if staff else Q(pk__in=[])
    if is_director(user):
        return school & (own | submitted)
    if staff is None:
        return None
    headed = MethodicalAssociation.objects.filter(head_id=staff.pk, teachers=OuterRef("teacher_id"))
    return school & (own | (submitted & (Q(teacher_id=staff.pk) | Q(Exists(headed)))))


def can_record_observation(user) -> bool:
    """Every member of staff with a login may record visits to colleagues' lessons (R6.1)."""
    return staff_of(user) is not None


def _is_author(user, observation) -> bool:
    staff = staff_of(user)
    return staff is not None and observation.observer_id == staff.pk


def can_edit_observation(user, observation) -> bool:
    """Only the author edits, and only a draft."""
    return observation.is_draft and _is_author(user, observation)


def can_delete_observation(user, observation) -> bool:
    return can_edit_observation(user, observation)


def can_withdraw_observation(user, observation) -> bool:
    """The author may take a submitted visit back to draft until the teacher acknowledges it."""
    return observation.is_submitted and _is_author(user, observation)


def can_acknowledge_observation(user, observation) -> bool:
    staff = staff_of(user)
    return observation.is_submitted and staff is not None and observation.teacher_id == staff.pk


def can_add_note(user, observation) -> bool:
    """An acknowledged visit is locked; whoever sees it may add a dated note."""
    return (
        observation.is_acknowledged
        and staff_of(user) is not None
        and can_view_observation(user, observation)
    )


def can_view_teacher_history(user, teacher: Staff) -> bool:
    """A teacher's visits and trends: the teacher, their association heads, the administration
    (the members app's rule for a teacher's own records)."""
    return member_permissions.can_view_personal_records(user, teacher)


def can_manage_criteria(user) -> bool:
    """P2.4: the deputy defines the criteria sets."""
    return is_deputy(user)


def can_view_young_specialists(user) -> bool:
    return is_deputy(user) or is_director(user)


def can_view_young_conclusion(user, conclusion) -> bool:
    """R2.18: the saved conclusion is read by the administration and by the teacher it is about."""
    if can_view_young_specialists(user):
        return True
    me = staff_of(user)
    return me is not None and me.pk == conclusion.staff_id


def can_write_young_conclusion(user) -> bool:
    """R2.18: the deputy completes and saves the conclusion; the director reads it."""
    return is_deputy(user)
