"""The dashboards shared by a school's deputies (and its directors) come from a cache that
can never show stale data after a change.

Every saved, deleted or re-linked row of the project's apps changes its school's data
version (DataVersion), once its transaction commits; a change made outside any school's
scope changes the version of every school (scope 0). A dashboard is cached under the school,
both versions, the day and the language: after a change the key is new, and the dashboard
is counted afresh. The versions live in the database, which every worker process reads (one
query); the cache itself may be each process's own memory.

Writes that send no signals (QuerySet.update, bulk_create) are not seen: the services that
use them also save a row of the same change.
"""

import secrets

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_scopes import get_scope

from .models import DataVersion

EVERY_SCHOOL = 0
TIMEOUT = 60 * 60  # seconds; a new version or a new day makes a new key long before


def _token() -> int:
    return secrets.randbits(62)


def _scope_of(instance) -> int:
    """The school whose data the row is, as far as the row or the request tells."""
    from school.models import School

    if isinstance(instance, School):
        return instance.pk
    school_id = getattr(instance, "school_id", None)
    if isinstance(school_id, int):
        return school_id
    scope = get_scope()
    current = scope.get("school") if scope.get("_enabled", True) else None
    if isinstance(current, int):
        return current
    return getattr(current, "pk", None) or EVERY_SCHOOL


def bump(scope: int) -> None:
    """A new version for the school (or for every school)."""
    if not DataVersion.objects.filter(scope=scope).update(token=_token()):
        DataVersion.objects.bulk_create(
            [DataVersion(scope=scope, token=_token())], ignore_conflicts=True
        )


class _Bump:
    """The on-commit hook that renews one scope's version."""

    def __init__(self, scope: int):
        self.scope = scope

    def __call__(self):
        bump(self.scope)


def changed(instance) -> None:
    """The row changed: its school gets a new version when the transaction commits.

    Once per scope and transaction: a hook already registered for the scope runs at the
    same commit (the hooks of a savepoint rolled back are dropped, and a savepoint that
    encloses this change and the hook's drops both, with the change)."""
    scope = _scope_of(instance)
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        getattr(hook, "scope", None) == scope for _savepoints, hook, *_ in connection.run_on_commit
    ):
        return
    transaction.on_commit(_Bump(scope))


def _watched(model) -> bool:
    return (
        model._meta.app_label in settings.PROJECT_APPS
        and model is not DataVersion
        and not hasattr(model, "instance_type")  # a history row (django-simple-history)
        and not getattr(model, "is_stored_document", False)  # a stored copy (a PDF)
    )


def _on_save(sender, instance, update_fields=None, **kwargs):
    if not _watched(sender):
        return
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a login
    changed(instance)


def _on_delete(sender, instance, **kwargs):
    if _watched(sender):
        changed(instance)


def _on_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_") and _watched(type(instance)):
        changed(instance)


def _on_new_school(sender, instance, created, **kwargs):
    """A new school starts with a version of its own (no shared key with a school that
    had the same id before)."""
    if created:
        DataVersion.objects.bulk_create(
            [DataVersion(scope=instance.pk, token=_token())], ignore_conflicts=True
        )


def connect() -> None:
    post_save.connect(_on_save, dispatch_uid="reports_freshness_save")
    post_delete.connect(_on_delete, dispatch_uid="reports_freshness_delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="reports_freshness_m2m")
    post_save.connect(
        _on_new_school,
        sender=apps.get_model("school", "School"),
        dispatch_uid="reports_freshness_new_school",
    )


def versions(school) -> tuple[int, int]:
    """(the school's version, every school's version): one query; a version missing yet
    (a school loaded in bulk) is made on first use. Should another process make it at the
    same moment, this request's token is its own: its cache entry is simply never read."""
    found = dict(
        DataVersion.objects.filter(scope__in=[EVERY_SCHOOL, school.pk]).values_list(
            "scope", "token"
        )
    )
    missing = [
        DataVersion(scope=scope, token=_token())
        for scope in (EVERY_SCHOOL, school.pk)
        if scope not in found
    ]
    if missing:
        DataVersion.objects.bulk_create(missing, ignore_conflicts=True)
        found.update((made.scope, made.token) for made in missing)
    return found[school.pk], found[EVERY_SCHOOL]


def cached_html(name: str, school, day, render) -> str:
    """The HTML `render()` makes for the school's dashboard `name`, from the cache while
    nothing of the school has changed the same day, in the same language."""
    own, every = versions(school)
    key = f"reports:{name}:{school.pk}:{own}:{every}:{day.isoformat()}:{get_language()}"
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, str(html), TIMEOUT)
    return mark_safe(html)  # noqa: S308 (rendered by our templates, escaped there)
