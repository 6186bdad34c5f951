"""No page runs inline JavaScript: the Content-Security-Policy blocks it, so a control wired
that way silently does nothing. Every GET page of the permission walk is fetched as every role
that may see it; each HTML page must be free of inline event handler attributes (onclick,
onchange, ...), of <script> elements without src and of javascript: URLs."""

from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.urls import reverse

from conftest import client_for

from .permission_table import ROLES
from .test_permission_walk import all_url_names, expected_table

# Attributes that may hold a URL (a javascript: URL there runs inline code).
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster"}


class InlineScriptFinder(HTMLParser):
    """Collects, as readable lines, everything in a page that the CSP would block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if name.startswith("on") and len(name) > 2:
                self.problems.append(f"line {line}: <{tag} {name}=...> (inline event handler)")
            elif name in URL_ATTRIBUTES and value is not None:
                if "".join(value.split()).lower().startswith("javascript:"):
                    self.problems.append(f"line {line}: <{tag} {name}={value!r}> (javascript: URL)")
        if tag == "script" and not dict(attrs).get("src"):
            self.problems.append(f"line {line}: <script> without src (inline script)")

    handle_startendtag = handle_starttag


def inline_script_problems(html):
    finder = InlineScriptFinder()
    finder.feed(html)
    finder.close()
    return finder.problems


def test_the_finder_sees_each_kind_of_inline_script():
    html = (
        '<select onchange="this.form.submit()"></select>'
        "<script>alert(1)</script>"
        '<a href=" JavaScript:void(0)">x</a>'
        '<button ONCLICK="go()">go</button>'
        '<script src="/static/js/autosubmit.js"></script>'
        '<select data-autosubmit class="one"></select><a href="/javascript/">ok</a>'
    )
    problems = inline_script_problems(html)
    assert len(problems) == 4, problems
    assert "onchange" in problems[0]
    assert "inline script" in problems[1]
    assert "javascript: URL" in problems[2]
    assert "onclick" in problems[3]


# Who fetches a page about one object: the first of these the table lets see it.
PREFERRED = ["deputy", "director", "mahead", "secretary", "teacher", "other_school", "admin"]


def _html_pages(world):
    """(name, url, roles) for every URL name whose table expects a 200: a page without an
    object in its URL (home, lists, the role-dependent dashboards) as every role that may see
    it, a page about one object as one role that may see it (it keeps the walk under a minute).

    Each page's objects are made inside a savepoint rolled back after its requests, so that
    every page starts from the same `world`, as in the permission walk."""
    table = expected_table()
    for name in all_url_names():
        row = table[name]
        roles = [role for role in ROLES if row.expect[role] == 200]
        if row.kwargs and roles:
            roles = [next((r for r in PREFERRED if r in roles), roles[0])]
        if not roles:
            continue
        with transaction.atomic():
            kwargs = row.kwargs(world) if row.kwargs else {}
            url = reverse(name, kwargs=kwargs) + (f"?{row.query}" if row.query else "")
            yield name, url, roles
            transaction.set_rollback(True)


def test_no_page_has_inline_javascript(world, client):
    failures = []
    checked = 0
    for name, url, roles in _html_pages(world):
        for role in roles:
            client.logout()
            client_for(client, world.users[role])
            response = client.get(url)
            if response.status_code != 200:
                continue  # The permission walk reports unexpected statuses.
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            checked += 1
            html = b"".join(response).decode(response.charset or "utf-8")
            failures += [f"{name} as {role} ({url}): {p}" for p in inline_script_problems(html)]
    assert checked > 50, f"only {checked} HTML pages were checked"
    assert not failures, "Inline JavaScript (blocked by the CSP):\n" + "\n".join(failures)


@pytest.mark.parametrize("role", ["deputy", "teacher"])
def test_plans_year_selector_works_without_javascript(world, client, role):
    """The year selector has a visible submit button, not one hidden in <noscript>."""
    client_for(client, world.users[role])
    html = client.get(reverse("plans:index")).content.decode()
    form = html[html.index('<form method="get"') :]
    form = form[: form.index("</form>")]
    assert "data-autosubmit" in form
    assert 'type="submit"' in form
    assert "<noscript>" not in form
