"""Who may do what with work plans.

Everyone of the school reads the plans. The head of a methodical association edits the
association's own plan (P4.2); the deputy director edits every plan, the council's plan
and the development programme. Another school's plans are out of scope (404) before any
predicate is asked.
"""

from members.permissions import staff_of
from school.permissions import is_deputy


def _heads(user, association) -> bool:
    staff = staff_of(user)
    return staff is not None and association.head_id == staff.pk


def can_edit_association_plan(user, plan) -> bool:
    return is_deputy(user) or _heads(user, plan.association)


def can_start_association_plan(user, association) -> bool:
    return is_deputy(user) or _heads(user, association)


def can_start_any_association_plan(user) -> bool:
    """The deputy, or a user who heads at least one association."""
    if is_deputy(user):
        return True
    staff = staff_of(user)
    return staff is not None and staff.headed_associations.exists()


def can_edit_council_plan(user, plan=None) -> bool:
    return is_deputy(user)


def can_manage_programme(user) -> bool:
    return is_deputy(user)
