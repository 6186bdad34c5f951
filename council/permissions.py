"""Who may do what with the council: every user of the school reads its composition;
the deputy director (methodical work) manages it (DESIGN.md, roles)."""

from school.permissions import is_deputy, is_school_user


def can_view_council(user) -> bool:
    return is_school_user(user)


def can_manage_council(user) -> bool:
    return is_deputy(user)
