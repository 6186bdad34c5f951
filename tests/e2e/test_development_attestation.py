"""The deputy opens the list of teachers due for attestation (P3.5), writes the council's
characteristic of a teacher whose attestation is in progress, with her lesson visits beside
it, and downloads its PDF in Russian and in Kyrgyz."""

import io

from django_scopes import scopes_disabled
from pypdf import PdfReader

from development.models import Characteristic

from .conftest import login, screenshot

TEXT = (
    "Кадырова Мээрим Бакытовна мектепте 11 жылдан бери физика мугалими болуп иштейт. "
    "Сабактарында долбоордук ыкманы колдонот, окуучулары олимпиадаларда байге ээлешет.\n"
    "Методикалык кеңеш аны жогорку категорияга сунуштайт."
)


def _pdf_text(download) -> str:
    reader = PdfReader(io.BytesIO(open(download.path(), "rb").read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_deputy_writes_a_characteristic_from_the_due_list(page, live_server, demo_school):
    login(page, live_server, "deputy")
    menu = page.get_by_role("navigation", name="Башкы меню")
    menu.get_by_role("button", name="Кесиптик өсүү").click()
    menu.get_by_role("link", name="Аттестациядан өтүүчүлөр").click()
    this_year = page.locator("#this-year")
    row = this_year.locator("tr", has_text="Кадырова Мээрим Бакытовна")
    assert row.get_by_text("аттестация жүрүп жатат").is_visible()
    screenshot(page, "development-due-list")
    row.get_by_role("link", name="Мүнөздөмө").click()

    # The visits of the period stand beside the text.
    page.wait_for_selector("#visits")
    assert page.locator("#visits li").count() > 0
    page.fill("textarea[name=text]", TEXT)
    page.get_by_role("button", name="Мүнөздөмөнү сактоо").click()
    assert page.get_by_text("Мүнөздөмө сакталды.").is_visible()
    assert page.input_value("textarea[name=text]").startswith("Кадырова Мээрим")
    screenshot(page, "development-characteristic")
    with scopes_disabled():
        saved = Characteristic.objects.select_related("attestation__staff").get(
            attestation__staff__last_name="Кадырова"
        )
        assert saved.text.startswith("Кадырова Мээрим Бакытовна мектепте")
        assert saved.written_by.last_name == "Өмүрбекова"

    with page.expect_download() as russian:
        page.get_by_role("link", name="Русский").last.click()
    text = _pdf_text(russian.value)
    assert "ХАРАКТЕРИСТИКА" in text
    assert "Заявленная категория" in text
    assert "олимпиадаларда байге ээлешет" in text
    assert "Посещённые уроки" in text

    with page.expect_download() as kyrgyz:
        page.get_by_role("link", name="Кыргызча").last.click()
    text = _pdf_text(kyrgyz.value)
    assert "МҮНӨЗДӨМӨ" in text and "Талапкер болгон категория" in text
