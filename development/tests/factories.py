"""Professional-growth records for tests, written through the services where a rule applies."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from development import services
from development.models import ProgrammeReview
from members.models import Subject
from school.selectors import today
from tests import files

# Real files: the upload check reads them as a viewer would.
PDF_BYTES = files.PDF_BYTES
PNG_BYTES = files.PNG_BYTES


def pdf_upload(name="certificate.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_attestation(staff, *, starts_on=None, ends_on=None, category="first", **kwargs):
    ends_on = ends_on or today() + datetime.timedelta(days=30)
    starts_on = starts_on or ends_on - datetime.timedelta(days=60)
    return services.attestation_create(
        staff=staff, starts_on=starts_on, ends_on=ends_on, category=category, **kwargs
    )


def make_course(staff, *, hours=72, ends_on=None, certificate=None, **kwargs):
    ends_on = ends_on or today() - datetime.timedelta(days=100)
    kwargs.setdefault("title", "Заманбап сабактын технологиялары")
    kwargs.setdefault("provider", "Кыргыз билим берүү академиясы")
    return services.course_create(
        staff=staff,
        starts_on=ends_on - datetime.timedelta(days=10),
        ends_on=ends_on,
        hours=hours,
        certificate=certificate,
        **kwargs,
    )


def make_review(teacher, reviewer, *, result=ProgrammeReview.Result.APPROVED, subject=None, **kw):
    if subject is None:
        subject, _created = Subject.objects.get_or_create(school=teacher.school, name="Математика")
    kw.setdefault("grade", 7)
    kw.setdefault("reviewed_on", today() - datetime.timedelta(days=5))
    if result == ProgrammeReview.Result.RETURNED:
        kw.setdefault("remarks", "Сааттардын бөлүштүрүлүшүн оңдоо керек.")
    return services.review_create(
        teacher=teacher, subject=subject, reviewer=reviewer, result=result, **kw
    )
