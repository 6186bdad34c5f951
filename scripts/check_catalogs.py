#!/usr/bin/env python
"""Fail when a compiled catalog (.mo) does not match its .po file: run `make compilemessages`."""

import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from messages import po_files  # noqa: E402


def entries(catalog) -> dict:
    result = {}
    for entry in catalog:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.translated():
            continue
        key = (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")
        result[key] = entry.msgstr_plural and dict(entry.msgstr_plural) or entry.msgstr
    return result


def main() -> int:
    problems = []
    for po_path in po_files():
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            problems.append(f"{mo_path}: missing")
            continue
        po_entries = entries(polib.pofile(str(po_path)))
        mo_entries = entries(polib.mofile(str(mo_path)))
        if po_entries != mo_entries:
            diff = set(po_entries.items()) ^ set(
                (k, v if isinstance(v, str) else tuple(v.items())) for k, v in mo_entries.items()
            )
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
