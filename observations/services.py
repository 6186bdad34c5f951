"""Writes on lesson visits and criteria sets.

Score errors are keyed `score_<criterion id>` so that a form shows them next to the
criterion's buttons.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Staff
from school.models import AcademicYear, School
from school.selectors import today

from .models import (
    MAX_CRITERIA,
    CriteriaSet,
    Criterion,
    Observation,
    ObservationNote,
    Score,
    YoungSpecialistConclusion,
)
from .selectors import is_young_in_year

# The usual lesson-analysis card (сабакты талдоо картасы). School data: stored in Kyrgyz,
# the deputy may edit it like any other set.
DEFAULT_SET_NAME = "Сабакты талдоо картасы"
DEFAULT_SCALE = (1, 5)
DEFAULT_CRITERIA = [
    "Сабактын максаты коюлган жана ага жетишилген",
    "Сабактын түзүлүшү жана убакытты туура бөлүштүрүү",
    "Мазмуну окуу программасына шайкеш",
    "Окутуунун методдору жана иштин формалары",
    "Окуучулардын мотивациясы жана активдүүлүгү",
    "Дифференциалдык мамиле",
    "Кайтарым байланыш жана баалоо",
    "МКТ жана көрсөтмө куралдарды колдонуу",
    "Класстагы психологиялык маанай",
    "Окуучулардын сабактагы жыйынтыктары",
]


# ---- criteria sets (P2.4) ----


def _clean_criteria(criteria: list[str]) -> list[str]:
    lines = [" ".join(text.split()) for text in criteria]
    lines = [line for line in lines if line]
    if not lines:
        raise ValidationError({"criteria": _("Give at least one criterion.")}, code="no_criteria")
    if len(lines) > MAX_CRITERIA:
        raise ValidationError(
            {"criteria": _("A set can have at most %(limit)s criteria.") % {"limit": MAX_CRITERIA}},
            code="too_many",
        )
    if any(len(line) > 500 for line in lines):
        raise ValidationError(
            {"criteria": _("A criterion can be at most 500 characters long.")}, code="too_long"
        )
    if len(set(lines)) != len(lines):
        raise ValidationError(
            {"criteria": _("The same criterion is given twice.")}, code="duplicate"
        )
    return lines


def _make_default(criteria_set: CriteriaSet) -> None:
    CriteriaSet.objects.filter(
        school_id=criteria_set.school_id, is_current=True, is_default=True
    ).exclude(pk=criteria_set.pk).update(is_default=False)


@transaction.atomic
def criteria_set_create(
    *,
    school: School,
    name: str,
    scale_min: int,
    scale_max: int,
    criteria: list[str],
    is_default: bool = False,
) -> CriteriaSet:
    lines = _clean_criteria(criteria)
    criteria_set = CriteriaSet(
        school=school,
        name=name.strip(),
        scale_min=scale_min,
        scale_max=scale_max,
        is_default=is_default,
    )
    if is_default:
        _make_default(criteria_set)
    criteria_set.full_clean()
    criteria_set.save()
    Criterion.objects.bulk_create(
        Criterion(criteria_set=criteria_set, order=n, text=text)
        for n, text in enumerate(lines, start=1)
    )
    return criteria_set


def criteria_set_in_use(criteria_set: CriteriaSet) -> bool:
    """A set is in use once a visit has scored one of its criteria."""
    return Score.objects.filter(criterion__criteria_set=criteria_set).exists()


@transaction.atomic
def criteria_set_update(
    *,
    criteria_set: CriteriaSet,
    name: str,
    scale_min: int,
    scale_max: int,
    criteria: list[str],
    is_default: bool,
) -> CriteriaSet:
    """Change a set. A set in use becomes a new version, so that old visits keep their criteria.

    Returns the set that is current afterwards (the same one, or its new version).
    """
    if not criteria_set.is_current:
        raise ValidationError(
            _("This is an old version of the set; edit the current one."), code="old_version"
        )
    lines = _clean_criteria(criteria)
    name = name.strip()
    old_lines = list(criteria_set.criteria.order_by("order").values_list("text", flat=True))
    unchanged = (
        name == criteria_set.name
        and (scale_min, scale_max) == (criteria_set.scale_min, criteria_set.scale_max)
        and lines == old_lines
    )
    if unchanged or not criteria_set_in_use(criteria_set):
        criteria_set.name = name
        criteria_set.scale_min, criteria_set.scale_max = scale_min, scale_max
        criteria_set.is_default = is_default
        if is_default:
            _make_default(criteria_set)
        criteria_set.full_clean()
        criteria_set.save()
        if not unchanged:
            criteria_set.criteria.all().delete()
            Criterion.objects.bulk_create(
                Criterion(criteria_set=criteria_set, order=n, text=text)
                for n, text in enumerate(lines, start=1)
            )
        return criteria_set
    # In use: the old version stays as it is (no longer current); the new one replaces it.
    CriteriaSet.objects.filter(pk=criteria_set.pk).update(is_current=False, is_default=False)
    new_version = CriteriaSet(
        school_id=criteria_set.school_id,
        name=name,
        scale_min=scale_min,
        scale_max=scale_max,
        version=criteria_set.version + 1,
        is_default=is_default,
        previous_version=criteria_set,
    )
    if is_default:
        _make_default(new_version)
    new_version.full_clean()
    new_version.save()
    Criterion.objects.bulk_create(
        Criterion(criteria_set=new_version, order=n, text=text)
        for n, text in enumerate(lines, start=1)
    )
    criteria_set.is_current = False
    criteria_set.is_default = False
    return new_version


@transaction.atomic
def criteria_set_default_for(school: School) -> CriteriaSet:
    """The set a new visit starts with; the usual lesson-analysis card is created on first use."""
    # Serialise the first creation for a school.
    School.objects.select_for_update().filter(pk=school.pk).first()
    current = CriteriaSet.objects.filter(school=school, is_current=True)
    found = current.order_by("-is_default", "name").first()
    if found:
        return found
    return criteria_set_create(
        school=school,
        name=DEFAULT_SET_NAME,
        scale_min=DEFAULT_SCALE[0],
        scale_max=DEFAULT_SCALE[1],
        criteria=DEFAULT_CRITERIA,
        is_default=True,
    )


# ---- visits ----

# The lesson itself, in the order the visit form shows it; then what the observer writes.
LESSON_FIELDS = [
    "teacher",
    "date",
    "lesson_number",
    "grade",
    "class_letter",
    "subject",
    "topic",
    "lesson_type",
    "purpose",
]
DETAIL_FIELDS = [
    *LESSON_FIELDS,
    "strengths",
    "shortcomings",
    "recommendations",
    "conclusion",
    "follow_up_on",
]


def _score_errors(criteria, scores: dict, *, complete: bool) -> dict:
    errors = {}
    for criterion in criteria:
        value = scores.get(criterion.pk)
        key = f"score_{criterion.pk}"
        criteria_set = criterion.criteria_set
        if value is None:
            if complete:
                errors[key] = _("Give a score for this criterion before submitting.")
        elif not criteria_set.scale_min <= value <= criteria_set.scale_max:
            errors[key] = _("The score must be from %(min)s to %(max)s.") % {
                "min": criteria_set.scale_min,
                "max": criteria_set.scale_max,
            }
    return errors


def _save(observation: Observation, scores: dict, submit: bool) -> Observation:
    criteria = list(observation.criteria_set.criteria.select_related("criteria_set"))
    unknown = set(scores) - {c.pk for c in criteria}
    if unknown:
        raise ValidationError(_("A score was given for a criterion of another set."))
    errors = {}
    try:
        observation.full_clean(exclude=["status", "submitted_on", "acknowledged_on"])
    except ValidationError as error:
        errors.update(error.message_dict)
    errors.update(_score_errors(criteria, scores, complete=submit))
    if submit:
        day = today()
        if observation.date and observation.date > day:
            errors.setdefault("date", []).append(
                _("A visit cannot be submitted before the lesson has taken place.")
            )
        if not observation.conclusion.strip():
            errors.setdefault("conclusion", []).append(_("Write the conclusion before submitting."))
    if errors:
        raise ValidationError(errors)
    if submit:
        observation.status = Observation.Status.SUBMITTED
        observation.submitted_on = today()
    observation.save()
    observation.scores.all().delete()
    Score.objects.bulk_create(
        Score(
            observation=observation,
            criterion=c,
            value=scores[c.pk],
            scale_min=c.criteria_set.scale_min,
            scale_max=c.criteria_set.scale_max,
        )
        for c in criteria
        if scores.get(c.pk) is not None
    )
    return observation


@transaction.atomic
def observation_create(
    *,
    observer: Staff,
    criteria_set: CriteriaSet,
    scores: dict[int, int | None],
    submit: bool = False,
    **details,
) -> Observation:
    """Record a visit: saved as a draft (scores may be missing), or submitted (all required)."""
    if set(details) - set(DETAIL_FIELDS):
        raise TypeError(f"Unknown fields: {set(details) - set(DETAIL_FIELDS)}")
    if not criteria_set.is_current:
        raise ValidationError(
            _("This criteria set has been replaced by a newer version; choose the current one.")
        )
    observation = Observation(
        school_id=observer.school_id, observer=observer, criteria_set=criteria_set, **details
    )
    return _save(observation, scores, submit)


@transaction.atomic
def observation_update(
    *,
    observation: Observation,
    scores: dict[int, int | None],
    submit: bool = False,
    **details,
) -> Observation:
    """Change a draft (the author only; checked by the view)."""
    if set(details) - set(DETAIL_FIELDS):
        raise TypeError(f"Unknown fields: {set(details) - set(DETAIL_FIELDS)}")
    locked = Observation.objects.select_for_update().get(pk=observation.pk)
    if not locked.is_draft:
        raise ValidationError(_("Only a draft can be changed."), code="locked")
    for field, value in details.items():
        setattr(observation, field, value)
    return _save(observation, scores, submit)


@transaction.atomic
def observation_withdraw(*, observation: Observation) -> Observation:
    """Take a submitted visit back to draft, before the teacher has acknowledged it."""
    locked = Observation.objects.select_for_update().get(pk=observation.pk)
    if not locked.is_submitted:
        raise ValidationError(
            _("Only a submitted visit that is not yet acknowledged can be taken back."),
            code="state",
        )
    observation.status = Observation.Status.DRAFT
    observation.submitted_on = None
    observation.save(update_fields=["status", "submitted_on", "updated_at"])
    return observation


@transaction.atomic
def observation_delete(*, observation: Observation) -> None:
    locked = Observation.objects.select_for_update().get(pk=observation.pk)
    if not locked.is_draft:
        raise ValidationError(_("Only a draft can be deleted."), code="state")
    observation.delete()


@transaction.atomic
def observation_acknowledge(
    *, observation: Observation, by: Staff, response: str = ""
) -> Observation:
    """The observed teacher confirms having read the visit ("familiarised"); it is then locked."""
    locked = Observation.objects.select_for_update().get(pk=observation.pk)
    if by.pk != locked.teacher_id:
        raise ValidationError(_("Only the observed teacher can acknowledge the visit."))
    if not locked.is_submitted:
        raise ValidationError(_("This visit is not waiting for acknowledgement."), code="state")
    observation.status = Observation.Status.ACKNOWLEDGED
    observation.acknowledged_on = today()
    observation.teacher_response = response.strip()
    observation.save(update_fields=["status", "acknowledged_on", "teacher_response", "updated_at"])
    return observation


@transaction.atomic
def observation_note_add(*, observation: Observation, author: Staff, text: str) -> ObservationNote:
    if not observation.is_acknowledged:
        raise ValidationError(
            {"text": _("Notes are added to a visit after the teacher has acknowledged it.")}
        )
    note = ObservationNote(
        observation=observation, author=author, written_on=today(), text=text.strip()
    )
    note.full_clean()
    note.save()
    return note


# ---- young specialists (R2.18) ----


@transaction.atomic
def young_specialist_conclusion_save(
    *, staff: Staff, academic_year: AcademicYear, text: str, by: Staff | None
) -> YoungSpecialistConclusion:
    if staff.school_id != academic_year.school_id:
        raise ValidationError(_("The teacher and the year belong to different schools."))
    if not is_young_in_year(staff, academic_year):
        raise ValidationError(
            _("%(name)s was not a young specialist in %(year)s.")
            % {"name": staff.short_name, "year": academic_year.name}
        )
    if not text.strip():
        raise ValidationError({"text": _("Write the conclusion.")})
    conclusion, created = YoungSpecialistConclusion.objects.select_for_update().get_or_create(
        staff=staff,
        academic_year=academic_year,
        defaults={"school_id": staff.school_id, "text": text.strip(), "written_by": by},
    )
    if not created:
        conclusion.text = text.strip()
        conclusion.written_by = by
        conclusion.save()
    return conclusion
