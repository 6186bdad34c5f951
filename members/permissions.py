"""Who may do what with the school's people and its methodical associations.

Every user of the school reads the staff directory, the staff pages and the associations;
the deputy director (methodical work) keeps them.
"""

from school.permissions import is_deputy, is_school_user


def can_view_staff(user) -> bool:
    return is_school_user(user)


def can_manage_staff(user) -> bool:
    return is_deputy(user)


def can_manage_associations(user) -> bool:
    return is_deputy(user)


def can_manage_subjects(user) -> bool:
    return is_deputy(user)
