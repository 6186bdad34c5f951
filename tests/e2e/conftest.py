"""Browser tests: Debian's Chromium driven by Playwright, against the live test server.

They skip (with the reason) only when Chromium is missing and E2E_REQUIRED is unset;
in CI (E2E_REQUIRED=1) a missing browser fails them.
"""

import datetime
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import SCHOOL_DAY_OFFSET, clock_at

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTEFACTS = Path(__file__).resolve().parents[2] / "artefacts"
# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# the test itself (fixtures, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/") or "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("E2E_REQUIRED"):
            pytest.fail(f"Chromium not found at {CHROMIUM} and E2E_REQUIRED is set")
        pytest.skip(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium to run browser tests"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@contextmanager
def _browser_page(browser, width, height):
    context = browser.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def page(browser):
    with _browser_page(browser, 1280, 900) as page:
        yield page


@pytest.fixture
def phone_page(browser):
    """A 360 px phone screen, as a teacher's in the classroom."""
    with _browser_page(browser, 360, 740) as page:
        yield page


@pytest.fixture
def demo_school(transactional_db):
    """The full demo school in the live server's database, seeded and browsed on a school day
    of the current (in the summer, the just ended) year, so that the demo has meetings held and
    to come, whatever the real date."""
    from django_scopes import scopes_disabled

    from demo import seed
    from school.selectors import today

    real = today()
    start_year = real.year if real.month >= 9 else real.year - 1
    with clock_at(datetime.date(start_year, 9, 1) + SCHOOL_DAY_OFFSET):
        with scopes_disabled():
            demo = seed.seed()
        yield demo


def login(page, live_server, username, password="kenesh-demo"):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def screenshot(page, name):
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)
