"""The one tenancy mechanism: django-scopes managers that filter every query by school.

`ScopedManager(school="<path to the school>")` is django-scopes' manager that also
remembers its path, so code that works across models (backup, history pages) can find
a model's rows of one school, and the historical rows of those records, by the same path.
"""

from django_scopes import ScopedManager as _ScopedManager


def ScopedManager(**scopes):  # noqa: N802 (keeps django-scopes' name)
    manager = _ScopedManager(**scopes)
    manager.school_path = scopes["school"]
    return manager


def school_path(model) -> str | None:
    """The lookup from a model to its school, or None for a model that is not scoped."""
    return getattr(model._default_manager, "school_path", None)
