"""Export one school's data (and its uploaded files) to a single archive, and restore it.

The archive is a zip: `manifest.json`, `data.jsonl` (one row a line, in Django's "python"
serialisation) and the uploaded files under `media/`. The set of rows is found through the
tenancy itself: every model with a school-scoped manager (django-scopes) is read inside the
school's scope, so a new model is included as soon as it is scoped. The archive is written
to disk row by row and file by file, so a large school does not need its size in memory.
It holds the staff's password hashes: keep it as secret as the database.

A restore gives every row a new primary key (foreign keys, many-to-many links and history
rows follow), so it goes into any migrated database, also one that holds other schools,
and never changes a row of theirs. The school keeps its identifier (`School.uid`): the same
school is not restored twice into one database.
"""

import json
import shutil
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django_scopes import scope, scopes_disabled

from .models import School, User
from .tenancy import school_path

FORMAT_VERSION = 2
DATA = "data.jsonl"
MANIFEST = "manifest.json"
MEDIA = "media/"


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


def _querysets(school: School):
    """The school's rows, table by table. Call inside the school's scope."""
    yield School.objects.filter(pk=school.pk)
    yield User.objects.filter(school=school).order_by("pk")
    for model in scoped_models():
        yield model._default_manager.order_by("pk")
    for historical, path in historical_models():
        yield historical.objects.filter(**{path: school.pk}).order_by("history_id")


def _rows(school: School):
    """Every row of the school, one at a time, as Django's "python" serialisation."""
    user_ids = set(User.objects.filter(school=school).values_list("pk", flat=True))
    for queryset in _querysets(school):
        for row in queryset.iterator(chunk_size=500):
            # A change made by a site admin (a user of no school) keeps its date and content
            # but not the admin's name.
            if getattr(row, "history_user_id", None) not in (None, *user_ids):
                row.history_user_id = None
            yield serializers.serialize("python", [row])[0]


def _file_names(row: dict) -> list[str]:
    model = apps.get_model(row["model"])
    return [
        row["fields"][field.name]
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField) and row["fields"].get(field.name)
    ]


@dataclass
class ExportSummary:
    rows: int
    files: int
    size: int


def export_school(school: School, path: str | Path) -> ExportSummary:
    """Write the school's archive to `path`, streaming rows and files."""
    path = Path(path)
    rows = files = 0
    names: list[str] = []
    # Rows are read and serialised inside the school's scope, as every request is: the
    # serialiser follows many-to-many links through scoped managers.
    with scope(school=school.pk), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(DATA, "w") as data:
            for row in _rows(school):
                line = json.dumps(row, default=_exact, ensure_ascii=False) + "\n"
                data.write(line.encode())
                names += _file_names(row)
                rows += 1
        for name in names:
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as source:
                    with archive.open(MEDIA + name, "w") as target:
                        shutil.copyfileobj(source, target, 1024 * 1024)
                files += 1
        manifest = {
            "format": FORMAT_VERSION,
            "school": school.pk,
            "uid": str(school.uid),
            "name": school.name,
            "rows": rows,
            "files": files,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False))
    return ExportSummary(rows=rows, files=files, size=path.stat().st_size)


def _exact(value):
    # Django's JSON encoder rounds times to milliseconds; keep them exact.
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


class RestoreError(Exception):
    """The archive cannot be restored here; nothing was written."""


def _lines(archive: zipfile.ZipFile):
    with archive.open(DATA) as data:
        for line in data:
            yield json.loads(line)


def _base_label(model) -> str | None:
    """The record model a historical model keeps the history of, else None."""
    instance = getattr(model, "instance_type", None)
    return instance._meta.label_lower if instance else None


class _KeyMap:
    """Old primary key -> new primary key, per model, for every row of the archive.

    A history row names its record by the record's key (`id`), also for records deleted
    since: those keys get new numbers too, so history never points at another record.
    """

    def __init__(self):
        self.old = defaultdict(set)  # label -> old keys seen
        self.new: dict[str, dict] = {}

    def collect(self, row: dict) -> None:
        model = apps.get_model(row["model"])
        self.old[row["model"]].add(row["pk"])
        base = _base_label(model)
        if base:
            self.old[base].add(row["fields"]["id"])

    def allocate(self) -> None:
        for label, keys in self.old.items():
            model = apps.get_model(label)
            start = _highest_key(model) + 1
            self.new[label] = {old: start + n for n, old in enumerate(sorted(keys))}

    def __call__(self, model, old):
        return self.new.get(model._meta.label_lower, {}).get(old)


def _highest_key(model) -> int:
    manager = model._base_manager
    highest = manager.aggregate(top=models.Max("pk"))["top"] or 0
    if hasattr(model, "history"):
        highest = max(
            highest, model.history.model.objects.aggregate(top=models.Max("id"))["top"] or 0
        )
    return highest


