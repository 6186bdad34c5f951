"""Any input to the experience forms (bank entries with files, publications, manuscripts,
reviewers, reviews, the council's decision on a manuscript, award characteristics; P3.3):
never a 5xx, nothing written or changed when refused, exactly what was sent when accepted,
another school's people, subjects and decisions never taken."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope
from hypothesis import strategies as st

from council.tests.factories import CouncilFactory
from experience import services
from experience.models import (
    AwardRecommendation,
    Entry,
    EntryFile,
    Manuscript,
    Publication,
    Review,
    Tag,
)
from meetings import services as meeting_services
from meetings.tests.factories import held_meeting
from members.tests.factories import SubjectFactory
from tests.fuzz import DATES, TEXT, fuzz_form, ids, sent_date, sent_id, uploads

from . import factories
from .factories import PDF_BYTES

pytestmark = pytest.mark.django_db

EXPERIENCE_MODELS = [
    Entry,
    Entry.authors.through,
    Entry.tags.through,
    Tag,
    EntryFile,
    Publication,
    Publication.staff_authors.through,
    Manuscript,
    Review,
    AwardRecommendation,
]


def _sent_bytes(upload):
    upload.seek(0)
    return upload.read()


def _people(world):
    return ids(
        [world.staff["teacher"].pk, world.staff["mahead"].pk], [world.staff["other_school"].pk]
    )


@pytest.fixture
def decision(world):
    return factories.decision(world)


@pytest.fixture
def foreign_decision(world):
    with scope(school=world.other_school.pk):
        council = CouncilFactory(academic_year=world.other_year)
        day = world.other_year.start_date + datetime.timedelta(days=3)
        meeting = held_meeting(council, day)
        item = meeting_services.agenda_item_add(meeting=meeting, title="Башка мектеп")
        return meeting_services.decision_add(
            item=item,
            text="Башка мектептин чечими",
            responsible=[world.staff["other_school"]],
            due_date=day,
        )


def test_entry_survives_any_input(client, world, decision, foreign_decision):
    subject = SubjectFactory(school=world.school, name="Математика")
    foreign_subject = SubjectFactory(school=world.other_school, name="Математика")
    client.force_login(world.users["deputy"])

    def check_saved(data):
        entry = Entry.objects.latest("pk")
        assert entry.school_id == world.school.pk
        assert entry.title == data["title"].strip()
        assert entry.description == data["description"].strip()
        assert entry.source == data["source"]
        assert [a.pk for a in entry.authors.all()] == [sent_id(data["authors"])]
        assert entry.subject_id == sent_id(data["subject"])
        assert entry.recommended_by_id == sent_id(data["recommended_by"])
        assert all(tag.school_id == world.school.pk for tag in entry.tags.all())
        if data["upload"]:
            (attached,) = entry.files.all()
            with attached.file.open("rb") as stored:
                assert stored.read() == _sent_bytes(data["upload"])

    fuzz_form(
        client,
        "/experience/new/",
        fields={
            "title": st.one_of(TEXT, st.just("Функционалдык сабаттуулук")),
            "authors": _people(world),
            "subject": st.one_of(st.just(""), ids([subject.pk], [foreign_subject.pk])),
            "grades": st.one_of(TEXT, st.sampled_from(["5-7", "9", "12", "7-5", "1-11"])),
            "source": st.sampled_from(["open_lesson", "conference", "other", "", "tv"]),
            "description": TEXT,
            "tags_text": st.one_of(TEXT, st.just("долбоор, Долбоор,  математика ,")),
            "recommended_by": st.one_of(st.just(""), ids([decision.pk], [foreign_decision.pk])),
            "upload": st.one_of(st.just(""), uploads()),
        },
        models=EXPERIENCE_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "title": "Функционалдык сабаттуулук",
                "authors": str(world.staff["teacher"].pk),
                "subject": str(subject.pk),
                "grades": "5-7",
                "source": "open_lesson",
                "description": "Турмуштук маселелер.",
                "tags_text": "долбоор, математика",
                "recommended_by": str(decision.pk),
                "upload": SimpleUploadedFile("сабак.pdf", PDF_BYTES),
            }
        ],
        max_examples=40,
    )


def test_publication_survives_any_input(client, world):
    client.force_login(world.users["teacher"])

    def check_saved(data):
        publication = Publication.objects.latest("pk")
        assert publication.school_id == world.school.pk
        assert publication.title == data["title"].strip()
        assert publication.venue == data["venue"].strip()
        assert publication.kind == data["kind"]
        assert publication.published_on == sent_date(data["published_on"])
        assert [a.pk for a in publication.staff_authors.all()] == [sent_id(data["staff_authors"])]
        assert publication.supervisor_id == sent_id(data["supervisor"])

    fuzz_form(
        client,
        "/experience/publications/new/",
        fields={
            "title": st.one_of(TEXT, st.just("Математикадан кызыктуу маселелер")),
            "kind": st.sampled_from(["article", "pupil_work", "book", "", "tweet"]),
            "staff_authors": _people(world),
            "pupil_authors": TEXT,
            "supervisor": st.one_of(st.just(""), _people(world)),
            "venue": st.one_of(TEXT, st.just("«Кыргызстан мугалими», №12")),
            "published_on": st.one_of(DATES, st.just("2025-03-14")),
        },
        models=EXPERIENCE_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "title": "Математикадан кызыктуу маселелер",
                "kind": "article",
                "staff_authors": str(world.staff["teacher"].pk),
                "pupil_authors": "",
                "supervisor": "",
                "venue": "«Кыргызстан мугалими», №12",
                "published_on": "2025-03-14",
            }
        ],
        max_examples=35,
    )


def test_manuscript_survives_any_file(client, world):
    client.force_login(world.users["teacher"])

    def check_saved(data):
        manuscript = Manuscript.objects.latest("pk")
        assert manuscript.author_id == world.staff["teacher"].pk
        assert manuscript.title == data["title"].strip()
        assert manuscript.abstract == data["abstract"].strip()
        with manuscript.file.open("rb") as stored:
            assert stored.read() == _sent_bytes(data["file"])

    fuzz_form(
        client,
        "/experience/manuscripts/new/",
        fields={
            "title": st.one_of(TEXT, st.just("Жаш адиске колдонмо")),
            "abstract": TEXT,
            "file": st.one_of(st.just(""), uploads()),
        },
        models=EXPERIENCE_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "title": "Жаш адиске колдонмо",
                "abstract": "Сабакты пландоо.",
                "file": SimpleUploadedFile("колдонмо.pdf", PDF_BYTES),
            }
        ],
        max_examples=35,
    )


def test_reviewers_survive_any_input(client, world):
    manuscript = factories.manuscript(world)
    client.force_login(world.users["deputy"])

    def check_saved(data):
        (review,) = manuscript.reviews.all()
        assert review.reviewer_id == sent_id(data["reviewers"])
        assert review.reviewer_id != manuscript.author_id  # never one's own

    fuzz_form(
        client,
        f"/experience/manuscripts/{manuscript.pk}/reviewers/",
        fields={"reviewers": _people(world)},
        models=EXPERIENCE_MODELS,
        check_saved=check_saved,
        valid=[{"reviewers": str(world.staff["mahead"].pk)}],
        max_examples=25,
    )


def test_review_survives_any_input(client, world):
    manuscript = factories.manuscript(world)
    (review,) = services.reviewers_assign(
        manuscript=manuscript, reviewers=[world.staff["mahead"]], user=world.users["deputy"]
    )
    client.force_login(world.users["mahead"])

    def check_saved(data):
        review.refresh_from_db()
        assert review.verdict == data["verdict"]
        assert review.text == data["text"].strip()

    fuzz_form(
        client,
        f"/experience/reviews/{review.pk}/",
        fields={
            "verdict": st.sampled_from(["recommend", "revise", "reject", "", "love"]),
            "text": st.one_of(TEXT, st.just("Колдонмо мазмундуу, тили жатык.")),
        },
        models=EXPERIENCE_MODELS,
        check_saved=check_saved,
        valid=[{"verdict": "recommend", "text": "Колдонмо мазмундуу, тили жатык."}],
        max_examples=30,
    )


def test_manuscript_decision_survives_any_input(
    client, world, school_day, decision, foreign_decision
):
    manuscript, _review = factories.reviewed_manuscript(world)
    client.force_login(world.users["deputy"])

    def check_saved(data):
        manuscript.refresh_from_db()
        assert manuscript.status == data["outcome"]
        assert manuscript.decision_id == sent_id(data["decision"])
        assert manuscript.decision_note == data["note"].strip()

    fuzz_form(
        client,
        f"/experience/manuscripts/{manuscript.pk}/decide/",
        fields={
            "outcome": st.sampled_from(["recommended", "returned", "submitted", "", "x"]),
            "decision": st.one_of(st.just(""), ids([decision.pk], [foreign_decision.pk])),
            "note": TEXT,
        },
        models=EXPERIENCE_MODELS,
        check_saved=check_saved,
        valid=[{"outcome": "recommended", "decision": str(decision.pk), "note": ""}],
        max_examples=30,
    )


def test_award_survives_any_input(client, world, decision, foreign_decision):
    client.force_login(world.users["deputy"])

    def check_saved(data):
        award = AwardRecommendation.objects.latest("pk")
        assert award.school_id == world.school.pk
        assert award.teacher_id == sent_id(data["teacher"])
        assert award.award == data["award"].strip()
        assert award.level == data["level"]
        assert award.characteristic == data["characteristic"].strip()
        assert award.decision_id == sent_id(data["decision"])

    fuzz_form(
        client,
        "/experience/awards/new/",
        fields={
            "teacher": _people(world),
            "award": st.one_of(TEXT, st.just("Ардак грамота")),
            "level": st.sampled_from(["school", "republic", "", "galaxy"]),
            "characteristic": st.one_of(TEXT, st.just("Мектепте 17 жылдан бери иштейт.")),
            "decision": st.one_of(st.just(""), ids([decision.pk], [foreign_decision.pk])),
        },
        models=EXPERIENCE_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "teacher": str(world.staff["mahead"].pk),
                "award": "Ардак грамота",
                "level": "republic",
                "characteristic": "Мектепте 17 жылдан бери иштейт.",
                "decision": str(decision.pk),
            }
        ],
        max_examples=30,
    )


def test_bank_search_survives_any_query(client, world):
    """Search words go to PostgreSQL's full-text search: no query syntax gets through."""
    factories.entry(world)
    client.force_login(world.users["teacher"])
    fuzz_form(
        client,
        "/experience/",
        method="get",
        fields={
            "q": st.one_of(
                TEXT,
                st.sampled_from(
                    ["сабак", "a & b | !c", "'", "\\\\", "x:*", "(", "_", "а_б", "a:*B & !", "!!"]
                ),
            ),
            "subject": ids([], []),
            "source": st.sampled_from(["", "open_lesson", "x"]),
            "tag": ids([], []),
            "author": ids([world.staff["teacher"].pk], [world.staff["other_school"].pk]),
            "page": st.sampled_from(["1", "2", "²", "-1"]),
        },
        models=EXPERIENCE_MODELS,
        valid=[{"q": "сабаттуулук"}],
        max_examples=40,
    )
    fuzz_form(
        client,
        "/experience/publications/",
        method="get",
        fields={
            "kind": st.sampled_from(["", "article", "x"]),
            "year": ids([world.year.pk], [world.other_year.pk]),
        },
        models=EXPERIENCE_MODELS,
        max_examples=10,
    )
