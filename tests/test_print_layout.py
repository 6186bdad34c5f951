"""Every printed document reads as an official school document (issue: print layout).

Each document of the demo school, and a stress protocol, is rendered through its page as a
user downloads it; the PDF is read back with pypdf and checked:

- every page after the first carries the running title of the document (title, number,
  date), and a draft says so on every page;
- no table row is split between pages: every cell's text stands whole on one page, and the
  cells of a row on the same page;
- the signatures do not stand alone: the last page holds the text that comes before them;
- every text taken from the database is printed exactly (Ң Ө Ү intact).

Every document's pages are also written as PNG into var/print-artefacts/ for a person to look
at (when pdftoppm is installed).
"""

import datetime
import html as html_lib
import io
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from pypdf import PdfReader

import school.documents
from conftest import client_for
from demo import seed
from school.models import User

pytestmark = pytest.mark.django_db

ARTEFACTS = Path(settings.BASE_DIR) / "var" / "print-artefacts"
# INTEGRATOR: the protocol's running title (and its is_draft flag) is filled by the meetings
# app's print templates (meetings/templates/meetings/print/*). Once they fill
# {% block running_title %}, set this to True: the protocol's pages are then checked for it
# like every other document's.
PROTOCOL_RUNNING_TITLE_FILLED = True
KYRGYZ_LETTERS = "ҢӨҮңөү"


def squash(text: str) -> str:
    """Text without any white space: a line broken by the layout reads the same."""
    return re.sub(r"\s+", "", text)


HIDDEN = re.compile(r'<(\w+)\b[^>]*class="[^"]*visually-hidden[^"]*"[^>]*>.*?</\1>', re.S)


def text_of(fragment: str) -> str:
    """The printed text of an HTML fragment (what a print style hides left out)."""
    return html_lib.unescape(re.sub(r"<[^>]*>", " ", HIDDEN.sub(" ", fragment)))


def _div(page_html: str, css_class: str) -> str:
    found = re.search(rf'<div class="{css_class}">(.*?)</div>', page_html, re.S)
    return text_of(found.group(1)).strip() if found else ""


@dataclass
class Printed:
    """A rendered document: its HTML (what the template made) and its pages' text."""

    name: str
    html: str
    pdf: bytes
    pages: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.pages = [page.extract_text() for page in PdfReader(io.BytesIO(self.pdf)).pages]

    @property
    def running_title(self) -> str:
        return _div(self.html, "running-title")

    @property
    def draft_mark(self) -> str:
        return _div(self.html, "running-draft")

    def body_of(self, index: int) -> str:
        """A page's text without the page's margin boxes (title, draft mark, page number) and
        list bullets (drawn beside a list item's first line, read back anywhere in it)."""
        text = squash(self.pages[index]).replace("•", "")
        for margin in (self.running_title, self.draft_mark):
            if margin:  # the draft mark prints in capitals
                text = re.sub(re.escape(squash(margin)), "", text, flags=re.IGNORECASE)
        words = _div(self.html, "running-page").split()
        if len(words) == 2:
            page, of = words
            text = re.sub(rf"{re.escape(page)}\d+{re.escape(of)}\d+", "", text)
        return text

    @property
    def body(self) -> str:
        return "".join(self.body_of(i) for i in range(len(self.pages)))


def render(client, url: str, name: str) -> Printed:
    """GET a document's URL, keeping the HTML the renderer turned into the PDF."""
    made = []
    original = school.documents.render_to_string

    def keep(*args, **kwargs):
        made.append(original(*args, **kwargs))
        return made[-1]

    with mock.patch.object(school.documents, "render_to_string", side_effect=keep):
        response = client.get(url)
    assert response.status_code == 200, (name, url, response.status_code)
    assert response["Content-Type"] == "application/pdf", name
    printed = Printed(name, made[-1], response.content)
    _write_pngs(printed)
    return printed


