"""The deputies' and directors' dashboards come from a cache that a change renews at once
(reports.freshness). "Committed" below: the test runs the transaction's on-commit hooks, as
a real commit does."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from conftest import client_for
from meetings.tests.factories import plan_meeting
from reports import freshness
from reports.models import DataVersion
from reports.tests.factories import report_year
from school.tests.factories import SchoolFactory

D = datetime.date
TODAY = D(2025, 1, 10)


@pytest.fixture
def data(world, monkeypatch):
    built = report_year(world)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return built


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _home(client, user):
    client.logout()
    client.cookies["django_language"] = "en"
    client_for(client, user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:home"))
    assert response.status_code == 200
    html = response.content.decode()
    # The dashboard: the page without the menu (whose logout form carries a fresh token).
    return html[html.index('<h1 class="h3">') : html.index("</main>")], len(queries)


@pytest.mark.parametrize("role", ["deputy", "director"])
def test_the_dashboard_is_cached_and_a_committed_change_shows_at_once(
    client, world, data, role, commit
):
    user = world.users[role]
    first, counted = _home(client, user)
    again, from_cache = _home(client, user)
    assert again == first
    assert from_cache < counted  # the figures were not counted again
    plan_meeting(data.council, D(2025, 2, 14))
    commit()
    page, after_change = _home(client, user)
    assert after_change == counted
    first, page = text_of(first), text_of(page)
    if role == "deputy":
        assert "No meeting is held or planned in quarter III." in first
        assert "A meeting is planned in quarter III: № 4, 14.02.2025" in page
    else:
        assert "No meeting is held or planned this quarter (R4.5)." in first
        assert "planned: No. 4, 14.02.2025" in page
    assert "14.02.2025" not in first


def test_a_change_in_another_school_keeps_the_dashboard(client, world, data, commit):
    commit()  # the fixtures' rows
    _home(client, world.users["deputy"])
    with scope(school=world.other_school.pk):
        world.other_year.save()
    commit()
    _page, queries = _home(client, world.users["deputy"])
    with scope(school=world.school.pk):
        data.council.save()  # a row with no school of its own: the request's school
    commit()
    _page, renewed = _home(client, world.users["deputy"])
    assert queries < renewed


def test_a_change_outside_any_school_renews_every_dashboard(client, world, data, commit):
    _page, counted = _home(client, world.users["deputy"])
    data.council.save()  # e.g. from the administration or a management command
    commit()
    _page, queries = _home(client, world.users["deputy"])
    assert queries == counted


def test_an_uncommitted_change_renews_nothing_yet(client, world, data):
    """Until the transaction commits, other requests cannot see the change either."""
    before = dict(DataVersion.objects.values_list("scope", "token"))
    plan_meeting(data.council, D(2025, 2, 14))
    assert dict(DataVersion.objects.values_list("scope", "token")) == before


def test_a_new_school_has_a_version_of_its_own(db):
    school = SchoolFactory()
    other = SchoolFactory()
    assert freshness.versions(school)[0] != freshness.versions(other)[0]
    token = freshness.versions(school)[0]
    freshness.bump(school.pk)
    assert freshness.versions(school)[0] != token


def test_a_member_home_is_never_cached(client, world, data, commit):
    _page, counted = _home(client, world.users["teacher"])
    _page, again = _home(client, world.users["teacher"])
    assert again == counted


@pytest.mark.django_db(transaction=True)
def test_a_service_renews_the_version_once_when_it_commits(world):
    """Real commits: the service's rows renew the version once, after the commit."""
    year = report_year(world)
    before = freshness.versions(world.school)
    with CaptureQueriesContext(connection) as queries:
        with scope(school=world.school.pk):
            plan_meeting(year.council, D(2025, 2, 14))
    renewals = [q["sql"] for q in queries if 'UPDATE "reports_dataversion"' in q["sql"]]
    assert len(renewals) == 1
    assert freshness.versions(world.school)[0] != before[0]
    assert freshness.versions(world.school)[1] == before[1]
