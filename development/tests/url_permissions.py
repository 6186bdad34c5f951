"""Permission rows for the professional-growth pages.

The records here are about `teacher`, a member of the association headed by `mahead`.
Reading: the teacher, their association head, the deputy and the director; the secretary
(a colleague outside the association) gets 403. Writing attestations is the deputy's; the
teacher and the deputy write the teacher's courses and self-education; the deputy and the
association head review working programmes (R6.1).
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from development import services
from development.models import ProgrammeReview
from development.tests.factories import (
    PDF_BYTES,
    make_attestation,
    make_course,
    make_review,
    pdf_upload,
)
from school.selectors import today
from tests.permission_table import LOGIN_REDIRECT, Row, deputy_only, object_page, school_page


def _objects(w):
    if not hasattr(w, "_development"):
        teacher = w.staff["teacher"]
        attestation = make_attestation(teacher)
        services.characteristic_save(
            attestation=attestation, text="Мугалим сабактарын жакшы өтөт.", by=w.staff["deputy"]
        )
        document = services.attestation_document_add(
            attestation=attestation,
            upload=SimpleUploadedFile("арыз.pdf", PDF_BYTES, "application/pdf"),
            user=w.users["deputy"],
        )
        course = make_course(teacher, certificate=pdf_upload())
        review = make_review(
            teacher,
            w.staff["deputy"],
            result=ProgrammeReview.Result.RETURNED,
            reviewed_on=today() - datetime.timedelta(days=3),
        )
        w._development = {
            "teacher": teacher,
            "attestation": attestation,
            "document": document,
            "course": course,
            "review": review,
        }
    return w._development


def _pk(name):
    return lambda w: {"pk": _objects(w)[name].pk}


# Reading a teacher's records: everyone but the colleague outside the association.
readers = object_page(secretary=403)
# The teacher's own courses and self-education: the teacher and the deputy.
own_writers = object_page(403, teacher=200, deputy=200)
# Working programmes: the deputy and the teacher's association head.
reviewers = object_page(403, deputy=200, mahead=200)

ROWS = {
    "development:index": Row(expect=school_page()),
    "development:mine": Row(
        expect=school_page(302, anonymous=LOGIN_REDIRECT, admin=404, other_school=302)
    ),
    "development:due": Row(expect=school_page()),
    # P3.5: the year's attestation schedule names every teacher: the administration only.
    "development:attestation_schedule_pdf": Row(
        kwargs=lambda w: {"year_pk": w.year.pk},
        expect=object_page(403, deputy=200, director=200),
        query="lang=ky",
    ),
    "development:settings": Row(expect=deputy_only(school_page, other_school=200)),
    "development:portfolio": Row(kwargs=_pk("teacher"), expect=readers),
    "development:portfolio_pdf": Row(kwargs=_pk("teacher"), expect=readers, query="lang=ru"),
    "development:category_edit": Row(kwargs=_pk("teacher"), expect=deputy_only()),
    "development:attestation_create": Row(kwargs=_pk("teacher"), expect=deputy_only()),
    "development:course_create": Row(kwargs=_pk("teacher"), expect=own_writers),
    "development:self_education_edit": Row(
        kwargs=lambda w: {"staff_pk": _objects(w)["teacher"].pk, "year_pk": w.year.pk},
        expect=own_writers,
    ),
    "development:attestation_detail": Row(kwargs=_pk("attestation"), expect=readers),
    "development:attestation_edit": Row(kwargs=_pk("attestation"), expect=deputy_only()),
    "development:document_create": Row(kwargs=_pk("attestation"), expect=deputy_only()),
    "development:characteristic": Row(kwargs=_pk("attestation"), expect=readers),
    "development:characteristic_pdf": Row(
        kwargs=_pk("attestation"), expect=readers, query="lang=ky"
    ),
    "development:document_download": Row(kwargs=_pk("document"), expect=readers),
    "development:document_delete": Row(kwargs=_pk("document"), expect=deputy_only()),
    "development:self_education": Row(expect=school_page()),
    "development:course_edit": Row(kwargs=_pk("course"), expect=own_writers),
    "development:course_delete": Row(kwargs=_pk("course"), expect=own_writers),
    "development:certificate_download": Row(kwargs=_pk("course"), expect=readers),
    "development:review_list": Row(expect=school_page()),
    "development:review_create": Row(
        expect=school_page(403, deputy=200, mahead=200, other_school=200)
    ),
    "development:review_follow_up": Row(kwargs=_pk("review"), expect=reviewers),
}