def _write_pngs(printed: Printed) -> None:
    if shutil.which("pdftoppm") is None:
        return
    folder = ARTEFACTS / printed.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / f"{printed.name}.pdf").write_bytes(printed.pdf)
    (folder / f"{printed.name}.html").write_text(printed.html)
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-r", "50", str(folder / f"{printed.name}.pdf"), str(folder / "page")],  # noqa: S607
        check=True,
        timeout=120,
    )


def layout_problems(printed: Printed, *, database_texts=(), check_title=True) -> list[str]:
    """What is wrong with a printed document's layout, in words (empty: nothing)."""
    problems = []
    name, pages = printed.name, printed.pages
    if check_title:
        title = printed.running_title
        if not title:
            problems.append(f"{name}: no running title")
        for number, page in enumerate(pages[1:], start=2):
            if squash(title) not in squash(page):
                problems.append(f"{name}: page {number} lacks the running title {title!r}")
    if printed.draft_mark:
        for number, page in enumerate(pages, start=1):
            if squash(printed.draft_mark).upper() not in squash(page).upper():
                problems.append(f"{name}: page {number} lacks the draft mark")
    problems += _split_rows(printed)
    problems += _lonely_signatures(printed)
    body = printed.body
    for text in database_texts:
        if text and squash(text) not in body:
            problems.append(f"{name}: the text {text[:60]!r}… is not printed whole")
    return problems


