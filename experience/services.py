"""Writes on the experience bank, publications, manuscripts and award recommendations."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from meetings.models import Decision
from members.models import Staff, Subject
from members.permissions import staff_of
from members.services import check_on_staff
from school.calendar import short_date
from school.models import School
from school.permissions import is_deputy
from school.selectors import today
from school.uploads import check_upload

from .models import (
    AwardRecommendation,
    Entry,
    EntryFile,
    Manuscript,
    Publication,
    Review,
    Tag,
)

GRADES = re.compile(r"^\s*(\d{1,2})\s*(?:[-–—]\s*(\d{1,2})\s*)?$")
TAG_SPLIT = re.compile(r"[,;\n]+")


def _check_decision(school: School, decision: Decision | None, field: str) -> None:
    if decision is not None and decision.meeting.council.academic_year.school_id != school.pk:
        raise ValidationError(
            {field: _("Choose a decision of this school's council.")}, code="other_school"
        )


# The bank (R2.16, P2.2, P3.3) -------------------------------------------------------------------


def normalise_grades(grades: str) -> str:
    """ "5-7", "9" or "" (all grades); grades run from 1 to 11 and a range goes up."""
    grades = (grades or "").strip()
    if not grades:
        return ""
    match = GRADES.match(grades)
    if match:
        low = int(match.group(1))
        high = int(match.group(2) or low)
        if 1 <= low <= high <= 11:
            return f"{low}-{high}" if high != low else str(low)
    raise ValidationError(
        {"grades": _("Write a grade or a range of grades from 1 to 11, e.g. 5-7.")},
        code="grades",
    )


def tags_from_text(school: School, text: str) -> list[Tag]:
    """Tags named in a comma-separated text; new words become new tags of the school."""
    names = []
    seen = set()
    for raw in TAG_SPLIT.split(text or ""):
        name = " ".join(raw.split())
        if not name:
            continue
        if len(name) > 60:
            raise ValidationError(
                {"tags": _("A tag is at most 60 characters: %(tag)s") % {"tag": name[:60]}},
                code="tag_length",
            )
        if name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    if len(names) > 15:
        raise ValidationError({"tags": _("Give at most 15 tags.")}, code="tag_count")
    existing = {t.key: t for t in Tag.objects.filter(school=school, key__in=seen)}
    tags = []
    for name in names:
        tag = existing.get(name.lower())
        if tag is None:
            tag = Tag(school=school, name=name)
            tag.save()
        tags.append(tag)
    return tags


def entry_search_text(entry: Entry) -> str:
    parts = [entry.title, entry.description, entry.grades]
    parts += [a.full_name for a in entry.authors.all()]
    parts += [t.name for t in entry.tags.all()]
    if entry.subject_id:
        parts.append(entry.subject.name)
    parts.append(str(entry.get_source_display()))
    return " ".join(" ".join(parts).split()).lower()


def _entry_write(entry: Entry, *, user, authors, tags_text, upload) -> Entry:
    school = entry.school
    errors = {}
    authors = check_on_staff(school.pk, authors, "authors")
    if not authors:
        errors["authors"] = _("Name at least one author.")
    elif not is_deputy(user):
        staff = staff_of(user)
        if staff is None or staff not in authors:
            errors["authors"] = _(
                "Teachers add their own experience: include yourself among the authors."
            )
    try:
        entry.grades = normalise_grades(entry.grades)
    except ValidationError as error:
        errors.update(error.message_dict)
    if upload is not None:
        try:
            check_upload(upload, field="upload")
        except ValidationError as error:
            errors.update(error.message_dict)
    _check_decision(school, entry.recommended_by, "recommended_by")
    if entry.subject_id and entry.subject.school_id != school.pk:
        errors["subject"] = _("Choose a subject of this school.")
    if errors:
        raise ValidationError(errors)
    entry.title = entry.title.strip()
    entry.description = entry.description.strip()
    entry.full_clean(exclude=["search_text"])
    tags = tags_from_text(school, tags_text)
    entry.save()
    entry.authors.set(authors)
    entry.tags.set(tags)
    if upload is not None:
        EntryFile.from_upload(upload, user=user, entry=entry)
    entry.search_text = entry_search_text(entry)
    entry.save(update_fields=["search_text"])
    return entry


@transaction.atomic
def entry_create(
    *,
    school: School,
    user,
    title: str,
    authors,
    description: str,
    source: str,
    subject: Subject | None = None,
    grades: str = "",
    tags_text: str = "",
    recommended_by: Decision | None = None,
    upload=None,
) -> Entry:
    """Put an experience into the bank; a teacher is one of its authors."""
    entry = Entry(
        school=school,
        title=title or "",
        subject=subject,
        grades=grades or "",
        description=description or "",
        source=source,
        recommended_by=recommended_by,
        created_by=user,
    )
    return _entry_write(entry, user=user, authors=authors, tags_text=tags_text, upload=upload)


@transaction.atomic
def entry_update(
    *,
    entry: Entry,
    user,
    title: str,
    authors,
    description: str,
    source: str,
    subject: Subject | None = None,
    grades: str = "",
    tags_text: str = "",
    recommended_by: Decision | None = None,
    upload=None,
) -> Entry:
    entry.title = title or ""
    entry.subject = subject
    entry.grades = grades or ""
    entry.description = description or ""
    entry.source = source
    entry.recommended_by = recommended_by
    return _entry_write(entry, user=user, authors=authors, tags_text=tags_text, upload=upload)


@transaction.atomic
def entry_delete(*, entry: Entry) -> None:
    """The entry and its files; the files go once the removal is committed."""
    for attached in entry.files.all():
        attached.remove()
    entry.delete()


@transaction.atomic
def entry_file_remove(*, attached: EntryFile) -> None:
    attached.remove()


# Publications (P3.8) -------------------------------------------------------------------------------


def _publication_write(publication: Publication, *, user, staff_authors) -> Publication:
    school = publication.school
    errors = {}
    staff_authors = check_on_staff(school.pk, staff_authors, "staff_authors")
    check_on_staff(school.pk, [publication.supervisor], "supervisor")
    publication.title = (publication.title or "").strip()
    publication.venue = (publication.venue or "").strip()
    publication.pupil_authors = " ".join((publication.pupil_authors or "").split())
    if not staff_authors and not publication.pupil_authors:
        errors["staff_authors"] = _("Name the authors: staff, pupils or both.")
    if publication.supervisor_id and not publication.pupil_authors:
        errors["supervisor"] = _("A supervisor guides pupils: name the pupil authors too.")
    if publication.published_on and publication.published_on > today():
        errors["published_on"] = _("The date cannot be in the future.")
    if not errors and not is_deputy(user):
        staff = staff_of(user)
        if staff is None or (staff not in staff_authors and publication.supervisor != staff):
            errors["staff_authors"] = _(
                "Teachers register their own publications: be one of the authors or the "
                "pupils' supervisor."
            )
    if errors:
        raise ValidationError(errors)
    publication.full_clean()
    publication.save()
    publication.staff_authors.set(staff_authors)
    return publication


@transaction.atomic
def publication_create(
    *,
    school: School,
    user,
    title: str,
    kind: str,
    venue: str,
    published_on,
    staff_authors=(),
    pupil_authors: str = "",
    supervisor: Staff | None = None,
) -> Publication:
    publication = Publication(
        school=school,
        title=title,
        kind=kind,
        venue=venue,
        published_on=published_on,
        pupil_authors=pupil_authors,
        supervisor=supervisor,
        created_by=user,
    )
    return _publication_write(publication, user=user, staff_authors=staff_authors)


@transaction.atomic
def publication_update(
    *,
    publication: Publication,
    user,
    title: str,
    kind: str,
    venue: str,
    published_on,
    staff_authors=(),
    pupil_authors: str = "",
    supervisor: Staff | None = None,
) -> Publication:
    publication.title, publication.kind, publication.venue = title, kind, venue
    publication.published_on = published_on
    publication.pupil_authors, publication.supervisor = pupil_authors, supervisor
    return _publication_write(publication, user=user, staff_authors=staff_authors)


@transaction.atomic
def publication_delete(*, publication: Publication) -> None:
    publication.delete()


# Manuscripts and reviews (P4.5) ----------------------------------------------------------------------


@transaction.atomic
def manuscript_submit(*, author: Staff, user, title: str, abstract: str, upload) -> Manuscript:
    """A teacher submits the manuscript of a methodical booklet for review."""
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give the title of the manuscript.")
    if not (abstract or "").strip():
        errors["abstract"] = _("Write a short abstract.")
    try:
        check_upload(upload)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    manuscript = Manuscript(
        school=author.school,
        title=title.strip(),
        abstract=abstract.strip(),
        author=author,
        original_name=upload.name[:255],
        size=upload.size,
        submitted_on=today(),
        submitted_by=user,
    )
    manuscript.file.save(upload.name, upload, save=False)
    manuscript.full_clean()
    manuscript.save()
    return manuscript


def _lock_manuscript(manuscript: Manuscript) -> Manuscript:
    locked = Manuscript.objects.select_for_update().get(pk=manuscript.pk)
    if locked.is_decided:
        raise ValidationError(
            _("The council has already decided on this manuscript."), code="decided"
        )
    return locked


@transaction.atomic
def reviewers_assign(*, manuscript: Manuscript, reviewers, user) -> list[Review]:
    """The deputy assigns one or more reviewers; the author cannot review their own work."""
    locked = _lock_manuscript(manuscript)
    reviewers = check_on_staff(locked.school_id, reviewers, "reviewers")
    if not reviewers:
        raise ValidationError({"reviewers": _("Choose at least one reviewer.")}, code="required")
    if any(r.pk == locked.author_id for r in reviewers):
        raise ValidationError(
            {
                "reviewers": _("%(name)s is the author of the manuscript and cannot review it.")
                % {"name": locked.author.full_name}
            },
            code="author",
        )
    existing = set(locked.reviews.values_list("reviewer_id", flat=True))
    added = []
    for person in reviewers:
        if person.pk in existing:
            continue
        review = Review(manuscript=locked, reviewer=person, assigned_on=today(), assigned_by=user)
        review.full_clean()
        review.save()
        added.append(review)
    if not added:
        raise ValidationError(
            {"reviewers": _("These people are already reviewers of the manuscript.")},
            code="duplicate",
        )
    if locked.status == Manuscript.Status.SUBMITTED:
        locked.status = Manuscript.Status.IN_REVIEW
        locked.save(update_fields=["status"])
    return added


@transaction.atomic
def reviewer_remove(*, review: Review) -> None:
    locked = _lock_manuscript(review.manuscript)
    if review.is_written:
        raise ValidationError(_("A written review stays with the manuscript."), code="written")
    review.delete()
    if not locked.reviews.exists():
        locked.status = Manuscript.Status.SUBMITTED
        locked.save(update_fields=["status"])


@transaction.atomic
def review_write(*, review: Review, verdict: str, text: str) -> Review:
    """The reviewer writes (or corrects) the review until the council decides."""
    _lock_manuscript(review.manuscript)
    errors = {}
    if verdict not in Review.Verdict.values:
        errors["verdict"] = _("Choose the verdict.")
    if not (text or "").strip():
        errors["text"] = _("Write the review.")
    if errors:
        raise ValidationError(errors)
    review.verdict = verdict
    review.text = text.strip()
    review.written_on = today()
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def manuscript_decide(
    *, manuscript: Manuscript, decision: Decision | None, outcome: str, note: str = ""
) -> Manuscript:
    """Record the council's decision taken at a meeting: recommended for publication or returned."""
    locked = _lock_manuscript(manuscript)
    reviews = list(locked.reviews.all())
    if not reviews:
        raise ValidationError(
            _("Assign reviewers first: the council decides on reviewed manuscripts."),
            code="no_reviews",
        )
    pending = [r.reviewer.short_name for r in reviews if not r.is_written]
    if pending:
        raise ValidationError(
            _("Waiting for the reviews of %(names)s.") % {"names": ", ".join(pending)},
            code="pending",
        )
    errors = {}
    if outcome not in (Manuscript.Status.RECOMMENDED, Manuscript.Status.RETURNED):
        errors["outcome"] = _("Choose the council's decision.")
    if decision is None:
        errors["decision"] = _("Choose the decision in the meeting's protocol.")
    else:
        try:
            _check_decision(locked.school, decision, "decision")
        except ValidationError as error:
            errors.update(error.message_dict)
        else:
            if decision.meeting.date < locked.submitted_on:
                errors["decision"] = _(
                    "The meeting of %(date)s was before the manuscript was submitted (%(submitted)s)."
                ) % {
                    "date": short_date(decision.meeting.date),
                    "submitted": short_date(locked.submitted_on),
                }
    if outcome == Manuscript.Status.RETURNED and not (note or "").strip():
        errors["note"] = _("Say why the manuscript is returned and what to change.")
    if errors:
        raise ValidationError(errors)
    locked.status = outcome
    locked.decision = decision
    locked.decision_note = (note or "").strip()
    locked.full_clean()
    locked.save()
    return locked


