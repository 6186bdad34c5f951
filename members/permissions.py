"""Who may do what with the school's people and its methodical associations.

Every user of the school reads the staff directory, the staff pages and the associations;
the deputy director (methodical work) keeps them.
"""

from django.db.models import Exists, OuterRef, Q

from school.permissions import is_administration, is_deputy, is_school_user

from .models import MethodicalAssociation, Staff


def can_manage_staff(user) -> bool:
    return is_deputy(user)


def can_manage_associations(user) -> bool:
    return is_deputy(user)


def can_manage_subjects(user) -> bool:
    return is_deputy(user)


def staff_of(user) -> Staff | None:
    """The staff record behind a login, or None: no login, no school, no person attached,
    or a person of another school than the login's (such a record never counts).

    The one copy for every app: sibling apps ask this, never ``user.staff`` themselves.
    """
    if not is_school_user(user):
        return None
    try:
        staff = user.staff
    except Staff.DoesNotExist:
        return None
    return staff if staff.school_id == user.school_id else None


def heads_association_of(staff: Staff | None, teacher_id: int) -> bool:
    """Whether ``staff`` heads a methodical association the teacher belongs to, in the
    staff's own school: another school's head never heads this school's teacher, even with
    the tenancy scope off (a command, a background task). Give it ``staff_of(user)``.
    """
    if staff is None:
        return False
    return MethodicalAssociation.objects.filter(
        school_id=staff.school_id,
        head=staff,
        teachers__id=teacher_id,
        teachers__school_id=staff.school_id,
    ).exists()


def can_view_personal_records(user, teacher: Staff) -> bool:
    """A teacher's own records (portfolio, attestation, courses): the teacher, the head of
    the teacher's association, the deputy and the director."""
    if not is_school_user(user) or teacher.school_id != user.school_id:
        return False
    if is_administration(user):
        return True
    staff = staff_of(user)
    if staff is None:
        return False
    return staff.pk == teacher.pk or heads_association_of(staff, teacher.pk)


def personal_records_q(user) -> Q | None:
    """can_view_personal_records as a filter on Staff (the lists of teachers whose visits,
    attestation and courses the user may read); None means nobody."""
    if not is_school_user(user):
        return None
    school = Q(school_id=user.school_id)
    if is_administration(user):
        return school
    staff = staff_of(user)
    if staff is None:
        return None
    headed = MethodicalAssociation.objects.filter(head_id=staff.pk, teachers=OuterRef("pk"))
    return school & (Q(pk=staff.pk) | Q(Exists(headed)))