def _split_rows(printed: Printed) -> list[str]:
    """Every table row's cells stand whole on one page, and on the same page."""
    bodies = [printed.body_of(i) for i in range(len(printed.pages))]
    content = printed.html.split("<body>", 1)[-1]
    problems = []
    for row in re.findall(r"<tr\b[^>]*>(.*?)</tr>", content, re.S):
        cells = [squash(text_of(c)) for c in re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", row, re.S)]
        cells = [c for c in cells if c]
        if not cells:
            continue
        common = set(range(len(bodies)))
        for cell in cells:
            holding = {i for i, body in enumerate(bodies) if cell in body}
            if not holding:
                problems.append(f"{printed.name}: a cell is not whole on any page: {cell[:50]!r}")
            common &= holding
        if not common and all(any(c in b for b in bodies) for c in cells):
            problems.append(f"{printed.name}: a row is split between pages: {cells[0][:50]!r}")
    return problems


def _lonely_signatures(printed: Printed) -> list[str]:
    """The signatures are on the last page, with the end of the text they sign."""
    content = printed.html.split("<body>", 1)[-1]
    if '<table class="signatures">' not in content:
        return []
    before, signatures = content.rsplit('<table class="signatures">', 1)
    last = printed.body_of(len(printed.pages) - 1)
    signed = squash(text_of(before))[-30:]
    first_signer = squash(text_of(signatures.split("</td>", 1)[0]))
    problems = []
    if first_signer not in last:
        problems.append(f"{printed.name}: the signatures are not on the last page")
    if signed not in last:
        problems.append(f"{printed.name}: the last page holds the signatures without the text")
    return problems


# --- the demo school ---------------------------------------------------------------------


@pytest.fixture
def demo(db):
    with scopes_disabled():
        return seed.seed()


def _user(username):
    return User.objects.get(username=username)


def demo_documents(year) -> list[tuple[str, str, list[str]]]:
    """Every kind of document of the demo school's year, as (name, URL, texts from the
    database it prints)."""
    from council.models import Council
    from development.models import Attestation, Characteristic
    from experience.models import AwardRecommendation, Review
    from observations.models import Observation, YoungSpecialistConclusion
    from plans.models import AssociationPlan, CouncilPlan

    with scopes_disabled():
        council = Council.objects.get(academic_year=year)
        members = [m.staff for m in council.memberships.filter(left_on__isnull=True)]
        council_plan = CouncilPlan.objects.get(council__academic_year=year)
        association_plan = AssociationPlan.objects.filter(academic_year=year).first()
        visit = Observation.objects.exclude(status="draft").exclude(strengths="").first()
        characteristic = Characteristic.objects.select_related("attestation__staff").first()
        attestation = characteristic.attestation
        review = Review.objects.filter(text__gt="").select_related("manuscript").first()
        award = AwardRecommendation.objects.select_related("teacher").first()
        conclusion = YoungSpecialistConclusion.objects.select_related("staff").first()
        teacher = conclusion.staff
        plan_texts = [i.activity for i in council_plan.items.all()]
        association_texts = [i.activity for i in association_plan.items.all()]
        associations = [
            p.association.name for p in AssociationPlan.objects.filter(academic_year=year)
        ]
        schedule_names = [
            a.staff.full_name
            for a in Attestation.objects.filter(
                starts_on__lte=year.end_date, ends_on__gte=year.start_date
            ).select_related("staff")
        ]

    documents = [
        (
            "composition",
            reverse("council:council_pdf", args=[council.pk]),
            [p.full_name for p in members] + [p.position for p in members],
        ),
        ("council-plan", reverse("plans:council_plan_pdf", args=[council_plan.pk]), plan_texts),
        (
            "association-plan",
            reverse("plans:association_plan_pdf", args=[association_plan.pk]),
            association_texts,
        ),
        (
            "visit-card",
            reverse("observations:pdf", args=[visit.pk]),
            [visit.teacher.full_name, visit.topic, visit.strengths, visit.recommendations],
        ),
        (
            "attestation-characteristic",
            reverse("development:characteristic_pdf", args=[attestation.pk]),
            [attestation.staff.full_name, characteristic.text],
        ),
        (
            "portfolio",
            reverse("development:portfolio_pdf", args=[teacher.pk]),
            [teacher.full_name, conclusion.text],
        ),
        (
            "attestation-schedule",
            reverse("development:attestation_schedule_pdf", args=[year.pk]),
            schedule_names,
        ),
        (
            "young-specialist-conclusion",
            reverse("observations:young_conclusion_pdf", args=[conclusion.pk]),
            [teacher.full_name, conclusion.text],
        ),
        (
            "manuscript-review",
            reverse("experience:review_pdf", args=[review.pk]),
            [review.manuscript.title, review.manuscript.abstract, review.text],
        ),
        (
            "award-characteristic",
            reverse("experience:award_pdf", args=[award.pk]),
            [award.teacher.full_name, award.award, award.characteristic],
        ),
        (
            "quarterly-report",
            reverse("reports:quarterly_pdf") + f"?year={year.pk}&quarter=1",
            associations,
        ),
        ("annual-report", reverse("reports:annual_pdf") + f"?year={year.pk}", []),
    ]
    return documents


def test_every_document_of_the_demo_school_prints_as_a_document(client, demo):
    from meetings.models import Meeting

    client_for(client, _user("deputy"))
    problems = []
    with scopes_disabled():
        documents = demo_documents(demo.current_year)
        protocol = Meeting.objects.filter(status="approved").order_by("-date").first()
        protocol_texts = [i.title for i in protocol.agenda_items.all()]
        protocol_texts += [d.text for i in protocol.agenda_items.all() for d in i.decisions.all()]
    for name, url, texts in documents:
        printed = render(client, f"{url}{'&' if '?' in url else '?'}lang=ky", name)
        problems += layout_problems(printed, database_texts=texts)
        assert any(letter in printed.body for letter in KYRGYZ_LETTERS), name
    # The protocol: every check, the running title once the meetings app fills it (above).
    printed = render(
        client, reverse("meetings:protocol_pdf", args=[protocol.pk]) + "?lang=ky", "protocol"
    )
    problems += layout_problems(
        printed, database_texts=protocol_texts, check_title=PROTOCOL_RUNNING_TITLE_FILLED
    )
    assert problems == [], "\n".join(problems)
    # One demo school for all (it takes a while to build): the checks below, the one that
    # changes data last.
    check_award_signers_and_stamp(client, demo)
    check_schedule_and_conclusion(client, demo)
    check_draft_and_numbers(client, demo)


def check_award_signers_and_stamp(client, demo):
    """The paper form: the chair and the director sign with their names and positions, and
    the stamp goes on М.О. (ky) / М.П. (ru)."""
    from experience.models import AwardRecommendation
    from experience.selectors import award_signers

    client_for(client, _user("deputy"))
    with scopes_disabled():
        award = AwardRecommendation.objects.first()
        signers = award_signers(award)
    assert signers["chair"] is not None and signers["director"] is not None
    url = reverse("experience:award_pdf", args=[award.pk])
    for language, stamp in (("ky", "М.О."), ("ru", "М.П."), ("en", "L.S.")):
        printed = render(client, f"{url}?lang={language}", f"award-characteristic-{language}")
        last = printed.pages[-1]
        assert stamp in last, language
        for person in (signers["chair"], signers["director"]):
            assert squash(person.short_name) in squash(last), (language, person)
            assert squash(person.position) in squash(last), (language, person)


def check_draft_and_numbers(client, demo):
    """A composition not confirmed yet is a draft on every page; decimals are written with
    a comma in Kyrgyz and Russian and with a point in English (the visit card's average)."""
    from council.models import Council
    from observations.models import Observation
    from observations.selectors import average_score

    client_for(client, _user("deputy"))
    with scopes_disabled():
        council = Council.objects.get(academic_year=demo.current_year)
        Council.objects.filter(pk=council.pk).update(status=Council.Status.DRAFT)
        visit = next(
            v
            for v in Observation.objects.exclude(status="draft").order_by("pk")
            if average_score(v) is not None and average_score(v) != int(average_score(v))
        )
        average = average_score(visit)
    printed = render(
        client, reverse("council:council_pdf", args=[council.pk]) + "?lang=ky", "composition-draft"
    )
    assert printed.draft_mark
    assert layout_problems(printed) == []
    shown = f"{average:.1f}"
    for language, separator in (("ky", ","), ("ru", ","), ("en", ".")):
        card = render(
            client,
            reverse("observations:pdf", args=[visit.pk]) + f"?lang={language}",
            f"visit-card-{language}",
        )
        assert squash(shown.replace(".", separator)) in card.body, language


def check_schedule_and_conclusion(client, demo):
    """P3.5 and R2.18: the schedule (administration) and the young specialist's conclusion
    (the teacher reads their own) print in ky, ru and en."""
    from observations.models import YoungSpecialistConclusion

    with scopes_disabled():
        conclusion = YoungSpecialistConclusion.objects.select_related("staff").first()
    headings = {"ky": "АТТЕСТАЦИЯ", "ru": "АТТЕСТАЦИ", "en": "ATTESTATION"}
    client_for(client, _user("director"))
    for language in ("ky", "ru", "en"):
        url = reverse("development:attestation_schedule_pdf", args=[demo.current_year.pk])
        printed = render(client, f"{url}?lang={language}", f"attestation-schedule-{language}")
        assert layout_problems(printed) == []
        assert headings[language] in printed.pages[0].upper()
    # The teacher reads their own conclusion, signed by the chair.
    client_for(client, conclusion.staff.user)
    for language in ("ky", "ru", "en"):
        url = reverse("observations:young_conclusion_pdf", args=[conclusion.pk])
        printed = render(
            client, f"{url}?lang={language}", f"young-specialist-conclusion-{language}"
        )
        assert layout_problems(printed, database_texts=[conclusion.text]) == []


# --- the stress protocol ---------------------------------------------------------------------

LONG = (
    "Мугалимдердин өз ара сабакка катышуусунун жыйынтыгы боюнча Ңаматова Үмүт Өмүрбековна "
    "баяндама жасады; окуучулардын үлгүрүшү, сабактын максаты, Ү, Ө, Ң тамгаларынын туура "
    "жазылышы талкууланды. Шилтеме: https://kenesh.example.kg/protocols/2026/aaaaaaaaaaaaaaaa"
    "bbbbbbbbbbbbbbbbccccccccccccccccddddddddddddddddeeeeeeeeeeeeeeee. "
)


def long_text(length: int, tag: str) -> str:
    """A Kyrgyz text of exactly `length` characters with Ң Ө Ү, starting with a tag."""
    text = f"{tag}: "
    while len(text) < length:
        text += LONG
    return text[: length - 1].rstrip() + "ү"


@pytest.fixture
def stress_protocol(world):
    """25 agenda items, 2,000-character texts in every field (as long as the field allows),
    19 members and 21 guests, 30 decisions: built through the services."""
    from council.tests.factories import add_member
    from meetings import services
    from meetings.tests.factories import plan_meeting
    from members.tests.factories import StaffFactory

    council = world.council
    with scopes_disabled():
        for n in range(16):
            person = StaffFactory(
                school=world.school,
                last_name=f"Өмүрбекова-Ңазарова{n}",
                first_name="Үмүтай",
                patronymic="Өскөновна",
                position=long_text(150, f"Кызматы {n}"),
            )
            add_member(council, person, ["innovative_teacher"])
        members = [m.staff for m in council.memberships.all()]
    assert len(members) == 19
    texts = []
    day = world.year.start_date + datetime.timedelta(days=20)
    with scope(school=world.school.pk):
        meeting = plan_meeting(council, day, place=long_text(200, "Орду"))
        services.attendance_record(
            meeting=meeting,
            marks={
                p.pk: (
                    p.pk != members[-1].pk,
                    "" if p.pk != members[-1].pk else long_text(200, "Себеби"),
                )
                for p in members
            },
        )
        for n in range(21):
            guest = services.guest_add(
                meeting=meeting,
                name=long_text(200, f"Конок {n}"),
                position=long_text(200, f"Кызматы {n}"),
            )
            texts += [guest.name, guest.position]
        decisions = 0
        for n in range(25):
            item = services.agenda_item_add(
                meeting=meeting, title=long_text(500, f"Маселе {n + 1}")
            )
            summary = long_text(2000, f"Угулду {n + 1}")
            spoke = long_text(2000, f"Сүйлөдү {n + 1}")
            services.item_record(
                item=item,
                heard_speaker=members[n % len(members)],
                heard_guest="",
                heard_summary=summary,
                contributions=[(members[(n + 1) % len(members)], "", spoke)],
            )
            texts += [item.title, summary, spoke]
            for _k in range(2 if n < 5 else 1):
                text = long_text(2000, f"Токтом {decisions + 1}")
                services.decision_add(
                    item=item,
                    text=text,
                    responsible=[members[decisions % len(members)]],
                    due_date=day + datetime.timedelta(days=30),
                    votes_for=17,
                    votes_against=1,
                    votes_abstained=0,
                )
                texts.append(text)
                decisions += 1
    assert decisions == 30
    meeting.refresh_from_db()
    return meeting, texts


def test_the_stress_protocol_prints_whole(client, world, stress_protocol):
    meeting, texts = stress_protocol
    client_for(client, world.users["deputy"])
    printed = render(
        client, reverse("meetings:protocol_pdf", args=[meeting.pk]) + "?lang=ky", "stress-protocol"
    )
    assert len(printed.pages) > 20
    # The running title once the meetings app fills it (PROTOCOL_RUNNING_TITLE_FILLED); the
    # draft mark, once it passes is_draft, on every page.
    problems = layout_problems(
        printed, database_texts=texts, check_title=PROTOCOL_RUNNING_TITLE_FILLED
    )
    assert problems == [], "\n".join(problems)
    for letter in "ҢӨҮ":
        assert letter in printed.body
