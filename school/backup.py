"""Export one school's data (and its uploaded files) to a single archive, and restore it.

The archive is a zip with `data.json` (Django's serialisation of every row that belongs to
the school, primary keys kept) and the uploaded files under `media/`. The set of rows is
found through the tenancy itself: every model with a school-scoped manager (django-scopes)
is read inside the school's scope, so a new model is included as soon as it is scoped.
A restore goes into a database that does not hold that school yet (normally an empty one).
"""

import io
import json
import zipfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django_scopes import scope, scopes_disabled

from .models import School, User
from .tenancy import school_path

FORMAT_VERSION = 1


def scoped_models() -> list[type[models.Model]]:
    """Every model of the project whose default manager is scoped to a school, in app order."""
    result = []
    for label in settings.PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            if hasattr(model._default_manager, "with_scopes_disabled"):
                result.append(model)
    return result


def historical_models() -> list[tuple[type[models.Model], str]]:
    """(historical model, path to the school) for every scoped model that keeps a history."""
    return [
        (model.history.model, school_path(model))
        for model in scoped_models()
        if hasattr(model, "history") and school_path(model)
    ]


def _rows(school: School) -> list[models.Model]:
    rows: list[models.Model] = [school]
    users = list(User.objects.filter(school=school).order_by("pk"))
    rows += users
    with scope(school=school.pk):
        for model in scoped_models():
            rows += list(model._default_manager.order_by("pk"))
    # The history of the school's records, deleted drafts included. A change made by a
    # site admin (a user of no school) keeps its date and content but not the admin's name.
    user_ids = {user.pk for user in users}
    for historical, path in historical_models():
        for row in historical.objects.filter(**{path: school.pk}).order_by("history_id"):
            if row.history_user_id not in user_ids:
                row.history_user_id = None
            rows.append(row)
    return rows


def _files(rows) -> list[str]:
    names = []
    for row in rows:
        for field in row._meta.concrete_fields:
            if isinstance(field, models.FileField):
                value = getattr(row, field.attname)
                if value:
                    names.append(str(value))
    return names


def export_school(school: School) -> bytes:
    rows = _rows(school)
    # Django's JSON serialiser rounds times to milliseconds; keep them exact.
    data = json.dumps(serializers.serialize("python", rows), default=_exact, ensure_ascii=False)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "manifest.json",
            json.dumps({"format": FORMAT_VERSION, "school": school.pk, "name": school.name}),
        )
        archive.writestr("data.json", data)
        for name in _files(rows):
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as handle:
                    archive.writestr(f"media/{name}", handle.read())
    return buffer.getvalue()


def _exact(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


class RestoreError(Exception):
    """The archive cannot be restored here; nothing was written."""


def import_school(archive_bytes: bytes) -> School:
    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("format") != FORMAT_VERSION:
            raise RestoreError(f"Unknown archive format {manifest.get('format')!r}.")
        with scopes_disabled():
            if School.objects.filter(pk=manifest["school"]).exists():
                raise RestoreError(
                    f"School {manifest['school']} already exists here: restore into an empty database."
                )
            with transaction.atomic():
                touched = set()
                objects = list(
                    serializers.deserialize("python", json.loads(archive.read("data.json")))
                )
                with connection.constraint_checks_disabled():
                    for obj in objects:
                        obj.save()
                        touched.add(obj.object)
                connection.check_constraints(
                    table_names=sorted({type(o)._meta.db_table for o in touched})
                )
                _reset_sequences({type(o) for o in touched})
        for member in archive.namelist():
            if member.startswith("media/") and not member.endswith("/"):
                name = member.removeprefix("media/")
                if Path(name).is_absolute() or ".." in Path(name).parts:
                    raise RestoreError(f"Unsafe file name in the archive: {member}")
                if default_storage.exists(name):
                    default_storage.delete(name)
                default_storage.save(name, io.BytesIO(archive.read(member)))
        with scopes_disabled():
            return School.objects.get(pk=manifest["school"])


def _reset_sequences(model_set) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_set))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
