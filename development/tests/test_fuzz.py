"""Any input to the professional-growth forms (attestation, documents, characteristic, courses
with certificates, self-education, programme reviews; R2.7, R6.1, P3.5): never a 5xx, nothing
written or changed when refused, exactly what was sent when accepted, another school's
subjects and teachers never taken."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

from development.models import (
    Attestation,
    AttestationDocument,
    CategoryRecord,
    Characteristic,
    Course,
    ProgrammeReview,
    SelfEducation,
)
from members.models import Staff
from members.tests.factories import SubjectFactory
from school.selectors import today
from tests.fuzz import DATES, NUMBERS, TEXT, fuzz_form, ids, sent_date, sent_id, uploads

from .factories import PDF_BYTES, make_attestation

pytestmark = pytest.mark.django_db

GROWTH_MODELS = [
    Attestation,
    AttestationDocument,
    CategoryRecord,
    Characteristic,
    Course,
    ProgrammeReview,
    SelfEducation,
    Staff,
]


def _days(*days):
    return st.sampled_from([d.isoformat() for d in days] + [d.strftime("%d.%m.%Y") for d in days])


def _sent_bytes(upload):
    upload.seek(0)
    return upload.read()


def test_attestation_survives_any_input(client, world):
    teacher = world.staff["teacher"]
    client.force_login(world.users["deputy"])
    start, commission = today() - datetime.timedelta(days=30), today() + datetime.timedelta(days=30)

    def check_saved(data):
        attestation = Attestation.objects.latest("pk")
        assert attestation.staff_id == teacher.pk
        assert attestation.starts_on == sent_date(data["starts_on"])
        assert attestation.ends_on == sent_date(data["ends_on"])
        assert attestation.starts_on <= attestation.ends_on
        assert attestation.category == data["category"]
        assert attestation.decision == data["decision"]
        assert attestation.decision_note == data["decision_note"].strip()

    fuzz_form(
        client,
        f"/growth/teachers/{teacher.pk}/attestations/new/",
        fields={
            "starts_on": st.one_of(DATES, _days(start)),
            "ends_on": st.one_of(DATES, _days(commission)),
            "category": st.sampled_from(["first", "highest", "second", "none", "", "king"]),
            "decision": st.sampled_from(
                ["pending", "awarded", "confirmed", "refused", "", "maybe"]
            ),
            "decision_note": TEXT,
        },
        models=GROWTH_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "starts_on": start.isoformat(),
                "ends_on": commission.isoformat(),
                "category": "first",
                "decision": "pending",
                "decision_note": "Ачык сабагы бар.",
            }
        ],
        max_examples=35,
    )


def test_attestation_document_survives_any_file(client, world):
    attestation = make_attestation(world.staff["teacher"])
    client.force_login(world.users["deputy"])

    def check_saved(data):
        document = AttestationDocument.objects.latest("pk")
        assert document.attestation_id == attestation.pk
        with document.file.open("rb") as stored:
            assert stored.read() == _sent_bytes(data["file"])

    fuzz_form(
        client,
        f"/growth/attestations/{attestation.pk}/documents/new/",
        fields={"file": uploads()},
        models=GROWTH_MODELS,
        check_saved=check_saved,
        valid=[{"file": SimpleUploadedFile("арыз.pdf", PDF_BYTES)}],
        max_examples=30,
    )


def test_characteristic_survives_any_input(client, world):
    attestation = make_attestation(world.staff["teacher"])
    client.force_login(world.users["deputy"])

    def check_saved(data):
        assert Characteristic.objects.get(attestation=attestation).text == data["text"].strip()

    fuzz_form(
        client,
        f"/growth/attestations/{attestation.pk}/characteristic/",
        fields={"text": st.one_of(TEXT, st.just("Сабактарын жогорку деңгээлде өтөт."))},
        models=GROWTH_MODELS,
        check_saved=check_saved,
        valid=[{"text": "Сабактарын жогорку деңгээлде өтөт."}],
        max_examples=25,
    )


def test_course_survives_any_input(client, world):
    teacher = world.staff["teacher"]
    client.force_login(world.users["teacher"])
    first, last = today() - datetime.timedelta(days=40), today() - datetime.timedelta(days=30)

    def check_saved(data):
        course = Course.objects.latest("pk")
        assert course.staff_id == teacher.pk
        assert course.title == data["title"].strip()
        assert course.provider == data["provider"].strip()
        assert (course.starts_on, course.ends_on) == (
            sent_date(data["starts_on"]),
            sent_date(data["ends_on"]),
        )
        assert course.hours == int(data["hours"])
        if data.get("certificate"):
            with course.certificate.open("rb") as stored:
                assert stored.read() == _sent_bytes(data["certificate"])

    fuzz_form(
        client,
        f"/growth/teachers/{teacher.pk}/courses/new/",
        fields={
            "title": st.one_of(TEXT, st.just("Заманбап сабактын технологиялары")),
            "provider": st.one_of(TEXT, st.just("Кыргыз билим берүү академиясы")),
            "starts_on": st.one_of(DATES, _days(first)),
            "ends_on": st.one_of(DATES, _days(last)),
            "hours": st.one_of(NUMBERS, st.sampled_from(["72", "1", "500", "501", "0"])),
            "certificate": st.one_of(st.just(""), uploads()),
        },
        models=GROWTH_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "title": "Заманбап сабактын технологиялары",
                "provider": "КББА",
                "starts_on": first.isoformat(),
                "ends_on": last.isoformat(),
                "hours": "72",
                "certificate": SimpleUploadedFile("күбөлүк.pdf", PDF_BYTES),
            }
        ],
        max_examples=35,
    )


def test_self_education_survives_any_input(client, world):
    teacher = world.staff["teacher"]
    client.force_login(world.users["teacher"])

    def check_saved(data):
        record = SelfEducation.objects.get(staff=teacher, academic_year=world.year)
        assert record.topic == data["topic"].strip()
        assert record.report == data["report"].strip()
        assert record.report_item_id is None

    fuzz_form(
        client,
        f"/growth/teachers/{teacher.pk}/self-education/{world.year.pk}/",
        fields={
            "topic": st.one_of(TEXT, st.just("Сынчыл ой жүгүртүүнү өнүктүрүү")),
            "report": TEXT,
            "report_item": st.one_of(st.just(""), NUMBERS),
        },
        models=GROWTH_MODELS,
        check_saved=check_saved,
        valid=[{"topic": "Сынчыл ой жүгүртүүнү өнүктүрүү", "report": "", "report_item": ""}],
        max_examples=30,
    )


def test_programme_review_survives_any_input(client, world):
    subject = SubjectFactory(school=world.school, name="Математика")
    foreign = SubjectFactory(school=world.other_school, name="Математика")
    client.force_login(world.users["mahead"])

    def check_saved(data):
        review = ProgrammeReview.objects.latest("pk")
        assert review.teacher_id == sent_id(data["teacher"])
        assert review.teacher.school_id == world.school.pk
        assert review.reviewer_id == world.staff["mahead"].pk
        assert review.subject_id == sent_id(data["subject"])
        assert review.grade == int(data["grade"])
        assert review.reviewed_on == sent_date(data["reviewed_on"]) <= today()
        assert review.result == data["result"]
        assert review.remarks == data["remarks"].strip()

    fuzz_form(
        client,
        "/growth/programmes/new/",
        fields={
            "teacher": ids(
                [world.staff["teacher"].pk, world.staff["mahead"].pk],
                [world.staff["other_school"].pk],
            ),
            "subject": ids([subject.pk], [foreign.pk]),
            "grade": st.one_of(NUMBERS, st.sampled_from(["1", "7", "11", "12"])),
            "reviewed_on": st.one_of(DATES, _days(today(), today() + datetime.timedelta(days=1))),
            "result": st.sampled_from(["approved", "returned", "", "burnt"]),
            "remarks": TEXT,
        },
        models=GROWTH_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "teacher": str(world.staff["teacher"].pk),
                "subject": str(subject.pk),
                "grade": "7",
                "reviewed_on": today().isoformat(),
                "result": "returned",
                "remarks": "Сааттарды оңдоо керек.",
            }
        ],
        max_examples=35,
    )


def test_growth_pages_survive_any_query(client, world):
    client.force_login(world.users["deputy"])
    year = st.one_of(ids([world.year.pk], [world.other_year.pk]), NUMBERS)
    for url in ("/growth/self-education/", "/growth/due/"):
        fuzz_form(
            client,
            url,
            method="get",
            fields={"year": year},
            models=GROWTH_MODELS,
            examples=[{"year": "²"}, {"year": "٣"}, {"year": "9" * 40}],
            max_examples=10,
        )
    fuzz_form(
        client,
        "/growth/programmes/new/",
        method="get",
        fields={"teacher": ids([world.staff["teacher"].pk], [world.staff["other_school"].pk])},
        models=GROWTH_MODELS,
        examples=[{"teacher": "²"}, {"teacher": "9" * 40}],
        max_examples=10,
    )
    fuzz_form(
        client,
        "/growth/programmes/",
        method="get",
        fields={"open": st.sampled_from(["", "1", "0", "²"])},
        models=GROWTH_MODELS,
        max_examples=5,
    )
