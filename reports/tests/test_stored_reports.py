"""The quarterly report's PDF is kept while the school's data is unchanged: a second download
is read back from storage (no counting, no rendering), a change renders it again."""

import datetime
import re
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import client_for
from reports import documents, freshness, metrics, views
from reports.models import StoredReport
from reports.tests.factories import report_year

TODAY = datetime.date(2025, 1, 10)


@pytest.fixture
def data(world, monkeypatch):
    built = report_year(world)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return built


def _url(data, lang="ky"):
    return reverse("reports:quarterly_pdf") + f"?year={data.year.pk}&quarter=2&lang={lang}"


def test_a_second_download_of_an_unchanged_report_is_read_back(client, world, data, commit):
    client_for(client, world.users["director"])
    commit()
    with (
        mock.patch.object(views, "render_pdf", wraps=views.render_pdf) as render,
        mock.patch.object(metrics, "quarterly_report", wraps=metrics.quarterly_report) as count,
    ):
        first = client.get(_url(data))
        commit()  # storing the PDF is not a change of the school's data
        with CaptureQueriesContext(connection) as queries:
            second = client.get(_url(data))
        assert render.call_count == 1 and count.call_count == 1
        assert second.content == first.content
        assert second["Content-Disposition"] == first["Content-Disposition"]
        assert len(queries) <= 12  # the session, the user, the calendar, the versions, the file
        # Another language is another document.
        client.get(_url(data, lang="ru"))
        assert render.call_count == 2
        # A change of the school's data: rendered again.
        staff = world.staff["teacher"]
        with scopes_disabled():
            staff.position = "Башка кызмат"
            staff.save()
        commit()
        client.get(_url(data))
        assert render.call_count == 3
    with scopes_disabled():
        assert StoredReport.objects.filter(school=world.school).count() == 2


def test_storing_a_report_changes_no_data_version(world, commit):
    commit()  # the changes of the setup
    before = freshness.versions(world.school)
    with scopes_disabled():
        StoredReport.objects.create(
            school=world.school, name="quarterly-x", language="ky", key="k", pdf=b"%PDF"
        )
    commit()
    assert freshness.versions(world.school) == before


def test_a_stored_report_is_not_given_to_another_school(client, world, data):
    client_for(client, world.users["director"])
    client.get(_url(data))
    client_for(client, world.users["other_school"])
    response = client.get(
        reverse("reports:quarterly_pdf") + f"?year={data.year.pk}&quarter=2&lang=ky"
    )
    assert response.status_code == 404


def test_a_copy_rendered_at_the_same_moment_elsewhere_is_kept_and_ours_returned(world):
    from school.documents import stored_or_rendered

    slot = {"school": world.school, "name": "quarterly", "language": "ky"}

    def render_while_another_request_stores_its_copy():
        StoredReport.objects.create(**slot, key="theirs", pdf=b"%PDF theirs")
        return b"%PDF ours"

    with mock.patch("django.db.models.query.QuerySet.delete", return_value=(0, {})):
        pdf = stored_or_rendered(
            StoredReport,
            slot=slot,
            key={"key": "ours"},
            render=render_while_another_request_stores_its_copy,
        )
    assert pdf == b"%PDF ours"
    assert list(StoredReport.objects.filter(**slot).values_list("key", flat=True)) == ["theirs"]
    # The next download with a new key replaces the kept copy.
    assert stored_or_rendered(
        StoredReport, slot=slot, key={"key": "new"}, render=lambda: b"%PDF new"
    )
    assert list(StoredReport.objects.filter(**slot).values_list("key", flat=True)) == ["new"]


def test_the_key_follows_every_template_a_printed_report_includes():
    """A report body the pages share with the PDF (outside print/) changes the stored PDF's
    key too, so a new version of it is never read back from an older copy."""
    root = Path(settings.BASE_DIR) / "reports" / "templates"
    todo = [path.relative_to(root).as_posix() for path in (root / "reports/print").glob("*.html")]
    seen = set()
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += re.findall(r'{% include "(reports/[^"]+)"', (root / name).read_text())
    shared = {f"reports/templates/{name}" for name in seen if "/print/" not in name}
    assert "reports/templates/reports/_plan_table.html" in shared
    assert shared <= set(documents.SHAPED_BY)
