"""Reads on the change history kept by django-simple-history (who, when, what changed).

A record's history is found through its historical table, filtered by the same path to the
school as the record itself, so the history of a deleted draft is still found, and never
another school's.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .tenancy import school_path

CHANGE_KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


def tracked_models() -> dict[str, type[models.Model]]:
    """label -> model for every scoped model of the project that keeps a history."""
    result = {}
    for label in settings.PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            if school_path(model) and hasattr(model, "history"):
                result[model._meta.label_lower] = model
    return result


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    when: object
    who: str
    kind: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _display(model_field, value, related_names) -> str:
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        return related_names.get(model_field.name, {}).get(value, f"#{value}")
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def record_history(*, model, pk, school_id) -> list[Entry]:
    """The entries of one record, newest first; empty when the record is not of that school."""
    historical = model.history.model
    rows = list(
        historical.objects.filter(**{school_path(model): school_id, model._meta.pk.attname: pk})
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    fields = {
        f.name: f
        for f in model._meta.concrete_fields
        if f.name not in {"id", "updated_at", "created_at", "version"}
    }
    # Names of related records, fetched once per field.
    related_names = {}
    for name, f in fields.items():
        if isinstance(f, models.ForeignKey):
            ids = {getattr(r, f.attname) for r in rows} - {None}
            if ids:
                objects = f.related_model._base_manager.in_bulk(ids)
                related_names[name] = {pk: str(obj) for pk, obj in objects.items()}
    entries = []
    previous = None
    for row in rows:
        user = row.history_user
        entry = Entry(
            when=row.history_date,
            who=(user.get_full_name() or user.username) if user else "—",
            kind=str(CHANGE_KINDS.get(row.history_type, row.history_type)),
            reason=row.history_change_reason or "",
        )
        for f in fields.values():
            new = getattr(row, f.attname)
            old = getattr(previous, f.attname) if previous is not None else None
            if previous is None and row.history_type == "+" and new in (None, ""):
                continue
            if previous is None or old != new:
                entry.changes.append(
                    Change(
                        field=str(f.verbose_name),
                        old=_display(f, old, related_names) if previous is not None else "",
                        new=_display(f, new, related_names),
                    )
                )
        entries.append(entry)
        previous = row
    entries.reverse()
    return entries
