"""The rules of professional growth, through the services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from development import selectors, services
from development.models import (
    Attestation,
    CategoryRecord,
    Course,
    DevelopmentSettings,
    ProgrammeReview,
    SelfEducation,
)
from development.tests.factories import (
    PNG_BYTES,
    make_attestation,
    make_course,
    make_review,
    pdf_upload,
)
from members.tests.factories import StaffFactory, SubjectFactory
from plans.models import ActivityForm
from plans.tests.factories import association_item, association_plan
from school.selectors import today
from tests.transactions import rolled_back

D = datetime.date


def _messages(error, field):
    return " ".join(error.value.message_dict[field])


# Settings --------------------------------------------------------------------------------------


def test_settings_are_created_on_first_use_with_the_defaults(world):
    config = DevelopmentSettings.for_school(world.school)
    assert (config.attestation_cycle_years, config.minimum_course_hours) == (5, 72)
    assert DevelopmentSettings.for_school(world.school).pk == config.pk


def test_settings_cycle_out_of_range_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.settings_update(
            school=world.school, attestation_cycle_years=0, minimum_course_hours=72
        )
    assert "from 1 to 10 years" in _messages(error, "attestation_cycle_years")
    assert DevelopmentSettings.for_school(world.school).attestation_cycle_years == 5


# Attestation (P3.5) ----------------------------------------------------------------------------


def test_overlapping_attestation_dates_of_one_teacher_are_refused(world):
    teacher = world.staff["teacher"]
    first = make_attestation(teacher, starts_on=D(2025, 1, 10), ends_on=D(2025, 3, 1))
    with pytest.raises(ValidationError) as error:
        make_attestation(teacher, starts_on=D(2025, 2, 20), ends_on=D(2025, 4, 1))
    assert "overlap another attestation" in _messages(error, "starts_on")
    assert "10.01.2025 – 01.03.2025" in _messages(error, "starts_on")
    assert list(Attestation.objects.filter(staff=teacher)) == [first]
    # Touching on the same day overlaps too; the next day does not.
    with pytest.raises(ValidationError):
        make_attestation(teacher, starts_on=D(2025, 3, 1), ends_on=D(2025, 4, 1))
    make_attestation(teacher, starts_on=D(2025, 3, 2), ends_on=D(2025, 4, 1))
    # Another teacher's dates are theirs.
    make_attestation(world.staff["mahead"], starts_on=D(2025, 2, 20), ends_on=D(2025, 4, 1))


def test_editing_an_attestation_into_another_s_dates_is_refused(world):
    teacher = world.staff["teacher"]
    make_attestation(teacher, starts_on=D(2024, 1, 10), ends_on=D(2024, 3, 1))
    second = make_attestation(teacher, starts_on=D(2025, 1, 10), ends_on=D(2025, 3, 1))
    with pytest.raises(ValidationError) as error:
        services.attestation_update(
            attestation=second,
            starts_on=D(2024, 2, 1),
            ends_on=D(2025, 3, 1),
            category="first",
            decision="pending",
        )
    assert "overlap" in _messages(error, "starts_on")
    second.refresh_from_db()
    assert second.starts_on == D(2025, 1, 10)


def test_commission_before_start_is_refused(world):
    with pytest.raises(ValidationError) as error:
        make_attestation(world.staff["teacher"], starts_on=D(2025, 3, 1), ends_on=D(2025, 2, 1))
    assert "before the attestation starts" in _messages(error, "ends_on")


def test_the_database_refuses_reversed_dates(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Attestation.objects.create(
            school=world.school,
            staff=world.staff["teacher"],
            starts_on=D(2025, 3, 1),
            ends_on=D(2025, 2, 1),
            category="first",
        )


def test_a_decision_before_the_commission_meets_is_refused(world):
    with pytest.raises(ValidationError) as error:
        make_attestation(
            world.staff["teacher"], ends_on=today() + datetime.timedelta(days=3), decision="awarded"
        )
    assert "can be recorded from that day" in _messages(error, "decision")
    assert not Attestation.objects.exists()


def test_an_awarded_category_becomes_the_current_one_with_its_date(world):
    teacher = world.staff["teacher"]
    teacher.category = "second"
    teacher.save()
    day = today() - datetime.timedelta(days=10)
    make_attestation(teacher, ends_on=day, category="first", decision="awarded")
    teacher.refresh_from_db()
    assert teacher.category == "first"
    assert CategoryRecord.objects.get(staff=teacher).given_on == day
    # P3.5: the next attestation is due a cycle after the category was given.
    config = DevelopmentSettings.for_school(world.school)
    config.attestation_cycle_years = 4
    config.save()
    row = next(r for r in selectors.teacher_rows(world.users["deputy"]) if r.staff == teacher)
    assert row.next_on == day.replace(year=day.year + 4)


def test_a_refused_attestation_keeps_the_category(world):
    teacher = world.staff["teacher"]
    services.category_set(staff=teacher, category="first", given_on=D(2022, 4, 1))
    make_attestation(
        teacher,
        ends_on=today() - datetime.timedelta(days=1),
        category="highest",
        decision="refused",
    )
    teacher.refresh_from_db()
    assert teacher.category == "first"
    assert CategoryRecord.objects.get(staff=teacher).given_on == D(2022, 4, 1)


def test_an_older_decision_does_not_override_a_later_category(world):
    teacher = world.staff["teacher"]
    services.category_set(staff=teacher, category="highest", given_on=D(2024, 5, 1))
    make_attestation(
        teacher,
        starts_on=D(2019, 1, 1),
        ends_on=D(2019, 3, 1),
        category="second",
        decision="awarded",
    )
    teacher.refresh_from_db()
    assert teacher.category == "highest"


def test_category_needs_its_date_and_not_in_the_future(world):
    teacher = world.staff["teacher"]
    with pytest.raises(ValidationError) as error:
        services.category_set(staff=teacher, category="first", given_on=None)
    assert "Give the date" in _messages(error, "given_on")
    with pytest.raises(ValidationError):
        services.category_set(
            staff=teacher, category="first", given_on=today() + datetime.timedelta(days=1)
        )


def test_due_lists_split_this_year_and_next(world):
    year = world.year
    deputy = world.users["deputy"]
    due_now, due_next, later = (
        StaffFactory(school=world.school, last_name=name) for name in ("Азыр", "Кийин", "Алыс")
    )
    # Due a cycle (5 years) after the category was given.
    services.category_set(
        staff=due_now,
        category="first",
        given_on=year.end_date.replace(year=year.end_date.year - 5) - datetime.timedelta(days=30),
    )
    services.category_set(
        staff=due_next,
        category="first",
        given_on=year.end_date.replace(year=year.end_date.year - 4) - datetime.timedelta(days=30),
    )
    services.category_set(
        staff=later, category="first", given_on=year.end_date.replace(year=year.end_date.year - 2)
    )
    lists = selectors.due_for_attestation(deputy)
    this_year = [r.staff for r in lists.this_year]
    next_year = [r.staff for r in lists.next_year]
    assert due_now in this_year and due_next not in this_year
    assert due_next in next_year and later not in next_year + this_year


# Documents and certificates --------------------------------------------------------------------


def test_document_types_sizes_and_content_are_checked(world, settings):
    attestation = make_attestation(world.staff["teacher"])
    user = world.users["deputy"]
    bad = [
        (SimpleUploadedFile("run.exe", b"MZ\x90\x00"), "not accepted"),
        (SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>"), "does not match"),
        (SimpleUploadedFile("photo.png", b"\xff\xd8\xff\xe0 a jpeg"), "does not match"),
    ]
    for upload, message in bad:
        with pytest.raises(ValidationError) as error:
            services.attestation_document_add(attestation=attestation, upload=upload, user=user)
        assert message in _messages(error, "file")
    settings.UPLOAD_MAX_BYTES = 20
    with pytest.raises(ValidationError) as error:
        services.attestation_document_add(
            attestation=attestation, upload=pdf_upload(content=b"%PDF-" + b"x" * 40), user=user
        )
    assert "at most 20" in _messages(error, "file")
    assert not attestation.documents.exists()
    settings.UPLOAD_MAX_BYTES = 1024
    document = services.attestation_document_add(
        attestation=attestation, upload=SimpleUploadedFile("Скан.png", PNG_BYTES), user=user
    )
    assert document.original_name == "Скан.png"
    assert document.file.name.startswith(f"development/{world.school.pk}/")
    assert "Скан" not in document.file.name  # stored under a random name


# Courses ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("hours", [0, 501, 1000])
def test_course_hours_out_of_range_are_refused(world, hours):
    with pytest.raises(ValidationError) as error:
        make_course(world.staff["teacher"], hours=hours)
    assert "from 1 to 500 hours" in _messages(error, "hours")
    assert not Course.objects.exists()


def test_course_hours_at_the_limits_are_accepted(world):
    make_course(world.staff["teacher"], hours=1)
    make_course(world.staff["teacher"], hours=500)
    assert Course.objects.count() == 2


def test_the_database_refuses_hours_out_of_range(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Course.objects.create(
            school=world.school,
            staff=world.staff["teacher"],
            title="T",
            provider="P",
            starts_on=D(2024, 1, 1),
            ends_on=D(2024, 1, 2),
            hours=501,
        )


def test_a_bad_certificate_is_refused_with_the_other_errors(world, settings):
    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError) as error:
        make_course(world.staff["teacher"], hours=0, certificate=pdf_upload())
    assert "at most 10" in _messages(error, "certificate")
    assert "from 1 to 500" in _messages(error, "hours")
    assert not Course.objects.exists()


def test_a_course_in_the_future_is_refused(world):
    with pytest.raises(ValidationError) as error:
        make_course(world.staff["teacher"], ends_on=today() + datetime.timedelta(days=5))
    assert "once it is finished" in _messages(error, "ends_on")


def test_hours_count_over_the_last_five_years_and_flag_the_minimum(world):
    teacher, deputy = world.staff["teacher"], world.users["deputy"]
    day = today()
    make_course(teacher, hours=40, ends_on=day - datetime.timedelta(days=30))
    make_course(teacher, hours=30, ends_on=day.replace(year=day.year - 4))
    make_course(teacher, hours=100, ends_on=day.replace(year=day.year - 6))  # too long ago
    row = next(r for r in selectors.teacher_rows(deputy) if r.staff == teacher)
    assert row.hours == 70
    assert row.below_minimum  # 70 < 72
    config = DevelopmentSettings.for_school(world.school)
    config.minimum_course_hours = 70
    config.save()
    row = next(r for r in selectors.teacher_rows(deputy) if r.staff == teacher)
    assert not row.below_minimum


def _course_args(course, **changes):
    return {
        "course": course,
        "title": course.title,
        "provider": course.provider,
        "starts_on": course.starts_on,
        "ends_on": course.ends_on,
        "hours": course.hours,
        **changes,
    }


def test_replacing_a_certificate_removes_the_old_file(world, django_capture_on_commit_callbacks):
    course = make_course(world.staff["teacher"], certificate=pdf_upload())
    old = course.certificate.name
    storage = course.certificate.storage
    assert storage.exists(old)
    with django_capture_on_commit_callbacks(execute=True):
        services.course_update(
            **_course_args(course, certificate=SimpleUploadedFile("new.png", PNG_BYTES))
        )
    assert not storage.exists(old)
    assert course.certificate_name == "new.png"


@pytest.mark.parametrize(
    "remove",
    [
        lambda course: services.course_delete(course=course),
        lambda course: services.course_update(**_course_args(course, remove_certificate=True)),
        lambda course: services.course_update(
            **_course_args(course, certificate=SimpleUploadedFile("new.png", PNG_BYTES))
        ),
    ],
    ids=["course deleted", "certificate removed", "certificate replaced"],
)
def test_a_rolled_back_change_leaves_the_certificate_in_place(
    world, django_capture_on_commit_callbacks, remove
):
    course = make_course(world.staff["teacher"], certificate=pdf_upload())
    name, storage = course.certificate.name, course.certificate.storage
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with rolled_back():
            remove(Course.objects.get(pk=course.pk))
    assert callbacks == []
    assert storage.exists(name)
    assert Course.objects.get(pk=course.pk).certificate.name == name


def test_a_removed_document_goes_on_commit_and_stays_on_rollback(
    world, django_capture_on_commit_callbacks
):
    attestation = make_attestation(world.staff["teacher"])
    document = services.attestation_document_add(
        attestation=attestation, upload=pdf_upload(), user=world.users["deputy"]
    )
    pk, name, storage = document.pk, document.file.name, document.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        with rolled_back():
            services.attestation_document_remove(document=document)
    assert storage.exists(name) and attestation.documents.filter(pk=pk).exists()
    document = attestation.documents.get(pk=pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.attestation_document_remove(document=document)
    assert not storage.exists(name) and not attestation.documents.exists()


# Self-education (R2.7) -------------------------------------------------------------------------


def test_self_education_one_per_year_and_linked_to_a_report_item(world):
    teacher = world.staff["teacher"]
    plan = association_plan(world.association, world.year)
    report_item = association_item(
        plan, "Өз алдынча билим алуу боюнча отчет", form=ActivityForm.SELF_EDUCATION_REPORT
    )
    seminar = association_item(plan, "Семинар", form=ActivityForm.SEMINAR)
    services.self_education_save(staff=teacher, academic_year=world.year, topic="Тема 1")
    record = services.self_education_save(
        staff=teacher,
        academic_year=world.year,
        topic="Тема 1",
        report="Отчет жазылды.",
        report_item=report_item,
    )
    assert SelfEducation.objects.filter(staff=teacher).count() == 1
    assert record.report_item == report_item
    with pytest.raises(ValidationError) as error:
        services.self_education_save(
            staff=teacher, academic_year=world.year, topic="Тема 1", report_item=seminar
        )
    assert "self-education report" in _messages(error, "report_item")
    # A colleague outside the association cannot report at its meeting.
    with pytest.raises(ValidationError):
        services.self_education_save(
            staff=world.staff["secretary"],
            academic_year=world.year,
            topic="Тема",
            report_item=report_item,
        )


def test_self_education_needs_a_topic(world):
    with pytest.raises(ValidationError) as error:
        services.self_education_save(
            staff=world.staff["teacher"], academic_year=world.year, topic="  "
        )
    assert "Give the self-education topic" in _messages(error, "topic")


# Working-programme reviews (R6.1) --------------------------------------------------------------


def test_a_returned_review_stays_open_until_a_follow_up_approves_it(world):
    teacher, head = world.staff["teacher"], world.staff["mahead"]
    subject = SubjectFactory(school=world.school, name="Алгебра")
    returned = make_review(
        teacher,
        head,
        subject=subject,
        result="returned",
        reviewed_on=today() - datetime.timedelta(days=20),
    )
    assert selectors.is_open(returned)
    assert list(ProgrammeReview.objects.filter(selectors.open_q())) == [returned]
    # Returned again: the follow-up takes over and is the open one.
    again = services.review_create(
        teacher=teacher,
        subject=subject,
        grade=7,
        reviewer=head,
        reviewed_on=today() - datetime.timedelta(days=10),
        result="returned",
        remarks="Дагы оңдоо керек.",
        follows=returned,
    )
    assert list(ProgrammeReview.objects.filter(selectors.open_q())) == [again]
    services.review_create(
        teacher=teacher,
        subject=subject,
        grade=7,
        reviewer=world.staff["deputy"],
        reviewed_on=today(),
        result="approved",
        follows=again,
    )
    assert not ProgrammeReview.objects.filter(selectors.open_q()).exists()
    returned.refresh_from_db()
    assert not selectors.is_open(returned)


def test_follow_up_rules(world):
    teacher, head = world.staff["teacher"], world.staff["mahead"]
    subject = SubjectFactory(school=world.school, name="Геометрия")
    approved = make_review(teacher, head, subject=subject)
    with pytest.raises(ValidationError, match="Only a returned programme"):
        make_review(teacher, head, subject=subject, follows=approved)
    returned = make_review(
        teacher,
        head,
        subject=subject,
        result="returned",
        reviewed_on=today() - datetime.timedelta(days=3),
    )
    with pytest.raises(ValidationError, match="same teacher, subject and grade"):
        make_review(teacher, head, subject=subject, grade=8, follows=returned)
    with pytest.raises(ValidationError) as error:
        make_review(
            teacher,
            head,
            subject=subject,
            follows=returned,
            reviewed_on=today() - datetime.timedelta(days=4),
        )
    assert "cannot be before the review it follows" in _messages(error, "reviewed_on")
    make_review(teacher, head, subject=subject, follows=returned, reviewed_on=today())
    with pytest.raises(ValidationError, match="already has a follow-up"):
        make_review(teacher, head, subject=subject, follows=returned, reviewed_on=today())


def test_returned_needs_remarks_and_nobody_reviews_their_own(world):
    teacher = world.staff["teacher"]
    with pytest.raises(ValidationError) as error:
        make_review(teacher, world.staff["mahead"], result="returned", remarks=" ")
    assert "remarks" in _messages(error, "remarks")
    with pytest.raises(ValidationError) as error:
        make_review(teacher, teacher)
    assert "own working programme" in _messages(error, "reviewer")
    with pytest.raises(ValidationError) as error:
        make_review(teacher, world.staff["mahead"], grade=12)
    assert "from 1 to 11" in _messages(error, "grade")
    assert not ProgrammeReview.objects.exists()
