"""Fewer steps for everyday tasks: one click to acknowledge a visit, several plan items on the
next meeting's agenda at once, a visit form that points at what is missing, a language switch
that does not lose typed text, filter labels that read as labels."""

from django_scopes import scopes_disabled

from observations.models import Observation

from .conftest import login


def test_acknowledging_a_visit_is_one_button(page, live_server, demo_school):
    login(page, live_server, "teacher")
    page.goto(f"{live_server.url}/observations/about-me/")
    row = page.locator("#to-acknowledge a.list-group-item").first
    title = row.locator(".fw-semibold")
    # The row reads as a link: underlined, in the link colour.
    assert "underline" in title.evaluate("e => getComputedStyle(e).textDecorationLine")
    row.click()
    page.wait_for_load_state()
    assert page.locator("#acknowledge input[type=checkbox]").count() == 0
    page.get_by_role("button", name="Окудум").click()
    page.wait_for_load_state()
    assert page.locator("#acknowledge").count() == 0
    pk = int(page.url.rstrip("/").split("/")[-1].split("?")[0])
    with scopes_disabled():
        assert Observation.objects.get(pk=pk).status == Observation.Status.ACKNOWLEDGED


def _council_plan(demo):
    from plans.models import CouncilPlan

    with scopes_disabled():
        return CouncilPlan.objects.get(council=demo.councils["current"])


def test_the_next_meeting_is_chosen_and_two_items_go_on_it(page, live_server, demo_school):
    from meetings.models import Meeting
    from school.selectors import today

    plan = _council_plan(demo_school)
    with scopes_disabled():
        free = list(plan.items.filter(agenda_item__isnull=True).order_by("planned_start", "pk"))
        following = (
            Meeting.objects.filter(council=plan.council, date__gte=today())
            .exclude(status=Meeting.Status.APPROVED)
            .order_by("date", "number")
            .first()
        )
    first, second = free[0], free[1]
    login(page, live_server, "deputy")
    page.goto(f"{live_server.url}/plans/council/{plan.pk}/?group=quarter")
    row = page.locator(f"tr[data-item='{first.pk}']")
    row.get_by_role("link", name="Күн тартибине").click()
    page.wait_for_load_state()
    assert page.input_value("select[name=meeting]") == str(following.pk)
    assert page.is_checked(f"input[name=items][value='{first.pk}']")
    page.check(f"input[name=items][value='{second.pk}']")
    page.locator("input[name=save]").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/plans/council/{plan.pk}/?group=quarter#item-{first.pk}")
    for item in (first, second):
        assert page.locator(f"#item-{item.pk} [data-agenda]").is_visible()


def test_the_visit_form_names_the_missing_fields_and_focuses_the_first(
    page, live_server, demo_school
):
    login(page, live_server, "mahead")
    page.goto(f"{live_server.url}/observations/new/")
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_load_state()
    banner = page.locator("#visit-errors")
    assert "сакталды" not in banner.inner_text()  # not both "not saved" and "saved"
    first = banner.locator("a[data-field]").first
    assert first.inner_text() == page.locator("label[for=id_teacher]").inner_text().strip(" *")
    assert page.evaluate("document.activeElement.name") == first.get_attribute("data-field")


def test_switching_the_language_asks_before_losing_typed_text(page, live_server, demo_school):
    plan = _council_plan(demo_school)
    login(page, live_server, "deputy")
    page.goto(f"{live_server.url}/plans/council/{plan.pk}/items/new/")
    page.fill("textarea[name=activity]", "Тегерек стол")
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.locator(".language-switcher button[value=ru]").click()
    page.wait_for_timeout(300)
    assert questions and page.locator("html").get_attribute("lang") == "ky"
    assert page.input_value("textarea[name=activity]") == "Тегерек стол"


def test_the_register_filter_labels_read_as_labels(page, live_server, demo_school):
    login(page, live_server, "deputy")
    for language in ("ky", "ru"):
        page.goto(f"{live_server.url}/meetings/decisions/?lang={language}")
        if page.locator("html").get_attribute("lang") != language:
            page.locator(f".language-switcher button[value={language}]").click()
            page.wait_for_load_state()
        for name in ("due_from", "due_to"):
            label = page.locator(f"label[for=id_{name}]").inner_text()
            assert "..." not in label and "…" not in label
