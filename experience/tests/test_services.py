"""The rules of the bank, publications, manuscript review and awards (R2.13, R2.16, P3.8, P4.5, P4.6)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from experience import selectors, services
from experience.models import Entry, Manuscript, Publication, Review, Tag
from members.tests.factories import StaffFactory
from school.selectors import today
from tests.transactions import rolled_back

from . import factories

pytestmark = pytest.mark.django_db


# The bank ------------------------------------------------------------------------------------


def test_entry_keeps_authors_tags_and_lower_case_search_text(world):
    entry = factories.entry(world, tags_text="Долбоор, долбоор ; Өз ара баалоо")
    assert list(entry.authors.all()) == [world.staff["teacher"]]
    assert [t.name for t in entry.tags.order_by("key")] == ["Долбоор", "Өз ара баалоо"]
    assert "функционалдык" in entry.search_text
    assert "өз ара баалоо" in entry.search_text
    assert world.staff["teacher"].last_name.lower() in entry.search_text


def test_a_removed_file_goes_only_once_the_removal_is_committed(
    world, django_capture_on_commit_callbacks
):
    entry = factories.entry(world, upload=factories.pdf_upload())
    attached = entry.files.get()
    pk, storage, name = attached.pk, attached.file.storage, attached.file.name
    with rolled_back():
        services.entry_file_remove(attached=attached)
    # The row is back, and so must its file be.
    assert entry.files.filter(pk=pk).exists()
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_file_remove(attached=entry.files.get())
    assert not entry.files.exists()
    assert not storage.exists(name)


def test_removing_an_entry_removes_its_files_on_commit(world, django_capture_on_commit_callbacks):
    entry = factories.entry(world, upload=factories.pdf_upload())
    attached = entry.files.get()
    pk, storage, name = entry.pk, attached.file.storage, attached.file.name
    with rolled_back():
        services.entry_delete(entry=entry)
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_delete(entry=Entry.objects.get(pk=pk))
    assert not Entry.objects.filter(pk=pk).exists()
    assert not storage.exists(name)


def test_tags_are_one_per_word_whatever_the_case(world):
    factories.entry(world, tags_text="Долбоор")
    factories.entry(world, title="Экинчи", tags_text="ДОЛБООР")
    assert Tag.objects.filter(school=world.school).count() == 1


@pytest.mark.parametrize(
    ("given", "stored"), [("5-7", "5-7"), (" 9 ", "9"), ("1–4", "1-4"), ("", "")]
)
def test_grades_are_normalised(world, given, stored):
    assert factories.entry(world, grades=given).grades == stored


@pytest.mark.parametrize("grades", ["7-5", "0", "12", "5-13", "беш"])
def test_impossible_grades_are_refused_next_to_the_field(world, grades):
    with pytest.raises(ValidationError) as error:
        factories.entry(world, grades=grades)
    assert "grades" in error.value.message_dict
    assert not Entry.objects.exists()


def test_a_teacher_adds_only_experience_they_author(world):
    with pytest.raises(ValidationError) as error:
        services.entry_create(
            school=world.school,
            user=world.users["teacher"],
            title="Башка бирөөнүн тажрыйбасы",
            authors=[world.staff["mahead"]],
            description="Сүрөттөмө",
            source="other",
        )
    assert "authors" in error.value.message_dict
    assert not Entry.objects.exists()


def test_another_schools_author_is_refused(world):
    with pytest.raises(ValidationError) as error:
        factories.entry(world, author=world.staff["other_school"])
    assert "authors" in error.value.message_dict
    assert not Entry.objects.exists()


def test_a_bad_upload_saves_nothing(world):
    upload = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", "application/octet-stream")
    with pytest.raises(ValidationError) as error:
        factories.entry(world, upload=upload)
    assert "upload" in error.value.message_dict
    assert not Entry.objects.exists()


def test_search_on_sqlite_folds_cyrillic_case(world):
    factories.entry(world, title="Өз ара баалоо ыкмалары")
    factories.entry(world, title="Долбоордук окутуу", tags_text="долбоор")
    found = selectors.entries(school=world.school, query="ӨЗ АРА")
    assert [e.title for e in found] == ["Өз ара баалоо ыкмалары"]
    assert [e.title for e in selectors.entries(school=world.school, query="долбоордук")] == [
        "Долбоордук окутуу"
    ]
    assert not selectors.entries(school=world.school, query="химия").exists()


def test_filters_combine_with_words(world):
    first = factories.entry(world, title="Ачык сабак: бөлчөктөр", source="open_lesson")
    factories.entry(world, title="Мастер-класс: бөлчөктөр", source="master_class")
    found = selectors.entries(school=world.school, query="бөлчөк", source="open_lesson")
    assert list(found) == [first]
    tag = Tag.objects.get(key="математика")
    assert selectors.entries(school=world.school, tag=tag).count() == 2
    assert selectors.entries(school=world.school, author=world.staff["mahead"]).count() == 0


# Publications (P3.8) --------------------------------------------------------------------------


def test_a_publication_needs_authors(world):
    with pytest.raises(ValidationError) as error:
        factories.publication(world, staff_authors=[], pupil_authors="")
    assert "staff_authors" in error.value.message_dict
    assert not Publication.objects.exists()


def test_pupils_publication_with_supervisor(world):
    publication = factories.publication(
        world,
        kind="pupil_work",
        staff_authors=[],
        pupil_authors="Асанов Бекзат, 10-б",
        supervisor=world.staff["teacher"],
    )
    assert publication.supervisor == world.staff["teacher"]


def test_a_supervisor_needs_pupils(world):
    with pytest.raises(ValidationError) as error:
        factories.publication(world, supervisor=world.staff["mahead"])
    assert "supervisor" in error.value.message_dict


def test_a_teacher_registers_their_own_publications_only(world):
    with pytest.raises(ValidationError) as error:
        services.publication_create(
            school=world.school,
            user=world.users["teacher"],
            title="Башка адамдын макаласы",
            kind="article",
            venue="Гезит",
            published_on=datetime.date(2025, 1, 10),
            staff_authors=[world.staff["mahead"]],
        )
    assert "staff_authors" in error.value.message_dict


def test_a_publication_date_is_not_in_the_future(world):
    with pytest.raises(ValidationError) as error:
        factories.publication(world, published_on=today() + datetime.timedelta(days=1))
    assert "published_on" in error.value.message_dict


# Manuscripts and reviews (P4.5) ------------------------------------------------------------------


def test_the_author_cannot_review_their_own_manuscript(world):
    manuscript = factories.manuscript(world)
    with pytest.raises(ValidationError) as error:
        services.reviewers_assign(
            manuscript=manuscript,
            reviewers=[world.staff["mahead"], world.staff["teacher"]],
            user=world.users["deputy"],
        )
    assert "reviewers" in error.value.message_dict
    assert world.staff["teacher"].full_name in error.value.message_dict["reviewers"][0]
    assert not Review.objects.exists()
    manuscript.refresh_from_db()
    assert manuscript.status == Manuscript.Status.SUBMITTED


def test_another_schools_reviewer_is_refused(world):
    manuscript = factories.manuscript(world)
    with pytest.raises(ValidationError) as error:
        services.reviewers_assign(
            manuscript=manuscript,
            reviewers=[world.staff["other_school"]],
            user=world.users["deputy"],
        )
    assert "reviewers" in error.value.message_dict
    assert not Review.objects.exists()


def test_assigning_reviewers_puts_the_manuscript_in_review(world):
    manuscript = factories.manuscript(world)
    reviews = services.reviewers_assign(
        manuscript=manuscript,
        reviewers=[world.staff["mahead"], world.staff["secretary"]],
        user=world.users["deputy"],
    )
    assert len(reviews) == 2
    manuscript.refresh_from_db()
    assert manuscript.status == Manuscript.Status.IN_REVIEW
    with pytest.raises(ValidationError):
        services.reviewers_assign(
            manuscript=manuscript, reviewers=[world.staff["mahead"]], user=world.users["deputy"]
        )


def test_a_review_needs_a_verdict_and_text(world):
    manuscript = factories.manuscript(world)
    (review,) = services.reviewers_assign(
        manuscript=manuscript, reviewers=[world.staff["mahead"]], user=world.users["deputy"]
    )
    with pytest.raises(ValidationError) as error:
        services.review_write(review=review, verdict="maybe", text="  ")
    assert set(error.value.message_dict) == {"verdict", "text"}
    review.refresh_from_db()
    assert not review.is_written


def test_the_council_decides_after_every_review(world, school_day):
    manuscript = factories.manuscript(world)
    first, second = services.reviewers_assign(
        manuscript=manuscript,
        reviewers=[world.staff["mahead"], world.staff["secretary"]],
        user=world.users["deputy"],
    )
    services.review_write(review=first, verdict="recommend", text="Басууга сунушталат.")
    decision = factories.decision(world)
    with pytest.raises(ValidationError) as error:
        services.manuscript_decide(manuscript=manuscript, decision=decision, outcome="recommended")
    assert second.reviewer.short_name in error.value.messages[0]
    services.review_write(review=second, verdict="revise", text="Мисалдарды көбөйтүү керек.")
    decided = services.manuscript_decide(
        manuscript=manuscript, decision=decision, outcome="recommended"
    )
    assert decided.status == Manuscript.Status.RECOMMENDED
    assert decided.decision == decision
    # Decided: no more reviewers, no second decision.
    with pytest.raises(ValidationError):
        services.reviewers_assign(
            manuscript=manuscript, reviewers=[world.staff["director"]], user=world.users["deputy"]
        )
    with pytest.raises(ValidationError):
        services.manuscript_decide(manuscript=manuscript, decision=decision, outcome="returned")


def test_returning_needs_a_note_and_a_decision(world, school_day):
    manuscript, _review = factories.reviewed_manuscript(world, verdict="revise")
    with pytest.raises(ValidationError) as error:
        services.manuscript_decide(manuscript=manuscript, decision=None, outcome="returned")
    assert set(error.value.message_dict) == {"decision", "note"}
    decided = services.manuscript_decide(
        manuscript=manuscript,
        decision=factories.decision(world),
        outcome="returned",
        note="Практикалык тапшырмаларды кошуу керек.",
    )
    assert decided.status == Manuscript.Status.RETURNED


def test_a_decision_before_the_submission_is_refused(world):
    early = factories.decision(world, day=world.year.start_date + datetime.timedelta(days=3))
    manuscript, _review = factories.reviewed_manuscript(world)
    if manuscript.submitted_on <= early.meeting.date:
        pytest.skip("the test year starts today: no meeting can precede the submission")
    with pytest.raises(ValidationError) as error:
        services.manuscript_decide(manuscript=manuscript, decision=early, outcome="recommended")
    assert "decision" in error.value.message_dict
    manuscript.refresh_from_db()
    assert manuscript.status == Manuscript.Status.IN_REVIEW


def test_a_pending_reviewer_can_be_removed_a_written_one_not(world):
    manuscript, written = factories.reviewed_manuscript(world)
    (pending,) = services.reviewers_assign(
        manuscript=manuscript, reviewers=[world.staff["secretary"]], user=world.users["deputy"]
    )
    services.reviewer_remove(review=pending)
    with pytest.raises(ValidationError):
        services.reviewer_remove(review=written)
    assert list(manuscript.reviews.all()) == [written]


def test_the_list_shows_a_teacher_only_their_manuscripts_and_reviews(world):
    own = factories.manuscript(world)
    other_author = StaffFactory(school=world.school)
    from school.tests.factories import UserFactory

    other_author.user = UserFactory(school=world.school, username="author2")
    other_author.save()
    foreign = services.manuscript_submit(
        author=other_author,
        user=other_author.user,
        title="Башка кол жазма",
        abstract="Аннотация",
        upload=factories.pdf_upload(),
    )
    assert list(selectors.manuscripts_for(world.users["teacher"])) == [own]
    assert set(selectors.manuscripts_for(world.users["director"])) == {own, foreign}
    services.reviewers_assign(
        manuscript=foreign, reviewers=[world.staff["teacher"]], user=world.users["deputy"]
    )
    assert set(selectors.manuscripts_for(world.users["teacher"])) == {own, foreign}


# Award recommendations (R2.13, P4.6) -----------------------------------------------------------------


def test_an_award_needs_the_characteristic(world):
    with pytest.raises(ValidationError) as error:
        factories.award(world, characteristic="   ")
    assert "characteristic" in error.value.message_dict


def test_an_award_for_another_schools_teacher_is_refused(world):
    with pytest.raises(ValidationError) as error:
        factories.award(world, teacher=world.staff["other_school"])
    assert "teacher" in error.value.message_dict


def test_an_award_is_linked_to_the_decision(world):
    decision = factories.decision(world, text="Жээнбеков Б. Ү. Ардак грамотага көрсөтүлсүн.")
    award = factories.award(world, decision=decision)
    assert award.decision == decision
    assert list(selectors.awards_for(world.users["mahead"])) == [award]
    assert list(selectors.awards_for(world.users["teacher"])) == []
