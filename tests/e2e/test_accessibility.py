"""Every role's key pages, in Kyrgyz, as a screen reader or a low-vision user meets them.

axe-core (vendored in static/vendor/axe-core, used by these tests only) checks each page for
WCAG 2.1 A and AA problems: text contrast, form labels, landmarks, names of links and buttons.
No serious and no critical violation is allowed, and every role's menu fits on one line of
a 1366 px laptop screen. A second test walks the deputy's pages on a
390 px phone: none of them may scroll sideways.
"""

from pathlib import Path

from django_scopes import scopes_disabled

from meetings.models import Meeting

from .conftest import login

AXE = (Path(__file__).resolve().parents[2] / "static/vendor/axe-core/axe.min.js").read_text()

# The pages each role opens every week (the home page first).
DEPUTY_PAGES = [
    "/",
    "{protocol}",
    "/meetings/decisions/",
    "/council/",
    "/meetings/",
    "/plans/",
    "/reports/quarterly/",
]
ROLE_PAGES = {
    "deputy": DEPUTY_PAGES,
    "director": ["/", "/reports/annual/", "/staff/"],
    "teacher": ["/", "/meetings/decisions/mine/", "/observations/", "/growth/mine/"],
    "secretary": ["/", "{protocol}"],
    "mahead": ["/", "/experience/", "/projects/"],
}


def _protocol_url():
    with scopes_disabled():
        meeting = Meeting.objects.filter(status=Meeting.Status.APPROVED).order_by("-date").first()
    return f"/meetings/{meeting.pk}/"


def _serious_violations(page):
    """Runs axe on the page; the serious and critical violations as readable lines."""
    page.evaluate(AXE + "\n;0")
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                resultTypes: ['violations'],
            });
            return r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.length + ' × '
                     + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
        }"""
    )
    return result


def _menu_lines(page):
    return page.evaluate(
        """() => {
            const items = [...document.querySelectorAll('nav.navbar .nav-item')];
            return new Set(items.map(i => Math.round(i.getBoundingClientRect().top))).size;
        }"""
    )


def test_key_pages_have_no_serious_accessibility_problems(browser, live_server, demo_school):
    """On a 1366 px laptop screen, where each role's menu also fits on one line."""
    protocol = _protocol_url()
    problems = []
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        assert page.locator("html").get_attribute("lang") == "ky"
        problems += [f"login: {v}" for v in _serious_violations(page)]
        for username, paths in ROLE_PAGES.items():
            page.context.clear_cookies()
            login(page, live_server, username)
            lines = _menu_lines(page)
            assert lines == 1, f"{username}: the menu wraps onto {lines} lines"
            for path in paths:
                url = path.format(protocol=protocol)
                response = page.goto(f"{live_server.url}{url}")
                assert response.status == 200, (username, url, response.status)
                problems += [f"{username} {url}: {v}" for v in _serious_violations(page)]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_no_deputy_page_scrolls_sideways_on_a_phone(browser, live_server, demo_school):
    protocol = _protocol_url()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15000)
    wide = []
    try:
        login(page, live_server, "deputy")
        for path in DEPUTY_PAGES + ["/reports/annual/"]:
            url = path.format(protocol=protocol)
            page.goto(f"{live_server.url}{url}")
            page.wait_for_load_state("networkidle")
            width, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            if width > inner:
                wide.append(f"{url}: {width} px wide on a {inner} px screen")
    finally:
        context.close()
    assert not wide, "\n".join(wide)
