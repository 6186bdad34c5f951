"""No response to a logged-in user stays in the browser's cache; static files keep theirs."""

import pytest
from django.conf import settings
from django.urls import reverse

from conftest import client_for
from tests.permission_table import SCHOOL_ROLES
from tests.test_permission_walk import all_url_names, expected_table

PRIVATE = "private, no-store"


def _url(name, row, world):
    kwargs = row.kwargs(world) if row.kwargs else {}
    return reverse(name, kwargs=kwargs) + (f"?{row.query}" if row.query else "")


@pytest.mark.parametrize("name", all_url_names())
def test_every_url_answers_a_logged_in_user_private_no_store(name, client, world):
    """Every URL of the URLconf, as a role that may open it: pages, PDFs, visit cards,
    reports, uploaded files, redirects and refusals alike."""
    row = expected_table()[name]
    role = next((r for r in SCHOOL_ROLES if row.expect[r] == 200), "deputy")
    client_for(client, world.users[role])
    response = client.get(_url(name, row, world))
    assert response.status_code < 500
    if name == "healthz":
        # Answered before the session is read (config/observability.py): Django's never_cache,
        # which is private and no-store too, and holds nothing of the user's.
        assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
        return
    assert response.get("Cache-Control") == PRIVATE, f"{name} as {role}"
    assert not response.has_header("Expires")


def test_uploaded_files_redirects_and_errors_are_private(client, world):
    from experience.tests.url_permissions import ROWS

    client_for(client, world.users["teacher"])
    stored = ROWS["experience:file_download"].kwargs(world)
    response = client.get(reverse("experience:file_download", kwargs=stored))
    assert response.status_code == 200 and response.streaming
    assert response["Cache-Control"] == PRIVATE
    # A visit card, a PDF built for the request.
    from observations.tests.url_permissions import ROWS as VISIT_ROWS

    client.logout()
    client_for(client, world.users["deputy"])
    card = reverse("observations:pdf", kwargs=VISIT_ROWS["observations:pdf"].kwargs(world))
    response = client.get(card)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == PRIVATE
    # A refused page and a missing one.
    client.logout()
    client_for(client, world.users["teacher"])
    response = client.get(reverse("school:year_create"))
    assert response.status_code == 403 and response["Cache-Control"] == PRIVATE
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and response["Cache-Control"] == PRIVATE


def test_a_post_redirect_and_the_login_and_logout_answers_are_private(client, world):
    response = client.post("/accounts/login/", {"username": "deputy", "password": "kenesh-test"})
    assert response.status_code == 302 and response["Cache-Control"] == PRIVATE
    response = client.post(
        reverse("school:year_create"),
        {"start_date": "2040-09-01", "end_date": "2041-05-31"},
    )
    assert response.status_code == 302 and response["Cache-Control"] == PRIVATE
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Cache-Control"] == PRIVATE
    # Signed out: the login page is nobody's private page.
    assert client.get("/accounts/login/").get("Cache-Control") != PRIVATE


def test_a_view_own_cache_header_is_replaced(client, world):
    """The login view says never_cache (with Expires); a logged-in user gets private, no-store."""
    assert client.get("/accounts/login/").has_header("Expires")
    client_for(client, world.users["director"])
    response = client.get("/accounts/login/")
    assert response["Cache-Control"] == PRIVATE and not response.has_header("Expires")


def test_static_files_keep_their_long_cache_for_a_logged_in_user(client, world):
    client_for(client, world.users["deputy"])
    response = client.get(f"{settings.STATIC_URL}css/kenesh.css")
    assert response.status_code == 200
    cache = response["Cache-Control"]
    assert "no-store" not in cache and "private" not in cache
    assert "max-age=" in cache
