"""A manuscript from submission to "recommended for publication" (P4.5): the teacher submits
it, the deputy assigns a reviewer (the author is refused), the reviewer writes the review,
the council decides at today's meeting and the deputy records the decision."""

import datetime
import io
import re

from django_scopes import scopes_disabled
from pypdf import PdfReader

from school.selectors import today
from tests.files import PDF_BYTES

from .conftest import login, screenshot

TITLE = "Математикадан өз ара баалоонун ыкмалары: 5–6-класстар"
ABSTRACT = "Сабакта өз ара баалоо барактарын колдонуу боюнча жаш мугалимге сунуштар; Ң, Ө, Ү."
REVIEW = "Колдонмо практикалык мааниге ээ, мисалдары так. Басууга сунуштайм."
PDF = PDF_BYTES  # a real one-page PDF: uploads are parsed


def _switch(page, live_server, username):
    page.context.clear_cookies()
    login(page, live_server, username)


def _council_decides_today(demo):
    """The council meets today and resolves to recommend the booklet (the protocol itself is
    written through the meetings pages, tested on their own)."""
    from meetings import selectors, services

    staff = demo.staff
    council = demo.councils["current"]
    day = min(today(), demo.current_year.end_date)  # in the summer, the year just ended
    with scopes_disabled():
        meeting = services.meeting_plan(
            council=council,
            date=day,
            time=datetime.time(15, 0),
            place="Мектептин методикалык кабинети",
            kind="extraordinary",
        )
        item = services.agenda_item_add(meeting=meeting, title="Кол жазмаларды кароо")
        marks = {p.pk: (True, "") for p in selectors.members_on(council=council, day=day)}
        services.attendance_record(meeting=meeting, marks=marks)
        return services.decision_add(
            item=item,
            text=f"Сыдыкова Ү. М.нын «{TITLE}» кол жазмасы басууга сунушталсын.",
            responsible=[staff["Сыдыкова"]],
            due_date=day,
        )


def test_a_manuscript_goes_from_submission_to_recommended(page, live_server, demo_school):
    author = demo_school.staff["Сыдыкова"]
    reviewer = demo_school.staff["Жээнбеков"]

    # The teacher submits the manuscript with its file.
    login(page, live_server, "teacher")
    page.goto(f"{live_server.url}/experience/manuscripts/")
    page.locator("main a[href$='/manuscripts/new/']").click()
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=abstract]", ABSTRACT)
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "баалоо.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.locator("main input[name=save]").click()
    page.wait_for_load_state()
    assert re.search(r"/experience/manuscripts/\d+/$", page.url), page.url
    manuscript_url = page.url
    assert TITLE in page.content()
    assert "рецензенттер күтүлүүдө" in page.content()

    # The deputy tries the author as a reviewer: refused next to the field; then the head.
    _switch(page, live_server, "deputy")
    page.goto(manuscript_url)
    page.locator("main a[href$='/reviewers/']").click()
    page.check(f"input[name=reviewers][value='{author.pk}']")
    page.locator("main input[name=save]").click()
    page.wait_for_load_state()
    assert page.locator("#id_reviewers.is-invalid").count() == 1
    assert "рецензия жаза албайт" in page.content()
    page.uncheck(f"input[name=reviewers][value='{author.pk}']")
    page.check(f"input[name=reviewers][value='{reviewer.pk}']")
    page.locator("main input[name=save]").click()
    page.wait_for_load_state()
    assert page.url == manuscript_url
    assert "рецензияда" in page.content()

    # The reviewer writes the review with the verdict "recommend".
    _switch(page, live_server, "mahead")
    page.goto(manuscript_url)
    page.locator("main a[href*='/experience/reviews/']").first.click()
    page.check("input[name=verdict][value=recommend]")
    page.fill("textarea[name=text]", REVIEW)
    page.locator("main input[name=save]").click()
    page.wait_for_load_state()
    assert REVIEW in page.content()
    pdf_link = page.locator("main a[href$='review.pdf']").first.get_attribute("href")
    response = page.context.request.get(f"{live_server.url}{pdf_link}?lang=ky")
    assert response.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "РЕЦЕНЗИЯ" in text and "Басууга сунуштайм" in text

    # The council decides at today's meeting; the deputy records the decision.
    decision = _council_decides_today(demo_school)
    _switch(page, live_server, "deputy")
    page.goto(manuscript_url)
    page.locator("main a[href$='/decide/']").click()
    page.check("input[name=outcome][value=recommended]")
    page.select_option("select[name=decision]", str(decision.pk))
    page.locator("main input[name=save]").click()
    page.wait_for_load_state()
    assert page.url == manuscript_url
    content = page.content()
    assert "басууга сунушталды" in content
    assert f"{decision.code} токтому" in content
    screenshot(page, "experience-manuscript-recommended")

    # The author sees the outcome in the list.
    _switch(page, live_server, "teacher")
    page.goto(f"{live_server.url}/experience/manuscripts/")
    row = page.locator("tr", has_text=TITLE)
    assert "басууга сунушталды" in row.inner_text()
