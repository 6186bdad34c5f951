"""Who may do what with the school's people and its methodical associations.

Every user of the school reads the staff directory, the staff pages and the associations;
the deputy director (methodical work) keeps them.
"""

from school.permissions import is_administration, is_deputy, is_school_user

from .models import MethodicalAssociation, Staff


def can_view_staff(user) -> bool:
    return is_school_user(user)


def can_manage_staff(user) -> bool:
    return is_deputy(user)


def can_manage_associations(user) -> bool:
    return is_deputy(user)


def can_manage_subjects(user) -> bool:
    return is_deputy(user)


def staff_of(user) -> Staff | None:
    """The staff record behind a login, or None (e.g. a login with no person attached)."""
    if not is_school_user(user):
        return None
    try:
        staff = user.staff
    except Staff.DoesNotExist:
        return None
    return staff if staff.school_id == user.school_id else None


def heads_association_of(staff: Staff | None, teacher_id: int) -> bool:
    if staff is None:
        return False
    return MethodicalAssociation.objects.filter(head=staff, teachers__id=teacher_id).exists()


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
