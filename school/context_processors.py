from . import permissions


def navigation(request):
    """Role flags for the menu; the templates ask these instead of re-deriving roles."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_school": user.school if user.school_id else None,
        "nav_is_deputy": permissions.is_deputy(user),
        "nav_is_director": permissions.is_director(user),
        "nav_is_school_user": permissions.is_school_user(user),
        "nav_can_view_logins": permissions.can_view_logins(user),
    }
