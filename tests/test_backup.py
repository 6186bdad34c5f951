"""export_school / import_school: one school to an archive and back, with new keys.

Everything runs with the scopes that production has: the commands are called with no scope
active, as an operator runs them.
"""

import hashlib
import io
import json
import random
import tracemalloc
import zipfile

import pytest
from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, models
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Value
from django.db.models.functions import Concat
from django_scopes import scope, scopes_disabled

from conftest import build_world
from meetings import services as meeting_services
from meetings.models import Attachment
from meetings.tests.factories import held_meeting
from members.models import Staff
from reports.tests.factories import report_year
from school.backup import (
    RestoreError,
    export_school,
    historical_models,
    import_school,
    scoped_models,
)
from school.models import School, User
from tests.files import PDF_BYTES, office_bytes


def table_dump(school_pk) -> dict:
    """Every row of the school, table by table, as plain data (file fields as their content)."""
    with scopes_disabled():
        school = School.objects.get(pk=school_pk)
        dump = {
            "school.school": serializers.serialize("python", [school]),
            "school.user": serializers.serialize(
                "python", User.objects.filter(school=school).order_by("pk")
            ),
        }
    with scope(school=school_pk):
        for model in scoped_models():
            dump[model._meta.label_lower] = serializers.serialize(
                "python", model._default_manager.order_by("pk")
            )
    for historical, path in historical_models():
        dump[historical._meta.label_lower] = serializers.serialize(
            "python", historical.objects.filter(**{path: school_pk}).order_by("history_id")
        )
    dump = json.loads(json.dumps(dump, default=str))
    for label, rows in dump.items():
        for field in apps.get_model(label)._meta.concrete_fields:
            if isinstance(field, models.FileField):
                for row in rows:
                    if row["fields"][field.name]:
                        row["fields"][field.name] = "sha256:" + _digest(row["fields"][field.name])
    return dump


