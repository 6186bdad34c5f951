"""The professional-growth pages: bad input, who sees what, documents and query counts."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from conftest import client_for
from development import services
from development.models import Attestation, Characteristic, Course, ProgrammeReview
from development.tests.factories import (
    PDF_BYTES,
    make_attestation,
    make_course,
    make_review,
    pdf_upload,
)
from members.tests.factories import StaffFactory
from observations.tests.factories import make_observation
from school.selectors import today


def translated(language, message):
    with translation.override(language):
        text = gettext(message)
    assert text != message, f"not translated into {language}: {message}"
    return text


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


def _client(client, world, role):
    """A logged-in client reading the pages in English (the messages tested are English)."""
    client.cookies["django_language"] = "en"
    return client_for(client, world.users[role])


# Bad input: a clear error next to the field, nothing saved, typed input kept -------------------


def test_overlapping_attestation_is_refused_on_the_page(world, client):
    teacher = world.staff["teacher"]
    make_attestation(
        teacher, starts_on=datetime.date(2025, 1, 10), ends_on=datetime.date(2025, 3, 1)
    )
    url = reverse("development:attestation_create", args=[teacher.pk])
    response = _client(client, world, "deputy").post(
        url,
        {
            "starts_on": "2025-02-01",
            "ends_on": "2025-04-15",
            "category": "highest",
            "decision": "pending",
            "decision_note": "Арызы кабыл алынды",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "overlap another attestation" in " ".join(form.errors["starts_on"])
    html = response.content.decode()
    assert 'value="2025-02-01"' in html and 'value="2025-04-15"' in html
    assert "Арызы кабыл алынды" in html
    assert Attestation.objects.filter(staff=teacher).count() == 1


@pytest.mark.parametrize("hours", ["0", "501", "-3"])
def test_course_hours_out_of_range_on_the_page(world, client, hours):
    teacher = world.staff["teacher"]
    response = _client(client, world, "teacher").post(
        reverse("development:course_create", args=[teacher.pk]),
        {
            "title": "Санарип сабаттуулук",
            "provider": "КББА",
            "starts_on": "2025-06-01",
            "ends_on": "2025-06-10",
            "hours": hours,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "hours" in errors and len(errors) == 1
    html = response.content.decode()
    assert "Санарип сабаттуулук" in html and f'value="{hours}"' in html
    assert not Course.objects.exists()


@pytest.mark.parametrize(
    "upload, message",
    [
        (lambda: SimpleUploadedFile("script.js", b"alert(1)"), "not accepted"),
        (lambda: SimpleUploadedFile("scan.pdf", b"GIF89a not a pdf"), "does not match"),
        (lambda: pdf_upload(content=PDF_BYTES + b"x" * 200), "at most"),
    ],
)
def test_a_bad_certificate_is_refused_on_the_page(world, client, settings, upload, message):
    settings.UPLOAD_MAX_BYTES = 100
    teacher = world.staff["teacher"]
    response = _client(client, world, "teacher").post(
        reverse("development:course_create", args=[teacher.pk]),
        {
            "title": "Инклюзивдик билим берүү",
            "provider": "Облустук институт",
            "starts_on": "2025-06-01",
            "ends_on": "2025-06-10",
            "hours": "72",
            "certificate": upload(),
        },
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["certificate"])
    html = response.content.decode()
    assert "Инклюзивдик билим берүү" in html and 'value="72"' in html
    assert not Course.objects.exists()


def test_a_teacher_records_their_own_course_with_a_certificate(world, client):
    teacher = world.staff["teacher"]
    c = _client(client, world, "teacher")
    response = c.post(
        reverse("development:course_create", args=[teacher.pk]),
        {
            "title": "Инклюзивдик билим берүү",
            "provider": "Облустук институт",
            "starts_on": "2025-06-01",
            "ends_on": "2025-06-10",
            "hours": "72",
            "certificate": pdf_upload("Сертификат.pdf"),
        },
    )
    assert response.status_code == 302
    course = Course.objects.get(staff=teacher)
    download = c.get(reverse("development:certificate_download", args=[course.pk]))
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert "attachment" in download["Content-Disposition"]
    # A colleague of another association cannot download it; the head can.
    client.logout()
    assert (
        _client(client, world, "secretary")
        .get(reverse("development:certificate_download", args=[course.pk]))
        .status_code
        == 403
    )


def test_a_teacher_cannot_post_a_course_for_a_colleague(world, client):
    response = _client(client, world, "teacher").post(
        reverse("development:course_create", args=[world.staff["mahead"].pk]),
        {
            "title": "X",
            "provider": "Y",
            "starts_on": "2025-06-01",
            "ends_on": "2025-06-02",
            "hours": "5",
        },
    )
    assert response.status_code == 403
    assert not Course.objects.exists()


def test_the_head_reads_but_does_not_write_the_teachers_courses(world, client):
    course = make_course(world.staff["teacher"])
    c = _client(client, world, "mahead")
    assert (
        c.get(reverse("development:portfolio", args=[world.staff["teacher"].pk])).status_code == 200
    )
    assert c.post(reverse("development:course_delete", args=[course.pk])).status_code == 403
    assert Course.objects.filter(pk=course.pk).exists()


# Who sees whom ---------------------------------------------------------------------------------


def test_the_list_shows_each_role_the_teachers_it_may_see(world, client):
    names = {}
    for role in ("teacher", "mahead", "director"):
        client.logout()
        response = _client(client, world, role).get(reverse("development:index"))
        names[role] = {row.staff.pk for row in response.context["rows"]}
    staff = world.staff
    assert names["teacher"] == {staff["teacher"].pk}
    assert names["mahead"] == {staff["mahead"].pk, staff["teacher"].pk}
    assert {staff["secretary"].pk, staff["teacher"].pk, staff["deputy"].pk} <= names["director"]


def test_mine_opens_the_own_portfolio(world, client):
    response = _client(client, world, "teacher").get(reverse("development:mine"))
    assert response.url == reverse("development:portfolio", args=[world.staff["teacher"].pk])


# Attestation, characteristic and its PDF (P3.5) ------------------------------------------------


def test_the_deputy_writes_a_characteristic_beside_the_visits_of_the_period(world, client):
    teacher = world.staff["teacher"]
    visit = make_observation(
        world.staff["mahead"], teacher, date=today() - datetime.timedelta(days=40)
    )
    attestation = make_attestation(teacher, category="highest")
    c = _client(client, world, "deputy")
    url = reverse("development:characteristic", args=[attestation.pk])
    page = c.get(url)
    assert [v.pk for v in page.context["period"].visits] == [visit.pk]
    assert reverse("observations:detail", args=[visit.pk]) in page.content.decode()
    response = c.post(url, {"text": "Мугалим өз ишин жогорку деңгээлде аткарат. Ңөү"})
    assert response.status_code == 302
    assert Characteristic.objects.get(attestation=attestation).written_by == world.staff["deputy"]
    # Empty text: the error is next to the field and the saved text stays.
    response = c.post(url, {"text": "   "})
    assert response.status_code == 200 and "text" in response.context["form"].errors
    assert Characteristic.objects.get(attestation=attestation).text.startswith("Мугалим")
    # The PDF in the language chosen at download.
    for language in ("ky", "ru"):
        text = pdf_text(
            c.get(
                reverse("development:characteristic_pdf", args=[attestation.pk])
                + f"?lang={language}"
            )
        )
        assert translated(language, "CHARACTERISTIC") in text
        assert "Мугалим өз ишин жогорку деңгээлде аткарат" in text
        assert teacher.full_name in text
        assert visit.date.strftime("%d.%m.%Y") in text


def test_the_teacher_reads_but_cannot_write_the_characteristic(world, client):
    attestation = make_attestation(world.staff["teacher"])
    c = _client(client, world, "teacher")
    url = reverse("development:characteristic", args=[attestation.pk])
    assert c.get(url).context["form"] is None
    assert c.post(url, {"text": "Өзүм жаздым"}).status_code == 403
    assert not Characteristic.objects.exists()
    # No characteristic yet: no PDF.
    assert (
        c.get(reverse("development:characteristic_pdf", args=[attestation.pk])).status_code == 404
    )


def test_documents_are_served_through_the_view_only(world, client, settings):
    attestation = make_attestation(world.staff["teacher"])
    c = _client(client, world, "deputy")
    response = c.post(
        reverse("development:document_create", args=[attestation.pk]),
        {"file": pdf_upload("Арыз.pdf")},
    )
    assert response.status_code == 302
    document = attestation.documents.get()
    assert settings.MEDIA_URL not in c.get(
        reverse("development:attestation_detail", args=[attestation.pk])
    ).content.decode().replace(reverse("development:document_download", args=[document.pk]), "")
    download = c.get(reverse("development:document_download", args=[document.pk]))
    assert b"".join(download.streaming_content) == PDF_BYTES
    c.post(reverse("development:document_delete", args=[document.pk]))
    assert not attestation.documents.exists()


def test_portfolio_gathers_everything_and_prints_as_one_pdf(world, client):
    teacher = world.staff["teacher"]
    services.category_set(staff=teacher, category="first", given_on=datetime.date(2022, 4, 1))
    make_attestation(teacher)
    services.self_education_save(
        staff=teacher, academic_year=world.year, topic="Функционалдык сабаттуулук"
    )
    make_course(teacher, title="Окутуунун заманбап технологиялары", hours=72)
    make_review(teacher, world.staff["mahead"], result="returned")
    make_observation(world.staff["mahead"], teacher)
    c = _client(client, world, "deputy")
    page = c.get(reverse("development:portfolio", args=[teacher.pk]))
    html = page.content.decode()
    for text in ("Функционалдык сабаттуулук", "Окутуунун заманбап технологиялары", "01.04.2027"):
        assert text in html
    assert page.context["open_reviews"] == 1
    assert page.context["next_attestation_on"] == datetime.date(2027, 4, 1)
    text = pdf_text(c.get(reverse("development:portfolio_pdf", args=[teacher.pk]) + "?lang=ru"))
    assert translated("ru", "Teacher's portfolio") in text
    assert "Функционалдык сабаттуулук" in text and "01.04.2027" in text


# Working-programme reviews (R6.1) --------------------------------------------------------------


def test_the_head_returns_a_programme_and_a_follow_up_closes_it(world, client):
    teacher = world.staff["teacher"]
    from members.models import Subject

    subject = Subject.objects.create(school=world.school, name="Алгебра")
    c = _client(client, world, "mahead")
    data = {
        "teacher": teacher.pk,
        "subject": subject.pk,
        "grade": "8",
        "reviewed_on": today().isoformat(),
        "result": "returned",
        "remarks": "",
    }
    response = c.post(reverse("development:review_create"), data)
    assert response.status_code == 200
    assert "remarks" in response.context["form"].errors
    assert not ProgrammeReview.objects.exists()
    data["remarks"] = "Сааттар туура эмес бөлүштүрүлгөн."
    assert c.post(reverse("development:review_create"), data).status_code == 302
    returned = ProgrammeReview.objects.get()
    listing = c.get(reverse("development:review_list") + "?open=1")
    assert [r.pk for r in listing.context["rows"]] == [returned.pk]
    response = c.post(
        reverse("development:review_follow_up", args=[returned.pk]),
        {"reviewed_on": today().isoformat(), "result": "approved", "remarks": ""},
    )
    assert response.status_code == 302
    assert not c.get(reverse("development:review_list") + "?open=1").context["rows"]
    # Closed: no second follow-up.
    assert c.get(reverse("development:review_follow_up", args=[returned.pk])).status_code == 404


def test_a_head_cannot_review_a_teacher_outside_the_association(world, client):
    from members.models import Subject

    subject = Subject.objects.create(school=world.school, name="Алгебра")
    response = _client(client, world, "mahead").post(
        reverse("development:review_create"),
        {
            "teacher": world.staff["secretary"].pk,
            "subject": subject.pk,
            "grade": "8",
            "reviewed_on": today().isoformat(),
            "result": "approved",
        },
    )
    assert response.status_code == 200
    assert "teacher" in response.context["form"].errors
    assert not ProgrammeReview.objects.exists()


# Query counts: the list pages do not grow with their rows --------------------------------------


def _add_rows(world, n):
    for _ in range(n):
        person = StaffFactory(school=world.school)
        world.association.teachers.add(person)
        services.category_set(staff=person, category="first", given_on=datetime.date(2022, 3, 1))
        make_course(person)
        services.self_education_save(staff=person, academic_year=world.year, topic="Тема")
        make_review(person, world.staff["mahead"], result="returned")
        make_attestation(person)


@pytest.mark.parametrize(
    "name",
    [
        "development:index",
        "development:due",
        "development:self_education",
        "development:review_list",
    ],
)
def test_list_query_counts_do_not_grow(world, client, name):
    c = _client(client, world, "deputy")
    url = reverse(name)
    _add_rows(world, 2)
    c.get(url)  # the first request creates the school's settings
    with CaptureQueriesContext(connection) as few:
        assert c.get(url).status_code == 200
    _add_rows(world, 6)
    with CaptureQueriesContext(connection) as many:
        assert c.get(url).status_code == 200
    assert len(many) == len(few), f"{name}: {len(few)} then {len(many)} queries"


def test_portfolio_query_count_does_not_grow(world, client):
    teacher = world.staff["teacher"]
    c = _client(client, world, "deputy")
    url = reverse("development:portfolio", args=[teacher.pk])

    def add(n, offset):
        for i in range(n):
            make_course(teacher, ends_on=today() - datetime.timedelta(days=20 + 20 * (i + offset)))
            day = datetime.date(2010 + i + offset, 1, 1)
            make_attestation(teacher, starts_on=day, ends_on=day + datetime.timedelta(days=30))
            make_observation(world.staff["mahead"], teacher)

    add(1, 0)
    c.get(url)  # the first request creates the school's settings
    with CaptureQueriesContext(connection) as few:
        c.get(url)
    add(4, 1)
    with CaptureQueriesContext(connection) as many:
        c.get(url)
    assert len(many) == len(few)


def test_the_lists_show_their_heading_rows_and_empty_text(world, client):
    c = _client(client, world, "mahead")
    reviews = c.get(reverse("development:review_list"))
    assert reviews.status_code == 200
    assert reviews.context["heading"] == "Working programmes"
    assert reviews.context["action_url"] == reverse("development:review_create")
    assert "No reviews." in reviews.content.decode()
    teacher = _client(client, world, "teacher")
    assert teacher.get(reverse("development:review_list")).context["action_url"] is None
    index = teacher.get(reverse("development:index"))
    assert index.status_code == 200
    assert world.staff["teacher"].full_name in index.content.decode()
    topics = teacher.get(reverse("development:self_education"))
    assert topics.status_code == 200
    assert world.staff["teacher"].full_name in topics.content.decode()
