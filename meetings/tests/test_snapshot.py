"""An approved protocol is frozen (R5.3): its page, its PDF in every language and the year's
archive read the snapshot taken at approval, whatever happens to the records later."""

import io

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from pypdf import PdfReader

from conftest import client_for, clock_at
from council import services as council_services
from council.models import CouncilMembership
from meetings import services, snapshot
from meetings.models import ArchiveDocument, Meeting, ProtocolDocument, ProtocolSnapshot
from meetings.tests.factories import day, held_meeting

pytestmark = pytest.mark.django_db

LANGUAGES = ("ky", "ru", "en")
# "overdue" and "done" as each language prints them.
OVERDUE = {"ky": "мөөнөтү өткөн", "ru": "просрочено", "en": "overdue"}


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def later_today(world):
    """Today is well into the year: the meetings below are held, the decision closed after."""
    with clock_at(day(world, 120)) as fake:
        yield fake


@pytest.fixture
def frozen(world, later_today):
    """Meeting 1 resolves something due before meeting 2; meeting 2 reviews it (overdue at
    the meeting), has an absent member, a guest, heard, spoke and a decision; approved."""
    deputy, mahead = world.users["deputy"], world.staff["mahead"]
    with scope(school=world.school.pk):
        first = held_meeting(world.council, day(world, 5))
        item = services.agenda_item_add(meeting=first, title="Окуу планы")
        services.item_record(
            item=item,
            heard_speaker=world.staff["deputy"],
            heard_guest="",
            heard_summary="Окуу планы талкууланды.",
            contributions=[],
        )
        earlier = services.decision_add(
            item=item,
            text="Ачык сабактардын графиги түзүлсүн.",
            responsible=[mahead],
            due_date=day(world, 15),
        )
        services.meeting_approve(meeting=first, user=deputy)
        second = held_meeting(world.council, day(world, 30), absent={mahead.pk: "ооруп калды"})
        services.guest_add(meeting=second, name="Асанова Гүлнара", position="Шаардык методист")
        review = second.agenda_items.get(kind="review")
        services.item_record(
            item=review,
            heard_speaker=world.staff["deputy"],
            heard_guest="",
            heard_summary="График түзүлө элек.",
            contributions=[(world.staff["secretary"], "", "Мөөнөтүн узартуу сунушталды.")],
        )
        own = services.decision_add(
            item=review,
            text="Графикти бир жуманын ичинде түзүү.",
            responsible=[mahead],
            due_date=day(world, 40),
            votes_for=2,
            votes_against=0,
            votes_abstained=0,
        )
        second = services.meeting_approve(meeting=second, user=deputy)
    return {"meeting": second, "earlier": earlier, "own": own, "mahead": mahead}


def _change_everything(world, frozen):
    """Close the reviewed decision, rename the people and the school, end a membership."""
    with scope(school=world.school.pk):
        services.decision_complete(
            decision=frozen["earlier"],
            done_on=day(world, 50),
            note="График түзүлдү.",
            user=world.users["deputy"],
        )
        services.decision_complete(
            decision=frozen["own"],
            done_on=day(world, 51),
            note="Аткарылды.",
            user=world.users["deputy"],
        )
        membership = CouncilMembership.objects.get(council=world.council, staff=frozen["mahead"])
        council_services.membership_end(
            membership=membership, left_on=day(world, 20), reason="left_school"
        )
    with scopes_disabled():
        mahead = frozen["mahead"]
        mahead.last_name = "Жаңыфамилия"
        mahead.save()
        chair = world.staff["deputy"]
        chair.position = "Жаңы кызмат"
        chair.save()
        school = world.school
        school.name = "Башка ат менен мектеп"
        school.save()


def _reads_as_at_approval(text: str, language: str, mahead_name: str) -> None:
    assert mahead_name in text
    assert "Жаңыфамилия" not in text and "Жаңы кызмат" not in text
    assert "Ачык сабактардын графиги түзүлсүн." in text
    assert OVERDUE[language] in text
    assert "ооруп калды" in text and "Асанова Гүлнара" in text
    assert "Графикти бир жуманын ичинде түзүү." in text


