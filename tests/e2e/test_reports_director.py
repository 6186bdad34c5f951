"""The director reads the quarterly report of the demo school and downloads it as PDF; the
PDF's text carries the figures the page shows (R0.4, P5.3)."""

import io

from pypdf import PdfReader

from .conftest import login, screenshot

# The figures of the year so far, and two of the quarter: what a director looks at first.
FIGURES = [
    "#year-meetings",
    "#year-attendance",
    "#year-quorum",
    "#year-adopted",
    "#year-rate",
    "#year-plan",
    "#year-visits",
    "#year-score",
    "#visits-count",
    "#plans-percent",
]


def _pdf_text(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_director_opens_the_quarterly_report_and_downloads_the_pdf(
    page, live_server, demo_school, tmp_path
):
    login(page, live_server, "director")
    # The menu entry: reports are the director's and the deputy's.
    page.locator("nav a[href='/reports/quarterly/']").click()
    page.wait_for_load_state()
    assert page.url.endswith("/reports/quarterly/")
    current = demo_school.current_year
    assert current.name in page.locator("main").inner_text()
    # Four server-drawn charts at most, each with its title; the page has no inline script.
    charts = page.locator("main svg.chart")
    assert charts.count() >= 1
    for n in range(charts.count()):
        assert charts.nth(n).locator("title").first.text_content().strip()
    assert page.locator("script:not([src])").count() == 0

    # The first quarter: over, with a held meeting, decisions and visits to compare.
    page.select_option("select[name=quarter]", "1")
    page.locator("main input[name=show]").click()
    page.wait_for_load_state()
    assert "quarter=1" in page.url
    shown = {}
    for selector in FIGURES:
        element = page.locator(selector)
        if element.count():
            shown[selector] = " ".join(element.first.inner_text().split())
    assert {"#year-attendance", "#year-rate", "#year-plan", "#visits-count"} <= shown.keys()
    screenshot(page, "reports-quarterly-director")

    with page.expect_download() as download_info:
        page.locator("main a[href*='quarterly.pdf'][href*='lang=ky']").click()
    download = download_info.value
    name = f"quarterly-report-{current.start_date.year}-{current.end_date.year}-I.pdf"
    assert download.suggested_filename == name
    target = tmp_path / name
    download.save_as(target)
    text = _pdf_text(target)
    assert demo_school.school.name.upper() in text
    assert "Методикалык кеңештин чейректик отчёту" in text
    for selector, figure in shown.items():
        assert figure in text, f"{selector}: {figure!r} is on the page but not in the PDF"
