"""Writes on professional-growth records: every rule is checked here, in a transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Staff, Subject
from plans.models import ActivityForm, AssociationPlanItem
from school import uploads
from school.calendar import short_date
from school.models import AcademicYear, School, delete_on_commit
from school.selectors import today

from .models import (
    Attestation,
    AttestationDocument,
    CategoryRecord,
    Characteristic,
    Course,
    DevelopmentSettings,
    ProgrammeReview,
    SelfEducation,
)

# Attestation documents and course certificates: no spreadsheets or slides.
ALLOWED_EXTENSIONS = ("pdf", "docx", "odt", "jpg", "jpeg", "png")


def check_upload(upload, *, field: str) -> str:
    return uploads.check_upload(upload, field=field, allowed=ALLOWED_EXTENSIONS)


def _lock_staff(staff: Staff) -> None:
    """Serialise writes about one teacher, so that checks over their rows hold."""
    Staff.objects.select_for_update().filter(pk=staff.pk).first()


# Settings ----------------------------------------------------------------------------------


@transaction.atomic
def settings_update(
    *, school: School, attestation_cycle_years: int, minimum_course_hours: int
) -> DevelopmentSettings:
    current = DevelopmentSettings.for_school(school)
    current.attestation_cycle_years = attestation_cycle_years
    current.minimum_course_hours = minimum_course_hours
    current.full_clean()
    current.save()
    return current


# Category and attestation (P3.5) -----------------------------------------------------------


@transaction.atomic
def category_set(*, staff: Staff, category: str, given_on: datetime.date | None) -> Staff:
    """Record the current category and the date it was given (e.g. from the paper file)."""
    if category not in Staff.Category.values:
        raise ValidationError({"category": _("Choose a category from the list.")})
    if category != Staff.Category.NONE and given_on is None:
        raise ValidationError({"given_on": _("Give the date the category was given.")})
    if given_on is not None and given_on > today():
        raise ValidationError({"given_on": _("The date cannot be in the future.")})
    _lock_staff(staff)
    staff.category = category
    staff.save(update_fields=["category"])
    if given_on is None:
        CategoryRecord.objects.filter(staff=staff).delete()
    else:
        CategoryRecord.objects.update_or_create(
            staff=staff, defaults={"school_id": staff.school_id, "given_on": given_on}
        )
    return staff


def _apply_latest_decision(staff: Staff) -> None:
    """The latest attestation that gave a category sets the current one and its date."""
    latest = (
        Attestation.objects.filter(
            staff=staff,
            decision__in=[Attestation.Decision.AWARDED, Attestation.Decision.CONFIRMED],
        )
        .order_by("-ends_on", "-pk")
        .first()
    )
    if latest is None:
        return
    record = CategoryRecord.objects.filter(staff=staff).first()
    if record is not None and record.given_on > latest.ends_on:
        return  # a later category was recorded by hand
    staff.category = latest.category
    staff.save(update_fields=["category"])
    CategoryRecord.objects.update_or_create(
        staff=staff, defaults={"school_id": staff.school_id, "given_on": latest.ends_on}
    )


def _save_attestation(attestation: Attestation) -> Attestation:
    if attestation.decision != Attestation.Decision.PENDING and attestation.ends_on > today():
        raise ValidationError(
            {
                "decision": _(
                    "The commission meets on %(date)s: its decision can be recorded from that day."
                )
                % {"date": short_date(attestation.ends_on)}
            }
        )
    attestation.full_clean()
    attestation.save()
    _apply_latest_decision(attestation.staff)
    return attestation


@transaction.atomic
def attestation_create(
    *,
    staff: Staff,
    starts_on: datetime.date,
    ends_on: datetime.date,
    category: str,
    decision: str = Attestation.Decision.PENDING,
    decision_note: str = "",
) -> Attestation:
    """Open an attestation; its dates may not overlap another of the same teacher (P3.5)."""
    _lock_staff(staff)
    attestation = Attestation(
        school_id=staff.school_id,
        staff=staff,
        starts_on=starts_on,
        ends_on=ends_on,
        category=category,
        decision=decision,
        decision_note=decision_note.strip(),
    )
    return _save_attestation(attestation)


@transaction.atomic
def attestation_update(
    *,
    attestation: Attestation,
    starts_on: datetime.date,
    ends_on: datetime.date,
    category: str,
    decision: str,
    decision_note: str = "",
) -> Attestation:
    _lock_staff(attestation.staff)
    attestation.starts_on = starts_on
    attestation.ends_on = ends_on
    attestation.category = category
    attestation.decision = decision
    attestation.decision_note = decision_note.strip()
    return _save_attestation(attestation)


@transaction.atomic
def attestation_document_add(*, attestation: Attestation, upload, user) -> AttestationDocument:
    check_upload(upload, field="file")
    return AttestationDocument.from_upload(
        upload, user=user, school_id=attestation.school_id, attestation=attestation
    )


@transaction.atomic
def attestation_document_remove(*, document: AttestationDocument) -> None:
    """The row goes now; the file once the removal is committed."""
    document.remove()


@transaction.atomic
def characteristic_save(*, attestation: Attestation, text: str, by: Staff | None) -> Characteristic:
    """The council's characteristic for an attestation (P3.5, P4.6), written by the deputy."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the text of the characteristic.")})
    characteristic = Characteristic.objects.filter(attestation=attestation).first()
    if characteristic is None:
        characteristic = Characteristic(attestation=attestation)
    characteristic.text = text
    characteristic.written_by = by
    characteristic.full_clean()
    characteristic.save()
    return characteristic


# Self-education (R2.7) ---------------------------------------------------------------------