def _digest(name):
    with default_storage.open(name, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def without_keys(dump: dict) -> dict:
    """The dump with every key replaced by its rank within its table.

    A restore gives rows new keys in the order of the old ones, so a school restored
    elsewhere has the same dump by rank as the school exported.
    """
    ranks: dict[str, dict] = {}
    for label, rows in dump.items():
        model = apps.get_model(label)
        keys = {row["pk"] for row in rows}
        history = getattr(model, "history", None)
        if history is not None:
            keys |= {row["fields"]["id"] for row in dump[history.model._meta.label_lower]}
        ranks[label] = {key: n for n, key in enumerate(sorted(keys))}

    def rank(model, value):
        table = ranks.get(model._meta.concrete_model._meta.label_lower, {})
        return ("rank", table[value]) if value in table else ("outside", value)

    result = {}
    for label, rows in dump.items():
        model = apps.get_model(label)
        base = getattr(model, "instance_type", None)
        converted = []
        for row in rows:
            fields = dict(row["fields"])
            for field in model._meta.concrete_fields:
                if field.is_relation and fields.get(field.name) is not None:
                    fields[field.name] = rank(field.related_model, fields[field.name])
            for field in model._meta.many_to_many:
                if field.name in fields:
                    fields[field.name] = sorted(
                        rank(field.related_model, v) for v in fields[field.name]
                    )
            if base is not None:
                fields["id"] = rank(base, fields["id"])
            converted.append(
                (rank(model, row["pk"]), json.dumps(fields, sort_keys=True, default=str))
            )
        result[label] = converted
    return result


def world_with_a_busy_year(login_prefix=""):
    """A school (with another one beside it) holding meetings, decisions, plans, visits, a file."""
    with scopes_disabled():
        world = build_world()
        User.objects.update(username=Concat(Value(login_prefix), "username"))
        report_year(world)
        meeting = held_meeting(world.council, world.year.start_date)
        with scope(school=world.school.pk):
            meeting_services.attachment_add(
                meeting=meeting,
                upload=ContentFile(PDF_BYTES, name="protocol-scan.pdf"),
                user=world.users["deputy"],
            )
    return world


@pytest.mark.django_db(transaction=True)
def test_demo_school_restores_beside_schools_whose_keys_collide(tmp_path):
    call_command("flush", interactive=False)  # keys from 1, as the other schools' below
    call_command("seed_demo", "--force", stdout=io.StringIO())  # tests run with DEBUG off
    with scopes_disabled():
        demo = School.objects.get()
    before = table_dump(demo.pk)
    assert len(before) == len(scoped_models()) + len(historical_models()) + 2
    assert sum(len(rows) for rows in before.values()) > 100
    archive = tmp_path / "school-8.zip"
    call_command("export_school", str(demo.pk), str(archive), stdout=io.StringIO())

    # A database that holds two other schools whose keys are the archive's keys.
    call_command("flush", interactive=False)
    world = world_with_a_busy_year(login_prefix="school-1-")
    others = {pk: table_dump(pk) for pk in (world.school.pk, world.other_school.pk)}
    with scopes_disabled():
        assert Staff.objects.filter(pk__in=[row["pk"] for row in before["members.staff"]]).exists()

    out = io.StringIO()
    call_command("import_school", str(archive), stdout=out)
    with scopes_disabled():
        restored = School.objects.get(uid=demo.uid)
    assert f"(id {restored.pk})" in out.getvalue()
    assert restored.pk not in others
    assert {pk: table_dump(pk) for pk in others} == others
    assert without_keys(table_dump(restored.pk)) == without_keys(before)

    # The demo's logins work on the restored school.
    with scopes_disabled():
        deputy = User.objects.get(username="deputy")
    assert deputy.school_id == restored.pk and deputy.check_password("kenesh-demo")

    # A second restore of the same school is refused and changes nothing.
    after = table_dump(restored.pk)
    with pytest.raises(CommandError, match="already here"):
        call_command("import_school", str(archive))
    assert table_dump(restored.pk) == after
    with scopes_disabled():
        assert School.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_file_name_taken_here_is_restored_under_another_name(tmp_path):
    world = world_with_a_busy_year()
    archive = tmp_path / "school.zip"
    export_school(world.school, archive)
    with scopes_disabled():
        attachment = Attachment.objects.get(meeting__council__academic_year__school=world.school)
        taken = attachment.file.name
        School.objects.filter(pk=world.school.pk).update(uid="00000000-0000-0000-0000-000000000008")
        User.objects.filter(school=world.school).update(username=Concat("username", Value("-old")))
    before = table_dump(world.school.pk)

    restored = import_school(archive)

    assert table_dump(world.school.pk) == before
    with scopes_disabled():
        copy = Attachment.objects.get(meeting__council__academic_year__school=restored)
    assert copy.file.name != taken
    assert _digest(copy.file.name) == _digest(taken)


def test_export_holds_only_that_school(world, tmp_path):
    archive = tmp_path / "school.zip"
    summary = export_school(world.school, archive)
    with zipfile.ZipFile(archive) as opened:
        rows = [json.loads(line) for line in opened.read("data.jsonl").splitlines()]
        manifest = json.loads(opened.read("manifest.json"))
    assert summary.rows == len(rows) == manifest["rows"]
    assert manifest["uid"] == str(world.school.uid)
    names = {row["fields"].get("name") for row in rows if row["model"] == "school.school"}
    assert names == {world.school.name}
    usernames = {row["fields"]["username"] for row in rows if row["model"] == "school.user"}
    assert "other_deputy" not in usernames
    assert "deputy" in usernames
    staff_schools = {row["fields"]["school"] for row in rows if row["model"] == "members.staff"}
    assert staff_schools == {world.school.pk}


def test_export_streams_files_instead_of_holding_them(world, tmp_path):
    # A document carrying 8 MiB that do not compress.
    content = office_bytes("docx", [("word/media/scan.bin", random.Random(8).randbytes(8 << 20))])
    with scope(school=world.school.pk):
        meeting = held_meeting(world.council, world.year.start_date)
        meeting_services.attachment_add(
            meeting=meeting,
            upload=ContentFile(content, name="big.docx"),
            user=world.users["deputy"],
        )
    tracemalloc.start()
    try:
        export_school(world.school, tmp_path / "school.zip")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024, peak
    assert (tmp_path / "school.zip").stat().st_size > len(content)


@pytest.mark.django_db(transaction=True)
def test_a_clash_of_logins_is_refused_before_anything_is_written(tmp_path):
    world = world_with_a_busy_year()
    archive = tmp_path / "school.zip"
    export_school(world.school, archive)
    with scopes_disabled():
        School.objects.filter(pk=world.school.pk).update(uid="00000000-0000-0000-0000-000000000008")
        counts = {model: model._base_manager.count() for model in scoped_models()}
    with pytest.raises(RestoreError, match="deputy"):
        import_school(archive)
    with scopes_disabled():
        assert {model: model._base_manager.count() for model in scoped_models()} == counts
        assert School.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_an_unmigrated_database_is_told_to_migrate_first(tmp_path):
    world = world_with_a_busy_year()
    archive = tmp_path / "school.zip"
    export_school(world.school, archive)
    recorder = MigrationRecorder(connection)
    last = recorder.applied_migrations()
    app, name = max(key for key in last if key[0] == "projects")
    recorder.record_unapplied(app, name)
    try:
        with pytest.raises(CommandError, match="migrate"):
            call_command("import_school", str(archive))
    finally:
        recorder.record_applied(app, name)


def test_a_file_that_is_not_an_archive_is_refused(tmp_path):
    path = tmp_path / "notes.zip"
    path.write_bytes(b"not a zip")
    with pytest.raises(CommandError):
        call_command("import_school", str(path))
    with pytest.raises(CommandError, match="No such archive"):
        call_command("import_school", str(tmp_path / "missing.zip"))
