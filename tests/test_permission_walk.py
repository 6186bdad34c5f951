"""Walk every URL pattern as every role and compare with the expected-status table."""

import importlib

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import client_for

from .permission_table import ROLES

# Django's own admin site is checked in test_admin_site below, not pattern by pattern.
SKIPPED_NAMESPACES = {"admin"}


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            if ns in SKIPPED_NAMESPACES:
                continue
            prefix = f"{namespace}{ns}:" if ns else namespace
            yield from _walk(entry.url_patterns, prefix)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else None


def all_url_names():
    return sorted(n for n in _walk(get_resolver().url_patterns) if n)


def expected_table():
    table = dict(importlib.import_module("tests.url_permissions").ROWS)
    for app in settings.PROJECT_APPS:
        try:
            module = importlib.import_module(f"{app}.tests.url_permissions")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.tests.url_permissions":
                raise
            continue
        overlap = table.keys() & module.ROWS.keys()
        assert not overlap, f"URL names listed twice: {overlap}"
        table.update(module.ROWS)
    return table


def test_every_url_has_a_row():
    table = expected_table()
    names = set(all_url_names())
    missing = sorted(names - table.keys())
    stale = sorted(table.keys() - names)
    assert not missing, f"URLs without a row in the permission table: {missing}"
    assert not stale, f"Rows for URLs that no longer exist: {stale}"


def test_every_row_covers_every_role():
    for name, row in expected_table().items():
        assert set(row.expect) == set(ROLES), f"{name}: roles {set(ROLES) ^ set(row.expect)}"


@pytest.mark.parametrize("name", all_url_names())
def test_url_as_every_role(name, world, client):
    row = expected_table()[name]
    kwargs = row.kwargs(world) if row.kwargs else {}
    url = reverse(name, kwargs=kwargs) + (f"?{row.query}" if row.query else "")
    failures = []
    for role in ROLES:
        client.logout()
        client_for(client, world.users[role])
        status = client.get(url).status_code
        if status != row.expect[role]:
            failures.append(f"{role}: got {status}, expected {row.expect[role]}")
    assert not failures, f"{name} ({url}): " + "; ".join(failures)


def test_admin_site(world, client):
    url = reverse("admin:index")
    assert client.get(url).status_code == 302
    client_for(client, world.users["deputy"])
    assert client.get(url).status_code == 302  # not staff: sent to the admin login
    client.logout()
    client_for(client, world.users["admin"])
    assert client.get(url).status_code == 200
