"""Objects of the experience app for tests, made through the services so the rules hold."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from experience import services
from meetings import services as meeting_services
from meetings.tests.factories import held_meeting
from tests import files

PDF_BYTES = files.PDF_BYTES  # a real PDF: the upload check parses it


def pdf_upload(name="колдонмо.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, "application/pdf")


def docx_upload(name="сабак.docx"):
    return SimpleUploadedFile(name, files.office_bytes("docx"), "application/octet-stream")


def decision(world, *, text="Кол жазма басмага сунушталсын.", day=None):
    """A decision of a held meeting of the world's council (today unless told)."""
    from school.selectors import today

    day = day or min(today(), world.year.end_date)
    meeting = held_meeting(world.council, day)
    item = meeting_services.agenda_item_add(meeting=meeting, title="Кол жазмаларды кароо")
    return meeting_services.decision_add(
        item=item, text=text, responsible=[world.staff["deputy"]], due_date=day
    )


def entry(world, *, title="Функционалдык сабаттуулукту өнүктүрүү", author=None, **kwargs):
    author = author or world.staff["teacher"]
    args = {
        "description": "Математика сабагында турмуштук маселелерди колдонуу тажрыйбасы.",
        "source": "open_lesson",
        "grades": "5-7",
        "tags_text": "функционалдык сабаттуулук, математика",
    }
    args.update(kwargs)
    return services.entry_create(
        school=world.school, user=world.users["deputy"], title=title, authors=[author], **args
    )


def manuscript(world, *, author_role="teacher", title="Жаш адиске методикалык колдонмо"):
    return services.manuscript_submit(
        author=world.staff[author_role],
        user=world.users[author_role],
        title=title,
        abstract="Сабакты пландоо жана өз ара баалоо боюнча сунуштар.",
        upload=pdf_upload(),
    )


def reviewed_manuscript(world, *, verdict="recommend"):
    item = manuscript(world)
    (review,) = services.reviewers_assign(
        manuscript=item, reviewers=[world.staff["mahead"]], user=world.users["deputy"]
    )
    services.review_write(
        review=review, verdict=verdict, text="Колдонмо мазмундуу, тили жатык, басууга болот."
    )
    item.refresh_from_db()
    return item, review


def publication(world, **kwargs):
    args = {
        "title": "Математикадан кызыктуу маселелер",
        "kind": "article",
        "venue": "«Кыргызстан мугалими» гезити, №12",
        "published_on": datetime.date(2025, 3, 14),
        "staff_authors": [world.staff["teacher"]],
    }
    args.update(kwargs)
    return services.publication_create(school=world.school, user=world.users["deputy"], **args)


def award(world, **kwargs):
    args = {
        "teacher": world.staff["mahead"],
        "award": "Кыргыз Республикасынын Билим берүү жана илим министрлигинин Ардак грамотасы",
        "level": "republic",
        "characteristic": "Жээнбеков Бакыт Үсөнович мектепте 17 жылдан бери иштейт; "
        "окуучулары шаардык олимпиадаларда байге алышкан.",
    }
    args.update(kwargs)
    return services.award_create(school=world.school, user=world.users["deputy"], **args)
