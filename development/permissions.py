"""Who may see and write a teacher's professional-growth records.

Reading (R2.7, P3.5): a teacher sees their own records; the head of a methodical
association sees the records of the association's teachers; the deputy director and the
director see everyone's. Another colleague gets 403 on a teacher's pages.

Writing: the deputy director (methodical work) keeps attestations, categories, the
characteristics and the school's settings. A teacher adds and corrects their own courses
(with the certificate) and writes their own self-education topic and report; the deputy
does the same for anyone. Working programmes (R6.1) are checked by the deputy and, for
their own association's teachers, by the association's head; nobody reviews their own.
"""

from members import permissions as member_permissions
from members.models import Staff
from members.permissions import heads_association_of, staff_of
from school.permissions import is_deputy, is_director

# The rule is the members app's: one place decides who reads a teacher's own records.
can_view_records = member_permissions.can_view_personal_records


def sees_everyone(user) -> bool:
    return is_deputy(user) or is_director(user)


def can_manage_attestation(user) -> bool:
    """P3.5: the deputy keeps attestations, categories, documents and characteristics."""
    return is_deputy(user)


def can_view_attestation_schedule(user) -> bool:
    """P3.5: the year's schedule names every teacher: the administration reads it."""
    return sees_everyone(user)


def can_manage_settings(user) -> bool:
    return is_deputy(user)


def _is_self(user, teacher: Staff) -> bool:
    staff = staff_of(user)
    return staff is not None and staff.pk == teacher.pk


def can_add_course(user, teacher: Staff) -> bool:
    return is_deputy(user) or _is_self(user, teacher)


def can_edit_course(user, course) -> bool:
    return can_add_course(user, course.staff)


def can_edit_self_education(user, teacher: Staff) -> bool:
    """R2.7: the teacher writes their own topic and report; the deputy may for anyone."""
    return is_deputy(user) or _is_self(user, teacher)


def can_review_programme(user, teacher: Staff) -> bool:
    """R6.1: the deputy, or the head of the teacher's association; never one's own."""
    if _is_self(user, teacher):
        return False
    return is_deputy(user) or heads_association_of(staff_of(user), teacher.pk)


def can_review_any_programme(user) -> bool:
    if is_deputy(user):
        return True
    staff = staff_of(user)
    return staff is not None and staff.headed_associations.exists()
