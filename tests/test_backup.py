"""export_school / import_school round-trip the demo school: every table comes back equal."""

import json

import pytest
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from demo import seed
from school.backup import (
    RestoreError,
    _files,
    _rows,
    export_school,
    historical_models,
    import_school,
    scoped_models,
)
from school.models import School, User


def table_dump(school_pk):
    """Every row of the school, table by table, as plain data."""
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
    return json.loads(json.dumps(dump, default=str))


def _read(name):
    with default_storage.open(name, "rb") as handle:
        return handle.read()


@pytest.mark.django_db(transaction=True)
def test_demo_school_round_trips_through_an_archive(tmp_path):
    with scopes_disabled():
        school = seed.seed().school
    before = table_dump(school.pk)
    assert len(before) == len(scoped_models()) + len(historical_models()) + 2
    assert sum(len(rows) for rows in before.values()) > 100

    archive = tmp_path / "school.zip"
    call_command("export_school", str(school.pk), str(archive))

    with scopes_disabled():
        files = {name: _read(name) for name in _files(_rows(School.objects.get(pk=school.pk)))}
    for name in files:
        default_storage.delete(name)
    call_command("flush", interactive=False)
    with scopes_disabled():
        assert not School.objects.exists()

    call_command("import_school", str(archive))
    assert table_dump(school.pk) == before
    assert {name: _read(name) for name in files} == files

    # A second restore into the same database is refused, and changes nothing.
    with pytest.raises(RestoreError):
        import_school(archive.read_bytes())
    assert table_dump(school.pk) == before


def test_export_holds_only_that_school(world):
    data = export_school(world.school)
    import io
    import zipfile

    rows = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("data.json"))
    names = {row["fields"].get("name") for row in rows if row["model"] == "school.school"}
    assert names == {world.school.name}
    usernames = {row["fields"]["username"] for row in rows if row["model"] == "school.user"}
    assert "other_deputy" not in usernames
    assert "deputy" in usernames
    staff_schools = {row["fields"]["school"] for row in rows if row["model"] == "members.staff"}
    assert staff_schools == {world.school.pk}
