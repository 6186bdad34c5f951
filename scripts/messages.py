#!/usr/bin/env python
"""Extract and compile the translation catalogs.

Each app keeps its own catalog in `<app>/locale/`; the project's templates and settings
keep theirs in `locale/`. Kyrgyz (ky) and Russian (ru) are translated; English is the
language of the source strings.

    python scripts/messages.py extract [APP]   # update the .po files with new strings
    python scripts/messages.py compile [APP]   # write the .mo files
APP is an app's folder name, or "project" for templates/ and config/; none means all.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["ky", "ru"]
sys.path.insert(0, str(ROOT))


def project_apps() -> list[str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    from django.conf import settings

    return list(settings.PROJECT_APPS)


def catalog_roots(root: Path = ROOT) -> list[Path]:
    """Folders whose `locale/` holds a catalog: the project root and every app."""
    return [root] + [root / app for app in project_apps()]


def extract(root: Path = ROOT, only: str | None = None) -> None:
    """Update the catalogs of every app, or only of `only` ("project" for templates/ and config/)."""
    apps = project_apps()
    # The django-admin script, not `python -m django`: an app folder as the working directory
    # would shadow standard modules (selectors.py).
    django_admin = [str(Path(sys.executable).parent / "django-admin"), "makemessages"]
    django_admin += ["--no-obsolete", "--no-location"]
    langs = [arg for code in LANGUAGES for arg in ("-l", code)]
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    # The project's own strings: templates/ and config/ (apps are extracted on their own).
    ignores = [arg for app in apps for arg in ("-i", f"{app}/*")]
    ignores += [
        "-i",
        ".venv/*",
        "-i",
        "var/*",
        "-i",
        "scripts/*",
        "-i",
        "tests/*",
        "-i",
        "static/*",
    ]
    if only in (None, "project"):
        (root / "locale").mkdir(exist_ok=True)
        subprocess.run(django_admin + langs + ignores, cwd=root, env=env, check=True)
    for app in apps:
        if only is not None and app != only:
            continue
        app_dir = root / app
        (app_dir / "locale").mkdir(exist_ok=True)
        subprocess.run(django_admin + langs + ["-i", "tests/*"], cwd=app_dir, env=env, check=True)


def po_files(root: Path = ROOT) -> list[Path]:
    files = []
    for base in catalog_roots(root):
        files += sorted((base / "locale").glob("*/LC_MESSAGES/django.po"))
    return files


def compile_all(root: Path = ROOT, only: str | None = None) -> None:
    for po in po_files(root):
        if only == "project" and po.parents[3] != root:
            continue
        if only not in (None, "project") and po.parents[3] != root / only:
            continue
        subprocess.run(
            ["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)], check=True
        )


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    only = sys.argv[2] if len(sys.argv) > 2 else None
    if command == "extract":
        extract(only=only)
    elif command == "compile":
        compile_all(only=only)
    else:
        sys.exit(__doc__)
