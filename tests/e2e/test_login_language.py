"""The deputy logs in, switches the language to Russian and back to Kyrgyz."""

from .conftest import login, screenshot


def test_deputy_switches_language(page, live_server, demo_school):
    login(page, live_server, "deputy")
    assert page.locator("html").get_attribute("lang") == "ky"
    assert "Айнура" in page.content()

    page.locator(".language-switcher button[value=ru]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.title().startswith("Главная")
    screenshot(page, "deputy-home-ru")

    # The choice is remembered on the next page.
    page.goto(f"{live_server.url}/calendar/")
    assert page.locator("html").get_attribute("lang") == "ru"

    page.locator(".language-switcher button[value=ky]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ky"
    screenshot(page, "deputy-calendar-ky")
