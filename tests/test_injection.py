"""Markup and template payloads typed into free text come out escaped on every page and inert in
every PDF.

Each case saves the payload into one family of free-text fields through the app's services
(as its forms do), then reads every page and document that shows those fields: the browser
must get `&lt;script&gt;`, never `<script>`; template syntax stays literal text (it is never
rendered, so it never turns into "14"); a PDF carries the payload as plain text, with no
JavaScript and no link built from it.
"""

import datetime
import io
import re
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from conftest import client_for
from council.tests.factories import add_member
from development import services as development_services
from development.tests.factories import make_attestation, make_course
from experience import services as experience_services
from experience.tests import factories as experience_factories
from meetings import services as meeting_services
from meetings.tests.factories import held_meeting
from members import services as member_services
from observations.tests.factories import make_observation
from plans import services as plan_services
from plans.tests import factories as plan_factories
from projects.tests import factories as project_factories
from school.selectors import today
from tests import files

# Template syntax first: a list page that shortens a long text still shows the first part.
PAYLOAD = (
    '{{ 7|add:7 }}<script>alert(1)</script>{% widthratio 7 1 2 %}"><img src=x onerror=alert(1)>'
)
HEAD = "{{ 7|add:7 }}<script>alert(1)</script>"
FILE_PAYLOAD = '{{ 7|add:7 }}"><img src=x onerror=alert(1)>.pdf'
RAW_MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "onerror=alert(1)>"]
PDF_BYTES = files.PDF_BYTES


@dataclass
class Shown:
    """Where a case's payload is shown: pages (path -> whole payload expected?) and PDFs."""

    pages: dict = field(default_factory=dict)
    pdfs: list = field(default_factory=list)
    role: str = "deputy"
    expect: str = PAYLOAD


def _squash(text):
    return re.sub(r"\s+", "", text)


def assert_page_escapes(body: str, where: str, *, whole: bool, payload: str = PAYLOAD) -> None:
    for raw in RAW_MARKUP:
        assert raw not in body, f"{where}: unescaped markup {raw!r}"
    if payload == PAYLOAD:
        assert escape(HEAD) in body, f"{where}: the payload is not shown escaped"
    if whole:
        assert escape(payload) in body, f"{where}: the whole payload is not shown escaped"
    assert "{{ 7|add:7 }}" in body, f"{where}: template syntax was rendered"


def _walk(obj, seen=None):
    """Every dictionary reachable from a PDF object (catalog, pages, annotations, actions)."""
    seen = set() if seen is None else seen
    if isinstance(obj, IndirectObject):
        key = (obj.idnum, obj.generation)
        if key in seen:
            return
        seen.add(key)
        obj = obj.get_object()
    if isinstance(obj, dict):
        yield obj
        for key, value in obj.items():
            if key not in ("/Parent", "/P"):
                yield from _walk(value, seen)
    elif isinstance(obj, list):
        for value in obj:
            yield from _walk(value, seen)


def assert_pdf_inert(content: bytes, where: str) -> None:
    assert content.startswith(b"%PDF"), f"{where}: not a PDF"
    reader = PdfReader(io.BytesIO(content))
    text = _squash("".join(page.extract_text() or "" for page in reader.pages))
    assert _squash(PAYLOAD) in text, f"{where}: the payload is not printed as text"
    assert not re.search(rb"/JavaScript|/JS\b", content), f"{where}: JavaScript in the PDF"
    for obj in _walk(reader.trailer["/Root"]):
        assert "/JS" not in obj and "/JavaScript" not in obj, f"{where}: a JavaScript action"
        assert obj.get("/S") not in ("/JavaScript", "/Launch", "/SubmitForm"), where
        uri = str(obj.get("/URI", ""))
        assert "alert" not in uri and "onerror" not in uri and "javascript" not in uri.lower(), (
            f"{where}: a link built from the payload: {uri}"
        )


# The cases: each saves the payload and says where it is shown. --------------------------------


def _staff(world):
    person = member_services.staff_create(
        school=world.school,
        last_name=PAYLOAD,
        first_name=PAYLOAD,
        patronymic=PAYLOAD,
        position=PAYLOAD,
        started_on=datetime.date(2020, 9, 1),
        new_subject_names=[PAYLOAD],
    )
    add_member(world.council, person, ["innovative_teacher"])
    return Shown(
        pages={
            "/staff/": True,
            f"/staff/{person.pk}/": True,
            "/staff/subjects/": True,
            "/council/": True,
        },
        pdfs=[f"/council/{world.council.pk}/composition.pdf"],
    )


