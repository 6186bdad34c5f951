#!/usr/bin/env python
"""Fail when a compiled catalog (.mo) does not match its .po file: run `make compilemessages`."""

import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from messages import po_files  # noqa: E402


def entries(catalog, *, compiled: bool) -> dict:
    """Translated entries as {(context, msgid, plural): translation}; msgfmt drops the rest."""
    result = {}
    for entry in catalog:
        if not entry.msgid:
            continue  # the header
        if not compiled and (entry.obsolete or "fuzzy" in entry.flags or not entry.translated()):
            continue
        key = (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")
        if entry.msgid_plural:
            result[key] = tuple(sorted((int(k), v) for k, v in entry.msgstr_plural.items()))
        else:
            result[key] = entry.msgstr
    return result


def main() -> int:
    problems = []
    for po_path in po_files():
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            problems.append(f"{mo_path}: missing")
            continue
        po_entries = entries(polib.pofile(str(po_path)), compiled=False)
        mo_entries = entries(polib.mofile(str(mo_path)), compiled=True)
        if po_entries != mo_entries:
            diff = set(po_entries.items()) ^ set(mo_entries.items())
            problems.append(f"{mo_path}: differs from {po_path.name} ({len(diff)} entries)")
    for problem in problems:
        print(problem)
    if problems:
        print("Compiled catalogs are out of date: run `make compilemessages`.")
        return 1
    print(f"Compiled catalogs match their .po files ({len(po_files())} catalogs).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