# Award recommendations (R2.13, P4.6) -------------------------------------------------------------------


def _award_write(award: AwardRecommendation) -> AwardRecommendation:
    errors = {}
    try:
        check_on_staff(award.school_id, [award.teacher], "teacher")
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        _check_decision(award.school, award.decision, "decision")
    except ValidationError as error:
        errors.update(error.message_dict)
    award.award = " ".join((award.award or "").split())
    award.characteristic = (award.characteristic or "").strip()
    if not award.characteristic:
        errors["characteristic"] = _("Write the characteristic.")
    if errors:
        raise ValidationError(errors)
    award.full_clean()
    award.save()
    return award


@transaction.atomic
def award_create(
    *,
    school: School,
    user,
    teacher: Staff,
    award: str,
    level: str,
    characteristic: str,
    decision: Decision | None = None,
) -> AwardRecommendation:
    return _award_write(
        AwardRecommendation(
            school=school,
            teacher=teacher,
            award=award,
            level=level,
            characteristic=characteristic,
            decision=decision,
            created_by=user,
        )
    )


@transaction.atomic
def award_update(
    *,
    recommendation: AwardRecommendation,
    teacher: Staff,
    award: str,
    level: str,
    characteristic: str,
    decision: Decision | None = None,
) -> AwardRecommendation:
    recommendation.teacher, recommendation.award, recommendation.level = teacher, award, level
    recommendation.characteristic, recommendation.decision = characteristic, decision
    return _award_write(recommendation)