def report_items_for(staff: Staff, year: AcademicYear):
    """Items of form "self-education report" in the year's plans of the teacher's associations."""
    return (
        AssociationPlanItem.objects.filter(
            plan__academic_year=year,
            form=ActivityForm.SELF_EDUCATION_REPORT,
        )
        .filter(plan__association__in=staff.associations.all())
        .select_related("plan__association")
        .order_by("planned_start", "pk")
    )


@transaction.atomic
def self_education_save(
    *,
    staff: Staff,
    academic_year: AcademicYear,
    topic: str,
    report: str = "",
    report_item: AssociationPlanItem | None = None,
) -> SelfEducation:
    """The teacher's topic for the year and, at the year's end, the report (R2.7)."""
    topic = (topic or "").strip()
    if not topic:
        raise ValidationError({"topic": _("Give the self-education topic.")})
    if academic_year.school_id != staff.school_id:
        raise ValidationError({"academic_year": _("Choose an academic year of your school.")})
    if (
        report_item is not None
        and not report_items_for(staff, academic_year).filter(pk=report_item.pk).exists()
    ):
        raise ValidationError(
            {
                "report_item": _(
                    "Choose a “self-education report” item of this year's plan "
                    "of the teacher's association."
                )
            }
        )
    _lock_staff(staff)
    record = SelfEducation.objects.filter(staff=staff, academic_year=academic_year).first()
    if record is None:
        record = SelfEducation(school_id=staff.school_id, staff=staff, academic_year=academic_year)
    record.topic = topic
    record.report = (report or "").strip()
    record.report_item = report_item
    record.full_clean()
    record.save()
    return record


# Courses -------------------------------------------------------------------------------------


def _check_course(course: Course, certificate) -> None:
    """Every error at once, each next to its field: dates, hours and the certificate."""
    errors = {}
    try:
        course.full_clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if course.ends_on and course.ends_on > today() and "ends_on" not in errors:
        errors["ends_on"] = [
            _("Record a course once it is finished: the last day is in the future.")
        ]
    if certificate is not None:
        try:
            check_upload(certificate, field="certificate")
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _store_certificate(course: Course, certificate) -> None:
    """A new certificate replaces the old one, whose file goes once the change is committed."""
    delete_on_commit(course.certificate)
    course.certificate.save(certificate.name, certificate, save=False)
    course.certificate_name = certificate.name[:255]
    course.certificate_size = certificate.size


@transaction.atomic
def course_create(
    *,
    staff: Staff,
    title: str,
    provider: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    hours: int,
    certificate=None,
) -> Course:
    course = Course(
        school_id=staff.school_id,
        staff=staff,
        title=(title or "").strip(),
        provider=(provider or "").strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        hours=hours,
    )
    _check_course(course, certificate)
    if certificate is not None:
        _store_certificate(course, certificate)
    course.save()
    return course


@transaction.atomic
def course_update(
    *,
    course: Course,
    title: str,
    provider: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    hours: int,
    certificate=None,
    remove_certificate: bool = False,
) -> Course:
    course.title = (title or "").strip()
    course.provider = (provider or "").strip()
    course.starts_on, course.ends_on, course.hours = starts_on, ends_on, hours
    _check_course(course, certificate)
    if certificate is not None:
        _store_certificate(course, certificate)
    elif remove_certificate and course.certificate:
        delete_on_commit(course.certificate)
        course.certificate = ""
        course.certificate_name, course.certificate_size = "", None
    course.save()
    return course


@transaction.atomic
def course_delete(*, course: Course) -> None:
    delete_on_commit(course.certificate)
    course.delete()


# Working-programme reviews (R6.1) ----------------------------------------------------------


@transaction.atomic
def review_create(
    *,
    teacher: Staff,
    subject: Subject,
    grade: int,
    reviewer: Staff,
    reviewed_on: datetime.date,
    result: str,
    remarks: str = "",
    follows: ProgrammeReview | None = None,
) -> ProgrammeReview:
    """Record a review. A follow-up of a returned review takes over from it: the programme
    stays open while the latest review of the chain is "returned" (R6.1)."""
    if reviewed_on > today():
        raise ValidationError({"reviewed_on": _("The review cannot be dated in the future.")})
    if subject.school_id != teacher.school_id:
        raise ValidationError({"subject": _("Choose a subject of your school.")})
    if reviewer.school_id != teacher.school_id:
        raise ValidationError({"reviewer": _("The reviewer must work at the school.")})
    _lock_staff(teacher)
    if follows is not None:
        follows = ProgrammeReview.objects.select_for_update().get(pk=follows.pk)
        if not follows.is_returned:
            raise ValidationError(_("Only a returned programme gets a follow-up review."))
        if ProgrammeReview.objects.filter(follows=follows).exists():
            raise ValidationError(_("This review already has a follow-up."))
        if (follows.teacher_id, follows.subject_id, follows.grade) != (
            teacher.pk,
            subject.pk,
            grade,
        ):
            raise ValidationError(
                _("A follow-up is about the same teacher, subject and grade as the review.")
            )
        if reviewed_on < follows.reviewed_on:
            raise ValidationError(
                {
                    "reviewed_on": _(
                        "A follow-up cannot be before the review it follows (%(date)s)."
                    )
                    % {"date": short_date(follows.reviewed_on)}
                }
            )
    review = ProgrammeReview(
        school_id=teacher.school_id,
        teacher=teacher,
        subject=subject,
        grade=grade,
        reviewer=reviewer,
        reviewed_on=reviewed_on,
        result=result,
        remarks=(remarks or "").strip(),
        follows=follows,
    )
    review.full_clean()
    review.save()
    return review
