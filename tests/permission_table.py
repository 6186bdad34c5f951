"""The expected-status table of the permission walk, and helpers to write its rows.

Each app lists its URL names in `<app>/tests/url_permissions.py` as ROWS; the walk in
test_permission_walk.py requests every URL of the URLconf as every role and fails on a
URL that no table lists.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = [
    "anonymous",
    "teacher",
    "mahead",
    "secretary",
    "deputy",
    "director",
    "admin",
    "other_school",
]
SCHOOL_ROLES = ["teacher", "mahead", "secretary", "deputy", "director"]
LOGIN_REDIRECT = 302


@dataclass
class Row:
    expect: dict
    # Builds the URL's kwargs from the `world` fixture (objects of the first school).
    kwargs: Callable | None = None
    query: str = ""
    extra: dict = field(default_factory=dict)


def _table(default, other_school, overrides):
    table = {role: default for role in SCHOOL_ROLES}
    table.update(anonymous=LOGIN_REDIRECT, admin=404, other_school=other_school)
    table.update(overrides)
    return table


def school_page(default=200, **overrides) -> dict:
    """A page without an object in its URL: another school's user sees their own school's."""
    return _table(default, default, overrides)


def object_page(default=200, **overrides) -> dict:
    """A page about one object: another school's user gets 404, never the object."""
    return _table(default, 404, overrides)


def deputy_only(kind=object_page, **overrides) -> dict:
    return kind(403, deputy=200, **overrides)