def _remap(row: dict, keys: _KeyMap, file_names: dict) -> dict:
    """The row with new keys in place of the archive's, ready to be saved."""
    model = apps.get_model(row["model"])
    fields = dict(row["fields"])
    for field in model._meta.concrete_fields:
        if field.name not in fields:
            continue
        value = fields[field.name]
        if field.is_relation and value is not None:
            target = field.related_model._meta.concrete_model
            new = keys(target, value)
            if new is None:
                new = _outside_key(model, field, value)
            fields[field.name] = new
        elif isinstance(field, models.FileField) and value:
            fields[field.name] = file_names.get(value, value)
    for field in model._meta.many_to_many:
        if field.name in fields:
            target = field.related_model._meta.concrete_model
            fields[field.name] = [
                new
                for new in (
                    keys(target, old) or _outside_key(model, field, old)
                    for old in fields[field.name]
                )
                if new is not None
            ]
    base = _base_label(model)
    if base:
        fields["id"] = keys(apps.get_model(base), fields["id"])
    return {"model": row["model"], "pk": keys(model, row["pk"]), "fields": fields}


def _outside_key(model, field, value):
    """A link to a row that is not in the archive.

    A shared row (a permission group) is kept when it exists here. A link to a school's own
    data that the archive lacks is dropped where it may be empty (history, an optional
    link) and stops the restore anywhere else.
    """
    target = field.related_model
    if target not in _school_models() and target._base_manager.filter(pk=value).exists():
        return value
    if field.null or field.many_to_many or _base_label(model):
        return None
    raise RestoreError(
        f"{model._meta.label}.{field.name} points at a row that is not in the archive ({value})."
    )


def _school_models() -> set:
    historical = {model for model, _path in historical_models()}
    return {School, User, *scoped_models(), *historical}


def _check_database(manifest: dict, archive: zipfile.ZipFile) -> None:
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RestoreError("The database is not migrated: run `manage.py migrate` first.")
    if manifest.get("format") != FORMAT_VERSION:
        raise RestoreError(f"Unknown archive format {manifest.get('format')!r}.")
    existing = School.objects.filter(uid=manifest["uid"]).first()
    if existing:
        raise RestoreError(
            f"This school is already here (id {existing.pk}, {existing.name}): "
            "a school is restored only once into a database."
        )
    logins = [row["fields"]["username"] for row in _lines(archive) if row["model"] == "school.user"]
    taken = sorted(User.objects.filter(username__in=logins).values_list("username", flat=True))
    if taken:
        raise RestoreError(
            "These logins belong to users already here: "
            + ", ".join(taken)
            + ". Rename them here (or in the archive's database) first."
        )


def _save_files(archive: zipfile.ZipFile, written: list[str]) -> dict[str, str]:
    """Copy the archive's files into storage; a name that is taken gets a free one."""
    names = {}
    for member in archive.namelist():
        if not member.startswith(MEDIA) or member.endswith("/"):
            continue
        name = member.removeprefix(MEDIA)
        if Path(name).is_absolute() or ".." in Path(name).parts:
            raise RestoreError(f"Unsafe file name in the archive: {member}")
        with archive.open(member) as source:
            saved = default_storage.save(name, File(source, name=Path(name).name))
        written.append(saved)
        names[name] = saved
    return names


def import_school(path: str | Path) -> School:
    """Restore the school of the archive at `path` with new keys; all or nothing."""
    written: list[str] = []
    with zipfile.ZipFile(path) as archive, scopes_disabled():
        try:
            manifest = json.loads(archive.read(MANIFEST))
        except (KeyError, ValueError) as error:
            raise RestoreError("This is not a school archive (no manifest).") from error
        _check_database(manifest, archive)
        keys = _KeyMap()
        for row in _lines(archive):
            keys.collect(row)
        try:
            with transaction.atomic():
                keys.allocate()
                file_names = _save_files(archive, written)
                touched = set()
                with connection.constraint_checks_disabled():
                    for row in _lines(archive):
                        for obj in serializers.deserialize(
                            "python", [_remap(row, keys, file_names)]
                        ):
                            # force_insert: a key that is taken fails loudly, never updates.
                            models.Model.save_base(obj.object, raw=True, force_insert=True)
                            for name, values in (obj.m2m_data or {}).items():
                                getattr(obj.object, name).set(values)
                            touched.add(type(obj.object))
                connection.check_constraints(
                    table_names=sorted({model._meta.db_table for model in touched})
                )
                _advance_sequences(keys)
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
        return School.objects.get(uid=manifest["uid"])


def _advance_sequences(keys: _KeyMap) -> None:
    """Every table's key sequence past the keys the restore gave out."""
    with connection.cursor() as cursor:
        for label, mapping in keys.new.items():
            if not mapping:
                continue
            model = apps.get_model(label)
            table, column = model._meta.db_table, model._meta.pk.column
            highest = max(mapping.values())
            if connection.vendor == "postgresql":
                # Never moves a sequence back: keys given out before stay given out.
                cursor.execute(
                    "SELECT setval(s::regclass, GREATEST(%s, COALESCE(pg_sequence_last_value(s::regclass), 0))) "
                    "FROM pg_get_serial_sequence(%s, %s) AS s",
                    [highest, table, column],
                )
            elif connection.vendor == "sqlite":
                cursor.execute(
                    "UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s",
                    [highest, table],
                )
