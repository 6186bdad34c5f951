"""The permission base: who a user is in their school.

Each app has its own permissions.py with predicates on its objects; they build on these.
Other schools never reach a predicate: their rows are out of scope and answer 404.
"""

from django.http import Http404

from .models import User


def is_school_user(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.school_id)


def is_deputy(user) -> bool:
    return is_school_user(user) and user.role == User.Role.DEPUTY


def is_director(user) -> bool:
    return is_school_user(user) and user.role == User.Role.DIRECTOR


def is_administration(user) -> bool:
    """Director or deputy: they read everything of the school."""
    return is_deputy(user) or is_director(user)


def can_manage_calendar(user) -> bool:
    return is_deputy(user)


def require_school_user(user) -> None:
    """Pages of a school exist only for its users: a site admin without a school gets 404."""
    if not is_school_user(user):
        raise Http404


def can_view_history(user) -> bool:
    """The change history of records is open to the deputy and the director."""
    return is_administration(user)


def can_view_logins(user) -> bool:
    """Who logged in, and lifting a staff member's lockout: the director and the deputy."""
    return is_administration(user)
