"""On a phone (360 × 740): a teacher records a visit and submits it; the observed teacher
acknowledges it. Typed text survives a reload (kept in the browser until saved)."""

from django_scopes import scopes_disabled

from observations.models import Observation

from .conftest import login, screenshot

TOPIC = "Бөлчөктөрдү көбөйтүү: телефондон жазылды"


def test_record_submit_and_acknowledge_on_a_phone(phone_page, live_server, demo_school):
    page = phone_page
    login(page, live_server, "mahead")
    page.goto(f"{live_server.url}/observations/new/")
    page.select_option("select[name=teacher]", label="Сыдыкова Үмүт Медеровна")
    page.select_option("select[name=lesson_number]", "2")
    page.select_option("select[name=grade]", "6")
    page.select_option("select[name=class_letter]", "Б")
    page.select_option("select[name=subject]", label="Математика")
    page.fill("input[name=topic]", TOPIC)
    page.select_option("select[name=lesson_type]", "combined")
    page.select_option("select[name=purpose]", "young_specialist")

    # The connection drops: on reloading, what was typed comes back from the browser.
    page.reload()
    assert page.input_value("input[name=topic]") == TOPIC
    assert page.locator("#draft-restored").is_visible()

    groups = page.locator(".score-field")
    count = groups.count()
    assert count == 11  # the demo card, version 2
    for index in range(count):
        button = groups.nth(index).locator("label.score-btn", has_text="4")
        box = button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44  # a large tap target
        button.click()
    page.fill("textarea[name=recommendations]", "Окуучулардын өз алдынча ишин көбөйтүү.")
    page.fill("textarea[name=conclusion]", "Сабактын максатына жетишилди.")
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "observation-form-phone")
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_load_state()
    assert "/observations/" in page.url and "saved=1" in page.url
    assert TOPIC in page.content()
    assert page.evaluate("Object.keys(localStorage).length") == 0  # saved: forgotten locally

    with scopes_disabled():
        visit = Observation.objects.get(topic=TOPIC)
        assert visit.status == Observation.Status.SUBMITTED
        assert visit.scores.count() == 11 and {s.value for s in visit.scores.all()} == {4}

    page.context.clear_cookies()
    login(page, live_server, "teacher")
    page.goto(f"{live_server.url}/observations/about-me/")
    page.locator("#to-acknowledge a", has_text=TOPIC).click()
    page.wait_for_load_state()
    page.fill("textarea[name=response]", "Сунуштарды эске алам.")
    screenshot(page, "observation-acknowledge-phone")
    page.locator("#acknowledge button[type=submit]").click()
    page.wait_for_load_state()
    assert "Сунуштарды эске алам." in page.content()
    assert page.locator("#acknowledge").count() == 0

    with scopes_disabled():
        visit.refresh_from_db()
        assert visit.status == Observation.Status.ACKNOWLEDGED
        assert visit.teacher_response == "Сунуштарды эске алам."
