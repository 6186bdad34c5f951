"""Choosing several people: the deputy names a speaker by typing part of the name and two people
responsible for a decision by clicking their names; both are kept (a native multi-select kept
only the last one clicked). On a 360 px phone the list fits the screen and scrolls inside."""

import datetime
import re

from playwright.sync_api import expect

from school.selectors import today

from .conftest import login, screenshot


def test_deputy_chooses_two_responsible_and_a_speaker(page, live_server, demo_school):
    first, second = demo_school.staff["Жээнбеков"], demo_school.staff["Абдыкеримов"]
    speaker = demo_school.staff["Сыдыкова"]
    day = min(today(), demo_school.current_year.end_date)

    login(page, live_server, "deputy")
    page.goto(f"{live_server.url}/meetings/new/")
    page.fill("input[name=date]", day.isoformat())
    page.fill("input[name=time]", "15:00")
    page.fill("input[name=place]", "Мугалимдер бөлмөсү")
    page.locator("main input[name=save]").click()
    page.wait_for_load_state()
    assert re.search(r"/meetings/\d+/$", page.url), page.url
    meeting_url = page.url

    # The speaker by keyboard: type part of the name in the list's search box, Enter ticks it
    # (and does not send the form).
    page.locator("main a[href$='/agenda/new/']").click()
    page.fill("textarea[name=title]", "Окуучулардын жетишкендиктери")
    speakers = page.locator("#id_speakers")
    search = speakers.get_by_label("Тизмеден издөө")
    search.focus()
    page.keyboard.type("сыдык")
    expect(speakers.locator(".choice-list-option:visible")).to_have_count(1)
    page.keyboard.press("Enter")
    assert page.url.endswith("/agenda/new/")
    expect(
        speakers.get_by_role("button", name=f"Тандалгандардан алып салуу: {speaker.full_name}")
    ).to_be_visible()
    page.locator("main input[name=save]").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Окуучулардын жетишкендиктери")
    expect(page.locator("main")).to_contain_text(speaker.short_name)

    # Two responsible people by clicking their names one after the other; a third clicked by
    # mistake is taken off again by its chip.
    page.locator("main a[href*='/decisions/new/']").last.click()
    page.fill("textarea[name=text]", "Жетишкендиктер боюнча отчет даярдалсын.")
    responsible = page.locator("#id_responsible")
    for person in (first, speaker, second):
        responsible.get_by_text(person.full_name, exact=True).click()
    responsible.get_by_role(
        "button", name=f"Тандалгандардан алып салуу: {speaker.full_name}"
    ).click()
    expect(responsible.locator(".choice-list-chip", has_text=first.full_name)).to_be_focused()
    page.fill("input[name=due_date]", (day + datetime.timedelta(days=14)).isoformat())
    page.locator("main input[name=save]").click()
    page.wait_for_load_state()
    assert page.url.startswith(meeting_url), page.url
    decision = page.locator("main li[id^=decision-]", has_text="Жетишкендиктер боюнча")
    shown = decision.inner_text()
    assert first.last_name in shown and second.last_name in shown, shown
    assert speaker.last_name not in shown

    # On a phone the edit form's list fits the screen and scrolls inside itself.
    page.set_viewport_size({"width": 360, "height": 740})
    decision.locator("a[href$='/edit/']").click()
    box = page.locator("#id_responsible").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    options = page.locator("#id_responsible .choice-list-options")
    assert options.evaluate("e => e.scrollHeight > e.clientHeight")
    assert options.bounding_box()["height"] < 740
    expect(responsible.locator("input:checked")).to_have_count(2)
    screenshot(page, "choose-people-phone")