def test_an_approval_takes_one_snapshot_and_an_amendment_another(world, frozen):
    meeting = frozen["meeting"]
    with scopes_disabled():
        snaps = list(ProtocolSnapshot.objects.filter(meeting=meeting).order_by("version"))
        assert len(snaps) == 1 and snaps[0].version == meeting.version
        data = snaps[0].data
        # Plain data and codes: no database key anywhere in it.
        assert "pk" not in str(data) and "_id" not in str(data)
        review = data["items"][0]
        assert review["kind"] == "review"
        assert review["reviewed"][0]["status"] == "overdue"
        assert data["attendance"]["absent"][0]["reason"] == "ооруп калды"
    with scope(school=world.school.pk):
        services.guest_add(
            meeting=meeting,
            name="Осмонова Динара",
            position="Мугалим",
            user=world.users["deputy"],
            version=meeting.version,
            amendment_reason="Конок протоколго киргизилбей калган",
        )
    with scopes_disabled():
        snaps = list(ProtocolSnapshot.objects.filter(meeting=meeting).order_by("version"))
        assert len(snaps) == 2  # the old one is kept
        assert "Осмонова Динара" not in str(snaps[0].data)
        assert "Осмонова Динара" in str(snaps[1].data)
        assert snaps[1].data["amendments"][0]["reason"] == "Конок протоколго киргизилбей калган"


def test_the_status_at_the_meeting_is_not_the_status_now(world, frozen):
    with scopes_disabled():
        earlier = frozen["earlier"]
        earlier.refresh_from_db()
        assert snapshot.status_at(earlier, day(world, 30)) == "overdue"
        earlier.status, earlier.done_on = "done", day(world, 25)
        assert snapshot.status_at(earlier, day(world, 30)) == "done"
        earlier.done_on = day(world, 31)
        assert snapshot.status_at(earlier, day(world, 30)) == "overdue"


def test_an_approved_protocol_never_changes_in_any_copy(world, client, frozen):
    meeting = frozen["meeting"]
    with scopes_disabled():
        mahead_name = frozen["mahead"].short_name
        meeting = Meeting.objects.get(pk=meeting.pk)
    client_for(client, world.users["director"])
    pdf_url = reverse("meetings:protocol_pdf", args=[meeting.pk])
    print_url = reverse("meetings:protocol_print", args=[meeting.pk])
    archive_url = reverse("meetings:protocol_archive", args=[world.year.pk])
    # Before: the Kyrgyz PDF and the archive are downloaded (and stored), the print page read.
    ky_before = pdf_text(client.get(pdf_url + "?lang=ky").content)
    client.cookies["django_language"] = "ky"
    print_before = client.get(print_url).content.decode()
    archive_before = pdf_text(client.get(archive_url + "?lang=ky").content)
    _reads_as_at_approval(ky_before, "ky", mahead_name)

    _change_everything(world, frozen)

    # After: the same print page; the Russian and English PDFs, first rendered now, say
    # what the Kyrgyz one said; so does a Kyrgyz PDF and an archive rendered again.
    assert client.get(print_url).content.decode() == print_before
    with scopes_disabled():
        ProtocolDocument.objects.filter(language="ky").delete()
        ArchiveDocument.objects.all().delete()
    texts = {lang: pdf_text(client.get(pdf_url + f"?lang={lang}").content) for lang in LANGUAGES}
    assert texts["ky"] == ky_before
    for lang, text in texts.items():
        _reads_as_at_approval(text, lang, mahead_name)
        assert "БАШКА АТ МЕНЕН МЕКТЕП" not in text  # the school's name as it was
    assert "ЖАЛАЛ-АБАД ШААРЫНДАГЫ №8 ОРТО МЕКТЕБИ" in texts["ky"]
    archive_after = pdf_text(client.get(archive_url + "?lang=ky").content)
    _reads_as_at_approval(archive_after, "ky", mahead_name)
    # The archive's protocol reads as the protocol's own PDF (the archive's title page apart).
    assert ky_before.split("ПРОТОКОЛ № 2")[1][:400] in archive_after
    assert archive_before.split("ПРОТОКОЛ № 2", 2)[-1][:400] in archive_after


def test_the_page_of_an_approved_protocol_shows_the_state_now_apart(world, client, frozen):
    _change_everything(world, frozen)
    client_for(client, world.users["deputy"])
    client.cookies["django_language"] = "en"
    meeting = frozen["meeting"]
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    with scopes_disabled():
        absent = ProtocolSnapshot.objects.get(meeting=meeting).data["attendance"]["absent"]
    assert absent[0]["short_name"] in page and "ооруп калды" in page
    assert "Жаңыфамилия" not in page
    protocol_part, _sep, now_part = page.partition("Now (not part of the protocol)")
    assert "overdue" in protocol_part
    assert (
        '<span class="badge text-bg-danger" data-status="overdue">overdue</span>' in protocol_part
    )
    assert now_part and "done" in now_part
    assert day(world, 50).strftime("%d.%m.%Y") in now_part or "done" in now_part