def _association(world):
    association = member_services.association_create(
        school=world.school, name=PAYLOAD, head=world.staff["teacher"]
    )
    plan = plan_factories.association_plan(association, world.year)
    plan_factories.association_item(plan)
    return Shown(
        pages={
            "/staff/associations/": True,
            f"/staff/associations/{association.pk}/": True,
            f"/plans/associations/{plan.pk}/": True,
        },
        pdfs=[f"/plans/associations/{plan.pk}/pdf/"],
    )


def _protocol(world):
    day = min(today(), world.year.end_date)
    meeting = held_meeting(world.council, day)
    meeting_services.meeting_update(
        meeting=meeting,
        date=meeting.date,
        time=meeting.time,
        place=PAYLOAD,
        kind=meeting.kind,
        chair=None,
        secretary=None,
    )
    item = meeting_services.agenda_item_add(meeting=meeting, title=PAYLOAD, guest_speakers=PAYLOAD)
    meeting_services.item_record(
        item=item,
        heard_speaker=None,
        heard_guest=PAYLOAD,
        heard_summary=PAYLOAD,
        contributions=[(world.staff["mahead"], "", PAYLOAD)],
    )
    decision = meeting_services.decision_add(
        item=item, text=PAYLOAD, responsible=[world.staff["mahead"]], due_date=day
    )
    meeting_services.guest_add(meeting=meeting, name=PAYLOAD, position=PAYLOAD)
    meeting_services.decision_complete(
        decision=decision, done_on=day, note=PAYLOAD, user=world.users["deputy"]
    )
    return Shown(
        pages={
            "/meetings/": False,
            f"/meetings/{meeting.pk}/": True,
            f"/meetings/{meeting.pk}/print/": True,
            f"/meetings/{meeting.pk}/guests/": True,
            "/meetings/decisions/": False,
            f"/meetings/decisions/{decision.pk}/": True,
        },
        pdfs=[f"/meetings/{meeting.pk}/protocol.pdf"],
    )


def _attachment_name(world):
    """A file name cannot hold "/", so its payload has none; it is sent through the form."""
    meeting = held_meeting(world.council, min(today(), world.year.end_date))
    client = Client()
    client.force_login(world.users["deputy"])
    response = client.post(
        f"/meetings/{meeting.pk}/attachments/new/",
        {"file": SimpleUploadedFile(FILE_PAYLOAD, PDF_BYTES), "version": meeting.version},
    )
    assert response.status_code == 302
    return Shown(pages={f"/meetings/{meeting.pk}/": True}, expect=FILE_PAYLOAD)


def _plans(world):
    plan = plan_factories.council_plan(world.council)
    item = plan_factories.council_item(plan, activity=PAYLOAD, expected_result=PAYLOAD)
    plan_services.plan_item_set_status(item=item, status="cancelled", note=PAYLOAD)
    return Shown(
        pages={f"/plans/council/{plan.pk}/": True, f"/plans/council-items/{item.pk}/": True},
        pdfs=[f"/plans/council/{plan.pk}/pdf/"],
    )


def _visit(world):
    visit = make_observation(
        world.staff["mahead"],
        world.staff["teacher"],
        topic=PAYLOAD,
        strengths=PAYLOAD,
        recommendations=PAYLOAD,
        conclusion=PAYLOAD,
        teacher_response=PAYLOAD,
    )
    return Shown(
        pages={
            "/observations/all/": False,
            f"/observations/{visit.pk}/": True,
            f"/observations/teachers/{world.staff['teacher'].pk}/": False,
        },
        pdfs=[f"/observations/{visit.pk}/pdf/"],
    )


def _growth(world):
    teacher = world.staff["teacher"]
    make_course(teacher, title=PAYLOAD, provider=PAYLOAD)
    attestation = make_attestation(teacher, decision_note=PAYLOAD)
    development_services.characteristic_save(attestation=attestation, text=PAYLOAD, by=None)
    development_services.self_education_save(
        staff=teacher, academic_year=world.year, topic=PAYLOAD, report=PAYLOAD
    )
    return Shown(
        pages={
            f"/growth/teachers/{teacher.pk}/": True,
            f"/growth/attestations/{attestation.pk}/": True,
            f"/growth/attestations/{attestation.pk}/characteristic/": True,
            "/growth/self-education/": False,
        },
        pdfs=[
            f"/growth/teachers/{teacher.pk}/portfolio.pdf",
            f"/growth/attestations/{attestation.pk}/characteristic.pdf",
        ],
    )


