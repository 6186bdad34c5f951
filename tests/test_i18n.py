"""Kyrgyz (the default) and Russian are complete for every string; English is the source."""

import os
import shutil
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
sys.path.insert(0, str(ROOT / "scripts"))
from messages import extract, po_files  # noqa: E402


def test_every_catalog_is_complete_and_not_fuzzy():
    problems = []
    files = po_files(ROOT)
    assert {p.parts[-3] for p in files} == {"ky", "ru"}
    for path in files:
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                problems.append(f"{path.relative_to(ROOT)}: fuzzy: {entry.msgid!r}")
            elif not entry.translated():
                problems.append(f"{path.relative_to(ROOT)}: untranslated: {entry.msgid!r}")
    assert not problems, "\n".join(problems)


def test_catalogs_hold_every_string_of_the_code(tmp_path):
    """Extract the strings afresh from a copy of the tree: none may be missing from the catalogs."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI") or os.environ.get("E2E_REQUIRED"):
            pytest.fail("xgettext (Debian's gettext) is needed to check the catalogs")
        pytest.skip("xgettext not installed: apt-get install gettext")
    copy = tmp_path / "tree"
    ignore = shutil.ignore_patterns(
        ".venv", "var", ".git", "static", "artefacts", "__pycache__", "*.mo", "node_modules"
    )
    shutil.copytree(ROOT, copy, ignore=ignore)
    extract(root=copy)
    missing = []
    for fresh in po_files(copy):
        committed = ROOT / fresh.relative_to(copy)
        known = (
            {e.msgid for e in polib.pofile(str(committed)) if not e.obsolete}
            if committed.exists()
            else set()
        )
        for entry in polib.pofile(str(fresh)):
            if entry.msgid and entry.msgid not in known:
                missing.append(f"{committed.relative_to(ROOT)}: {entry.msgid!r}")
    assert not missing, "Run `make messages` and translate:\n" + "\n".join(missing)


@pytest.mark.parametrize(
    ("cookie", "expected_lang", "expected_text"),
    [(None, "ky", "Башкы бет"), ("ru", "ru", "Главная"), ("en", "en", "Home")],
)
def test_pages_speak_the_chosen_language(client, world, cookie, expected_lang, expected_text):
    client.force_login(world.users["deputy"])
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert f'<html lang="{expected_lang}">' in response.content.decode()
    assert expected_text in response.content.decode()


def test_language_switch_remembers_the_choice(client, world):
    client.force_login(world.users["teacher"])
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/calendar/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert "Учебные годы" in client.get("/calendar/").content.decode()
