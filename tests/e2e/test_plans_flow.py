"""The head of an association plans, the deputy builds the council's plan from it (R5.1)
and puts an item on the agenda of the next meeting."""

import re

from django_scopes import scope, scopes_disabled
from playwright.sync_api import expect

from .conftest import login, screenshot

FIRST = "Ачык сабак: «Көп мүчөлөрдү көбөйтүү» (7-класс)"
SECOND = "Семинар: «Математикадан долбоордук иштер»"


def _logout(page):
    page.locator("nav .dropdown-toggle").last.click()
    page.locator("form[action$='/accounts/logout/'] button").click()
    page.wait_for_load_state()


def _next_meeting(demo):
    from meetings.models import Meeting

    with scopes_disabled():
        return (
            Meeting.objects.filter(council=demo.councils["current"])
            .exclude(status=Meeting.Status.APPROVED)
            .order_by("date")
            .first()
        )


def test_head_plans_deputy_takes_two_and_puts_one_on_the_agenda(page, live_server, demo_school):
    head = demo_school.staff["Жээнбеков"]
    with scope(school=demo_school.school.pk):
        association = head.headed_associations.first()
    meeting = _next_meeting(demo_school)
    assert meeting is not None, "the demo has a meeting to come in the current year"

    # The head of the association adds two items to the association's plan.
    login(page, live_server, "mahead")
    page.goto(f"{live_server.url}/plans/")
    page.get_by_role("link", name=association.name).click()
    expect(page.locator("h1")).to_contain_text(association.name)
    for activity, month, form in ((FIRST, "12", "open_lesson"), (SECOND, "2", "seminar")):
        page.get_by_role("link", name="Иш-чара кошуу").click()
        page.fill("textarea[name=activity]", activity)
        page.select_option("select[name=form]", form)
        page.select_option("select[name=month]", month)
        page.check(f"input[name=responsible][value='{head.pk}']")
        page.fill("textarea[name=expected_result]", "Тажрыйба алмашуу, методикалык сунуштар")
        page.locator("input[name=save]").click()
        page.wait_for_load_state()
        expect(page.locator(".alert-success")).to_be_visible()
        expect(page.locator("main")).to_contain_text(activity)

    # Bad input: July is outside the school year; the error shows by the field, input kept.
    page.get_by_role("link", name="Иш-чара кошуу").click()
    page.fill("textarea[name=activity]", "Жайкы лагерь")
    page.select_option("select[name=month]", "7")
    page.locator("input[name=save]").click()
    expect(page.locator("#id_month").locator("xpath=..")).to_contain_text("окуу жылынын сыртында")
    expect(page.locator("textarea[name=activity]")).to_have_value("Жайкы лагерь")
    screenshot(page, "plans-item-outside-year")
    _logout(page)

    # The deputy takes both into the council's plan.
    login(page, live_server, "deputy")
    page.goto(f"{live_server.url}/plans/")
    page.get_by_role("link", name=re.compile("Методикалык кеңештин .* иш планы")).click()
    page.get_by_role("link", name="Бирикмелердин пландарынан алуу").click()
    page.get_by_label(FIRST).check()
    page.get_by_label(SECOND).check()
    screenshot(page, "plans-take-items")
    page.get_by_role("button", name="Тандалгандарды алуу").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("2")
    first_row = page.locator("tr", has_text=FIRST)
    expect(first_row).to_contain_text(association.name)
    expect(page.locator("tr", has_text=SECOND)).to_be_visible()

    # ... and puts the first on the agenda of the next meeting.
    first_row.get_by_role("link", name="Күн тартибине").click()
    page.select_option("select[name=meeting]", str(meeting.pk))
    page.locator("input[name=save]").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("tr", has_text=FIRST).locator("[data-agenda]")).to_contain_text(
        meeting.date.strftime("%d.%m.%Y")
    )
    screenshot(page, "plans-council-plan")

    # The meeting's page lists the new agenda item.
    page.locator("tr", has_text=FIRST).locator("[data-agenda] a").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text(FIRST)
    with scopes_disabled():
        from plans.models import CouncilPlanItem

        taken = CouncilPlanItem.objects.get(activity=FIRST)
        assert taken.origin_item.plan.association == association
        assert taken.agenda_item.meeting == meeting
        assert CouncilPlanItem.objects.get(activity=SECOND).agenda_item is None