def _bank(world):
    entry = experience_factories.entry(
        world, title=PAYLOAD, description=PAYLOAD, tags_text="долбоор"
    )
    experience_factories.publication(world, title=PAYLOAD, venue=PAYLOAD, pupil_authors=PAYLOAD)
    return Shown(
        pages={
            "/experience/": False,
            f"/experience/{entry.pk}/": True,
            "/experience/publications/": True,
        },
    )


def _manuscript(world):
    manuscript = experience_services.manuscript_submit(
        author=world.staff["teacher"],
        user=world.users["teacher"],
        title=PAYLOAD,
        abstract=PAYLOAD,
        upload=experience_factories.pdf_upload(),
    )
    (review,) = experience_services.reviewers_assign(
        manuscript=manuscript, reviewers=[world.staff["mahead"]], user=world.users["deputy"]
    )
    experience_services.review_write(review=review, verdict="recommend", text=PAYLOAD)
    return Shown(
        pages={
            "/experience/manuscripts/": True,
            f"/experience/manuscripts/{manuscript.pk}/": True,
        },
        pdfs=[f"/experience/reviews/{review.pk}/review.pdf"],
    )


def _award(world):
    award = experience_factories.award(world, award=PAYLOAD, characteristic=PAYLOAD)
    return Shown(
        pages={"/experience/awards/": True, f"/experience/awards/{award.pk}/": True},
        pdfs=[f"/experience/awards/{award.pk}/characteristic.pdf"],
    )


def _events(world):
    event = project_factories.event(
        world,
        title=PAYLOAD,
        place=PAYLOAD,
        description=PAYLOAD,
        guest_participants=PAYLOAD,
        starts_on=today() - datetime.timedelta(days=2),
        ends_on=today() - datetime.timedelta(days=2),
        status="held",
        results=PAYLOAD,
    )
    return Shown(pages={"/projects/events/": True, f"/projects/events/{event.pk}/": True})


def _groups_and_projects(world):
    group = project_factories.group(world, name=PAYLOAD, goal=PAYLOAD, results=PAYLOAD)
    project = project_factories.project(
        world, title=PAYLOAD, problem=PAYLOAD, group=group, status="completed", results=PAYLOAD
    )
    project_factories.stage(project, title=PAYLOAD, outcome=PAYLOAD)
    return Shown(
        pages={
            "/projects/groups/": True,
            f"/projects/groups/{group.pk}/": True,
            "/projects/": True,
            f"/projects/{project.pk}/": True,
        },
    )


def _reports(world):
    """The home page and the quarterly report gather names and texts from every app."""
    association = member_services.association_create(
        school=world.school,
        name=PAYLOAD,
        head=world.staff["mahead"],
        teachers=[world.staff["teacher"]],
    )
    plan = plan_factories.association_plan(association, world.year)
    plan_factories.association_item(plan, activity=PAYLOAD, month=today().month)
    make_observation(world.staff["mahead"], world.staff["teacher"], topic=PAYLOAD)
    day = min(today(), world.year.end_date) - datetime.timedelta(days=20)
    item = meeting_services.agenda_item_add(meeting=held_meeting(world.council, day), title="—")
    meeting_services.decision_add(
        item=item, text=PAYLOAD, responsible=[world.staff["mahead"]], due_date=day
    )
    return Shown(
        pages={"/": True, "/reports/quarterly/": True},
        pdfs=["/reports/quarterly.pdf"],
    )


CASES = {
    "staff names, position and subject": _staff,
    "association name": _association,
    "protocol: place, agenda, heard, spoke, decision, guests, execution": _protocol,
    "attachment file name": _attachment_name,
    "plan activity, expected result and status note": _plans,
    "visit topic, analysis, recommendations and response": _visit,
    "courses, attestation, characteristic and self-education": _growth,
    "bank entry and publication": _bank,
    "manuscript and review": _manuscript,
    "award characteristic": _award,
    "event title, programme and results": _events,
    "group goal, project results and stages": _groups_and_projects,
    "home page and quarterly report": _reports,
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_payloads_come_out_escaped_and_inert(case, client, world, school_day, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    shown = CASES[case](world)
    client_for(client, world.users[shown.role])
    for path, whole in shown.pages.items():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert_page_escapes(response.content.decode(), path, whole=whole, payload=shown.expect)
    for path in shown.pdfs:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert response["Content-Type"] == "application/pdf"
        assert_pdf_inert(response.content, path)
