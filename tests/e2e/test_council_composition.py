"""The deputy confirms a new year's council: refused at 4 members (R4.3), a member added,
confirmed, and the official composition list downloaded as PDF and read back."""

import datetime
import io

from django_scopes import scopes_disabled
from pypdf import PdfReader

from council import services
from school.services import academic_year_create

from .conftest import login, screenshot


def _four_member_draft(demo):
    """A draft council of 4 for the academic year after the demo's current one."""
    start = demo.current_year.start_date.year + 1
    with scopes_disabled():
        year = academic_year_create(
            school=demo.school,
            start_date=datetime.date(start, 9, 1),
            end_date=datetime.date(start + 1, 5, 31),
        )
        council = services.council_create(academic_year=year)
        staff = demo.staff
        for surname, roles in [
            ("Өмүрбекова", ["administration"]),
            ("Мамытова", ["researcher"]),
            ("Жээнбеков", ["ma_head"]),
            ("Бектурганова", ["ma_head"]),
        ]:
            services.membership_add(
                council=council, staff=staff[surname], roles=roles, joined_on=year.start_date
            )
        services.council_set_officers(
            council=council, chair=staff["Өмүрбекова"], secretary=staff["Мамытова"]
        )
    return year, council


def test_deputy_confirms_the_composition_and_downloads_it(page, live_server, demo_school):
    year, council = _four_member_draft(demo_school)
    newcomer = demo_school.staff["Иванова"]
    login(page, live_server, "deputy")
    page.goto(f"{live_server.url}/council/?year={year.pk}")

    # The page says why the draft cannot be confirmed before anyone tries (R4.3).
    problems = page.locator("#confirmation-problems")
    assert "Кеңеште 4 мүчө бар" in problems.inner_text()
    assert page.locator("#composition tbody tr").count() == 4

    # The deputy tries anyway and is told why not; nothing changes.
    page.get_by_role("button", name="Курамды бекитүү").click()
    page.wait_for_load_state()
    errors = page.locator("#confirm-errors")
    assert "Курамды бекитүүгө болбойт" in errors.inner_text()
    assert "4 мүчө" in errors.inner_text()
    assert "5–19" in errors.inner_text()
    screenshot(page, "council-confirm-refused")

    # A fifth member joins with two roles.
    page.goto(f"{live_server.url}/council/?year={year.pk}")
    page.get_by_role("link", name="Мүчө кошуу").click()
    page.select_option("select[name=staff]", str(newcomer.pk))
    page.check("input[name=roles][value=ma_head]")
    page.check("input[name=roles][value=innovative_teacher]")
    assert page.input_value("input[name=joined_on]") == year.start_date.isoformat()
    page.locator("main form input[type=submit], main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator("#composition tbody tr").count() == 5
    assert newcomer.full_name in page.locator("#composition").inner_text()
    assert page.locator("#confirmation-problems").count() == 0

    # Now the composition can be confirmed.
    page.get_by_role("button", name="Курамды бекитүү").click()
    page.wait_for_load_state()
    assert "бекитилди" in page.locator("main .alert-success").inner_text()
    assert "бекитилген" in page.locator("h1").inner_text()
    screenshot(page, "council-confirmed")

    # The official list, in Kyrgyz, read back from the PDF.
    with page.expect_download() as download_info:
        page.locator("a[lang=ky][href*='composition.pdf']").click()
    download = download_info.value
    assert (
        download.suggested_filename
        == f"composition-{year.start_date.year}-{year.end_date.year}.pdf"
    )
    reader = PdfReader(io.BytesIO(open(download.path(), "rb").read()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Методикалык кеңештин курамы" in text
    for surname in ("Өмүрбекова", "Мамытова", "Жээнбеков", "Бектурганова", "Иванова"):
        assert surname in text
    assert "мугалим-новатор" in text
    for letter in "ҢӨҮ":
        assert letter in text.upper()
