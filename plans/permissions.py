"""Who may do what with work plans.

Everyone of the school reads the plans. The head of a methodical association edits the
association's own plan (P4.2); the deputy director edits every plan, the council's plan
and the development programme. Another school's plans are out of scope (404) before any
predicate is asked.
"""

from school.permissions import is_deputy, is_school_user


def can_view_plans(user) -> bool:
    return is_school_user(user)


def heads_association(user, association) -> bool:
    staff = getattr(user, "staff", None) if is_school_user(user) else None
    return staff is not None and association.head_id == staff.pk


def can_edit_association_plan(user, plan) -> bool:
    return is_deputy(user) or heads_association(user, plan.association)


def can_start_association_plan(user, association) -> bool:
    return is_deputy(user) or heads_association(user, association)


def can_start_any_association_plan(user) -> bool:
    """The deputy, or a user who heads at least one association."""
    if is_deputy(user):
        return True
    staff = getattr(user, "staff", None) if is_school_user(user) else None
    return staff is not None and staff.headed_associations.exists()


def can_edit_council_plan(user, plan=None) -> bool:
    return is_deputy(user)


def can_manage_programme(user) -> bool:
    return is_deputy(user)


def can_edit_item(user, item) -> bool:
    """An item of an association's plan or of the council's plan."""
    from .models import AssociationPlanItem

    if isinstance(item, AssociationPlanItem):
        return can_edit_association_plan(user, item.plan)
    return can_edit_council_plan(user, item.plan)
