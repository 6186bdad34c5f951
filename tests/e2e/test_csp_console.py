"""The deputy's key pages run without a console error or a Content-Security-Policy violation,
and the plans page's year selector changes the year, by its button and by the select alone."""

import re

from django_scopes import scopes_disabled
from playwright.sync_api import expect

from .conftest import login

# Reported by the page itself: Chromium also logs a violation as a console error, this
# catches it even where it does not (e.g. a report-only policy).
WATCH_CSP = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`
                + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


def _watch(page):
    """Collects every console error, CSP violation and uncaught exception of the page."""
    problems = []
    page.add_init_script(WATCH_CSP)
    page.on(
        "console",
        lambda msg: problems.append(f"{page.url}: {msg.text}") if msg.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    return problems


def _protocol(demo):
    from meetings.models import Meeting

    with scopes_disabled():
        return (
            Meeting.objects.filter(council=demo.councils["current"], status=Meeting.Status.APPROVED)
            .order_by("date")
            .first()
        )


def test_deputy_pages_have_no_console_errors(page, live_server, demo_school):
    protocol = _protocol(demo_school)
    assert protocol is not None, "the demo has an approved protocol in the current year"
    problems = _watch(page)
    login(page, live_server, "deputy")
    pages = [
        "/",
        "/plans/",
        "/meetings/",
        f"/meetings/{protocol.pk}/",
        "/meetings/decisions/",
        "/staff/",
        "/observations/all/",
        "/reports/quarterly/",
    ]
    for path in pages:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, f"{path}: {response.status}"
        page.wait_for_load_state("load")
        expect(page.locator("main h1").first).to_be_visible()
    assert not problems, "\n".join(problems)


def test_plans_year_selector_changes_the_year(browser, page, live_server, demo_school):
    current, previous = demo_school.current_year, demo_school.previous_year
    heading = page.locator("main h1")
    select = page.locator("main select[name=year]")
    show = page.locator("main form[method=get] button[type=submit]")
    problems = _watch(page)
    login(page, live_server, "deputy")
    page.goto(f"{live_server.url}/plans/")
    expect(heading).to_contain_text(current.name)

    # A click of the button: the select is set without a change event, the button sends it.
    select.evaluate("(select, value) => { select.value = value; }", str(previous.pk))
    show.click()
    expect(page).to_have_url(re.compile(rf"\?year={previous.pk}$"))
    expect(heading).to_contain_text(previous.name)

    # A change of the select alone shows the chosen year.
    select.select_option(str(current.pk))
    expect(page).to_have_url(re.compile(rf"\?year={current.pk}$"))
    expect(heading).to_contain_text(current.name)
    expect(select).to_have_value(str(current.pk))
    assert not problems, "\n".join(problems)

    # Without JavaScript the same button is there and does the same.
    context = browser.new_context(java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.set_default_timeout(15000)
        login(plain, live_server, "deputy")
        plain.goto(f"{live_server.url}/plans/")
        plain.locator("main select[name=year]").select_option(str(previous.pk))
        plain.locator("main form[method=get] button[type=submit]").click()
        expect(plain).to_have_url(re.compile(rf"\?year={previous.pk}$"))
        expect(plain.locator("main h1")).to_contain_text(previous.name)
    finally:
        context.close()
