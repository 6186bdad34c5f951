"""The year's archive is kept while its protocols' snapshots are the latest: a second
download is read back, not rendered again; an approval or an amendment renders it again.
The data migration gives every protocol approved before snapshots existed its snapshot."""

import importlib
from unittest import mock

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from conftest import client_for
from meetings import documents, services, snapshot
from meetings.models import ArchiveDocument, ProtocolDocument, ProtocolSnapshot
from meetings.tests.factories import day, held_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(world):
    with scope(school=world.school.pk):
        meeting = held_meeting(world.council, day(world, 10))
        item = services.agenda_item_add(meeting=meeting, title="Окуу планы")
        decision = services.decision_add(
            item=item,
            text="Окуу планы бекитилсин.",
            responsible=[world.staff["mahead"]],
            due_date=day(world, 20),
        )
        meeting = services.meeting_approve(meeting=meeting, user=world.users["deputy"])
    return meeting, decision


def test_a_second_download_of_an_unchanged_archive_is_read_back(world, client, approved):
    meeting, decision = approved
    client_for(client, world.users["director"])
    url = reverse("meetings:protocol_archive", args=[world.year.pk]) + "?lang=ky"
    with mock.patch.object(documents, "render_archive", wraps=documents.render_archive) as render:
        first = client.get(url).content
        with CaptureQueriesContext(connection) as queries:
            second = client.get(url).content
        assert render.call_count == 1 and first == second
        assert len(queries) <= 10
        # Closing a decision changes no protocol: still read back.
        with scope(school=world.school.pk):
            services.decision_complete(
                decision=decision, done_on=meeting.date, note="Бекитилди.", user=None
            )
        client.get(url)
        assert render.call_count == 1
        # An amendment is a new snapshot: rendered again, and then kept again.
        with scope(school=world.school.pk):
            services.guest_add(
                meeting=meeting,
                name="Осмонова Динара",
                position="Мугалим",
                user=world.users["deputy"],
                version=meeting.version,
                amendment_reason="Унутулуп калган",
            )
        client.get(url)
        client.get(url)
        assert render.call_count == 2
        # Another approved protocol: rendered again.
        with scope(school=world.school.pk):
            later = held_meeting(world.council, day(world, 30))
            services.meeting_approve(
                meeting=later, user=world.users["deputy"], confirm_empty_items=True
            )
        client.get(url)
        assert render.call_count == 3
    with scopes_disabled():
        assert ArchiveDocument.objects.filter(year=world.year).count() == 1


def test_the_stored_archive_of_another_school_is_not_reached(world, client, approved):
    client_for(client, world.users["director"])
    client.get(reverse("meetings:protocol_archive", args=[world.year.pk]) + "?lang=ky")
    client_for(client, world.users["other_school"])
    url = reverse("meetings:protocol_archive", args=[world.year.pk]) + "?lang=ky"
    assert client.get(url).status_code == 404


def test_the_migration_snapshots_protocols_approved_before(world, approved):
    meeting, decision = approved
    with scopes_disabled():
        expected = ProtocolSnapshot.objects.get(meeting=meeting).data
        ProtocolSnapshot.objects.all().delete()
        ProtocolDocument.objects.create(
            meeting=meeting, language="ky", version=meeting.version, pdf=b"%PDF old"
        )
    migration = importlib.import_module("meetings.migrations.0005_snapshot_approved_protocols")
    migration.snapshot_approved(django_apps, None)
    with scopes_disabled():
        made = ProtocolSnapshot.objects.get(meeting=meeting)
        assert made.version == meeting.version
        assert made.data == expected and made.digest == snapshot.digest(expected)
        assert not ProtocolDocument.objects.exists()  # rendered again from the snapshot


def test_a_second_download_builds_no_protocol_and_its_queries_do_not_grow(world, client, approved):
    client_for(client, world.users["director"])
    url = reverse("meetings:protocol_archive", args=[world.year.pk]) + "?lang=ky"
    client.get(url)
    with mock.patch.object(documents, "archive_protocols") as build:
        with CaptureQueriesContext(connection) as one:
            client.get(url)
        assert not build.called  # the key is read from the snapshots' digests alone
    with scope(school=world.school.pk):
        meeting = held_meeting(world.council, day(world, 40))
        services.agenda_item_add(meeting=meeting, title="Экинчи маселе")
        services.meeting_approve(
            meeting=meeting, user=world.users["deputy"], confirm_empty_items=True
        )
    client.get(url)
    with CaptureQueriesContext(connection) as two:
        client.get(url)
    assert len(two) == len(one)
