"""A meeting from plan to PDF: the deputy plans it, the secretary records attendance and a
decision, the chair (the deputy in the demo school) approves, the director downloads the PDF."""

import datetime
import io
import re

from pypdf import PdfReader

from school.selectors import today

from .conftest import login, screenshot

DECISION = "Олимпиадага даярдоо боюнча кошумча сабактардын графиги түзүлсүн; Ң, Ө, Ү тамгалары."


def _switch(page, live_server, username):
    page.context.clear_cookies()
    login(page, live_server, username)


def test_meeting_from_plan_to_pdf(page, live_server, demo_school):
    responsible = demo_school.staff["Жээнбеков"]
    # Today, or in the summer the last day of the year just ended: a held meeting's date.
    day = min(today(), demo_school.current_year.end_date)

    # The deputy plans an extraordinary meeting for that day, with one agenda item.
    login(page, live_server, "deputy")
    page.goto(f"{live_server.url}/meetings/")
    page.locator("main a[href*='/meetings/new/']").first.click()
    page.fill("input[name=date]", day.isoformat())
    page.fill("input[name=time]", "15:00")
    page.fill("input[name=place]", "Мектептин акт залы")
    page.select_option("select[name=kind]", "extraordinary")
    page.locator("main input[name=save]").click()
    page.wait_for_load_state()
    assert re.search(r"/meetings/\d+/$", page.url), page.url
    meeting_url = page.url
    assert "Мектептин акт залы" in page.content()
    page.locator("main a[href$='/agenda/new/']").click()
    page.fill("textarea[name=title]", "Предметтик олимпиадага даярдык")
    page.fill("input[name=planned_minutes]", "20")
    page.locator("main input[name=save]").click()
    page.wait_for_load_state()
    assert "Предметтик олимпиадага даярдык" in page.content()
    screenshot(page, "meetings-planned")

    # The secretary records attendance (one member absent, with a reason) and a decision.
    _switch(page, live_server, "secretary")
    page.goto(meeting_url)
    page.locator("main a[href$='/attendance/']").click()
    for radio in page.locator("input[type=radio][value=present]").all():
        radio.check()
    page.locator("input[type=radio][value=absent]").first.check()
    first_reason = page.locator("main input[name^=reason_]").first
    first_reason.fill("ооруп калды")
    live = page.locator("#quorum-live").inner_text()
    assert "10" in live and "11" in live
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()
    assert "ооруп калды" in page.content()
    page.locator("main a[href*='/decisions/new/']").last.click()
    page.fill("textarea[name=text]", DECISION)
    page.check(f"input[name=responsible][value='{responsible.pk}']")
    page.fill("input[name=due_date]", (day - datetime.timedelta(days=1)).isoformat())
    page.locator("main input[name=save]").click()
    page.wait_for_load_state()
    # A due date before the meeting is refused next to the field, the text kept.
    assert page.locator("#id_due_date.is-invalid").count() == 1
    assert page.locator("textarea[name=text]").input_value() == DECISION
    page.fill("input[name=due_date]", (day + datetime.timedelta(days=14)).isoformat())
    page.locator("main input[name=save]").click()
    page.wait_for_load_state()
    assert DECISION in page.content()
    screenshot(page, "meetings-protocol-draft")

    # The chair approves.
    _switch(page, live_server, "deputy")
    page.goto(meeting_url)
    page.locator("main a[href$='/approve/']").click()
    page.locator("main input[name=approve]").click()
    page.wait_for_load_state()
    assert page.locator("main .badge.text-bg-success").count() >= 1

    # The director downloads the PDF.
    _switch(page, live_server, "director")
    page.goto(meeting_url)
    with page.expect_download() as download_info:
        page.locator("main a[href$='protocol.pdf?lang=ky']").click()
    download = download_info.value
    assert re.fullmatch(r"protocol-\d{4}-\d{4}-\d+\.pdf", download.suggested_filename)
    with open(download.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "ПРОТОКОЛ №" in text and "Токтом кабыл алынды" in text
    assert DECISION in text
    assert "ооруп калды" in text
