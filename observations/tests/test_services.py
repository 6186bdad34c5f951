import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from members.models import Subject
from members.tests.factories import StaffFactory
from observations import services
from observations.models import CriteriaSet, Observation, ObservationNote, Score
from observations.tests.factories import make_criteria_set, make_observation
from school.selectors import today


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared with their English source here; the pages test the translations."""
    with translation.override("en"):
        yield


def _details(world, **overrides):
    details = {
        "teacher": world.staff["teacher"],
        "date": today() - datetime.timedelta(days=1),
        "lesson_number": 2,
        "grade": 7,
        "class_letter": "Б",
        "subject": Subject.objects.get_or_create(school=world.school, name="Математика")[0],
        "topic": "Бөлчөктөрдү кошуу",
        "lesson_type": "combined",
        "purpose": "methodical_help",
        "conclusion": "Сабак жакшы өттү.",
    }
    details.update(overrides)
    return details


def _all_scores(criteria_set, value=4):
    return {c.pk: value for c in criteria_set.criteria.all()}


# ---- criteria sets (P2.4) ----


def test_default_set_is_created_once_with_the_usual_card(world):
    first = services.criteria_set_default_for(world.school)
    again = services.criteria_set_default_for(world.school)
    assert first.pk == again.pk
    assert first.is_default and first.is_current
    texts = list(first.criteria.order_by("order").values_list("text", flat=True))
    assert texts == services.DEFAULT_CRITERIA
    assert len(texts) == 10
    assert CriteriaSet.objects.filter(school=world.school).count() == 1
    # Another school gets its own copy.
    other = services.criteria_set_default_for(world.other_school)
    assert other.pk != first.pk and other.school == world.other_school


def test_editing_an_unused_set_changes_it_in_place(world):
    criteria_set = make_criteria_set(world.school)
    result = services.criteria_set_update(
        criteria_set=criteria_set,
        name="Жаңы аталыш",
        scale_min=0,
        scale_max=2,
        criteria=["Биринчи", "Экинчи"],
        is_default=False,
    )
    assert result.pk == criteria_set.pk and result.version == 1
    assert list(result.criteria.values_list("text", flat=True)) == ["Биринчи", "Экинчи"]
    assert (result.scale_min, result.scale_max) == (0, 2)


def test_editing_a_set_in_use_makes_a_new_version_and_old_visits_keep_theirs(world):
    criteria_set = make_criteria_set(world.school, criteria=["Максат", "Методдор"])
    visit = make_observation(
        world.staff["mahead"], world.staff["teacher"], criteria_set=criteria_set, scores=[4, 5]
    )
    new = services.criteria_set_update(
        criteria_set=criteria_set,
        name=criteria_set.name,
        scale_min=1,
        scale_max=5,
        criteria=["Максат", "Методдор", "МКТ"],
        is_default=True,
    )
    assert new.pk != criteria_set.pk
    assert new.version == 2 and new.previous_version_id == criteria_set.pk
    criteria_set.refresh_from_db()
    assert not criteria_set.is_current
    assert new.is_current and new.is_default
    visit.refresh_from_db()
    assert visit.criteria_set_id == criteria_set.pk
    assert [s.criterion.text for s in visit.scores.all()] == ["Максат", "Методдор"]
    assert new.criteria.count() == 3
    # The old version cannot be edited any more.
    with pytest.raises(ValidationError):
        services.criteria_set_update(
            criteria_set=criteria_set,
            name="x",
            scale_min=1,
            scale_max=5,
            criteria=["a"],
            is_default=False,
        )


def test_criteria_set_bad_input(world):
    with pytest.raises(ValidationError) as error:
        services.criteria_set_create(
            school=world.school, name="A", scale_min=3, scale_max=3, criteria=["x"]
        )
    assert "scale_max" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.criteria_set_create(
            school=world.school, name="A", scale_min=1, scale_max=5, criteria=["  ", ""]
        )
    assert "criteria" in error.value.message_dict
    make_criteria_set(world.school, name="Бар")
    with pytest.raises(ValidationError) as error:
        services.criteria_set_create(
            school=world.school, name="Бар", scale_min=1, scale_max=5, criteria=["x"]
        )
    assert "name" in error.value.message_dict
    assert CriteriaSet.objects.filter(school=world.school).count() == 1


def test_only_one_default_set(world):
    first = services.criteria_set_default_for(world.school)
    second = services.criteria_set_create(
        school=world.school,
        name="Экинчи",
        scale_min=0,
        scale_max=2,
        criteria=["x"],
        is_default=True,
    )
    first.refresh_from_db()
    assert second.is_default and not first.is_default
    assert services.criteria_set_default_for(world.school) == second


# ---- visits ----


def test_draft_may_miss_scores_and_submitting_needs_them_all(world):
    criteria_set = make_criteria_set(world.school)
    first = criteria_set.criteria.order_by("order").first()
    draft = services.observation_create(
        observer=world.staff["mahead"],
        criteria_set=criteria_set,
        scores={first.pk: 3},
        **_details(world, conclusion=""),
    )
    assert draft.is_draft and draft.scores.count() == 1
    with pytest.raises(ValidationError) as error:
        services.observation_update(
            observation=draft, scores={first.pk: 3}, submit=True, **_details(world)
        )
    missing = [c for c in criteria_set.criteria.all() if c.pk != first.pk]
    assert set(error.value.message_dict) == {f"score_{c.pk}" for c in missing}
    draft.refresh_from_db()
    assert draft.is_draft
    submitted = services.observation_update(
        observation=draft, scores=_all_scores(criteria_set), submit=True, **_details(world)
    )
    assert submitted.is_submitted and submitted.submitted_on == today()
    assert submitted.scores.count() == 3


def test_score_outside_the_scale_is_refused(world):
    criteria_set = make_criteria_set(world.school, scale=(0, 2))
    scores = _all_scores(criteria_set, value=2)
    bad = criteria_set.criteria.first()
    scores[bad.pk] = 3
    with pytest.raises(ValidationError) as error:
        services.observation_create(
            observer=world.staff["mahead"],
            criteria_set=criteria_set,
            scores=scores,
            **_details(world),
        )
    assert error.value.message_dict[f"score_{bad.pk}"] == ["The score must be from 0 to 2."]
    assert not Observation.objects.exists()


def test_the_database_keeps_scores_within_the_scale(world):
    visit = make_observation(world.staff["mahead"], world.staff["teacher"], scores=[])
    criterion = visit.criteria_set.criteria.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(
            observation=visit, criterion=criterion, value=9, scale_min=1, scale_max=5
        )


def test_a_teacher_cannot_observe_themselves(world):
    criteria_set = make_criteria_set(world.school)
    with pytest.raises(ValidationError) as error:
        services.observation_create(
            observer=world.staff["teacher"],
            criteria_set=criteria_set,
            scores={},
            **_details(world),
        )
    assert error.value.message_dict["teacher"] == ["A teacher cannot observe their own lesson."]
    assert not Observation.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_observation(world.staff["teacher"], world.staff["teacher"])


def test_a_visit_dated_in_the_future_can_be_a_draft_but_not_submitted(world):
    criteria_set = make_criteria_set(world.school)
    tomorrow = today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.observation_create(
            observer=world.staff["mahead"],
            criteria_set=criteria_set,
            scores=_all_scores(criteria_set),
            submit=True,
            **_details(world, date=tomorrow),
        )
    assert "date" in error.value.message_dict
    assert not Observation.objects.exists()
    draft = services.observation_create(
        observer=world.staff["mahead"],
        criteria_set=criteria_set,
        scores=_all_scores(criteria_set),
        **_details(world, date=tomorrow),
    )
    assert draft.is_draft and draft.date == tomorrow


def test_a_teacher_of_another_school_is_refused(world):
    criteria_set = make_criteria_set(world.school)
    with pytest.raises(ValidationError) as error:
        services.observation_create(
            observer=world.staff["mahead"],
            criteria_set=criteria_set,
            scores={},
            **_details(world, teacher=world.staff["other_school"]),
        )
    assert error.value.message_dict["teacher"] == ["Choose a teacher of your school."]
    assert not Observation.objects.exists()


def test_follow_up_cannot_precede_the_visit(world):
    criteria_set = make_criteria_set(world.school)
    details = _details(world)
    details["follow_up_on"] = details["date"] - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.observation_create(
            observer=world.staff["mahead"], criteria_set=criteria_set, scores={}, **details
        )
    assert "follow_up_on" in error.value.message_dict


def test_acknowledgement_locks_the_visit_and_notes_are_added_after(world):
    visit = make_observation(world.staff["mahead"], world.staff["teacher"])
    with pytest.raises(ValidationError):
        services.observation_note_add(observation=visit, author=world.staff["mahead"], text="x")
    with pytest.raises(ValidationError):
        services.observation_acknowledge(observation=visit, by=world.staff["mahead"])
    services.observation_acknowledge(
        observation=visit, by=world.staff["teacher"], response="  Макулмун.  "
    )
    visit.refresh_from_db()
    assert visit.is_acknowledged and visit.acknowledged_on == today()
    assert visit.teacher_response == "Макулмун."
    with pytest.raises(ValidationError):
        services.observation_update(observation=visit, scores={}, **_details(world))
    with pytest.raises(ValidationError):
        services.observation_withdraw(observation=visit)
    with pytest.raises(ValidationError):
        services.observation_acknowledge(observation=visit, by=world.staff["teacher"])
    note = services.observation_note_add(
        observation=visit, author=world.staff["mahead"], text="Кайра катышты."
    )
    assert note.written_on == today()
    assert list(ObservationNote.objects.values_list("text", flat=True)) == ["Кайра катышты."]


def test_withdraw_and_delete(world):
    visit = make_observation(world.staff["mahead"], world.staff["teacher"])
    services.observation_withdraw(observation=visit)
    visit.refresh_from_db()
    assert visit.is_draft and visit.submitted_on is None
    services.observation_delete(observation=visit)
    assert not Observation.objects.exists()
    submitted = make_observation(world.staff["mahead"], world.staff["teacher"])
    with pytest.raises(ValidationError):
        services.observation_delete(observation=submitted)


def test_a_new_visit_cannot_use_an_old_version(world):
    old = make_criteria_set(world.school, is_current=False)
    with pytest.raises(ValidationError):
        services.observation_create(
            observer=world.staff["mahead"], criteria_set=old, scores={}, **_details(world)
        )


# ---- young specialists (R2.18) ----


def test_young_specialist_conclusion_is_one_per_teacher_and_year(world):
    young = StaffFactory(school=world.school, started_on=world.year.start_date)
    first = services.young_specialist_conclusion_save(
        staff=young, academic_year=world.year, text="Биринчи", by=world.staff["deputy"]
    )
    second = services.young_specialist_conclusion_save(
        staff=young, academic_year=world.year, text="Экинчи", by=world.staff["deputy"]
    )
    assert first.pk == second.pk and second.text == "Экинчи"
    veteran = StaffFactory(school=world.school, started_on=datetime.date(2000, 9, 1))
    with pytest.raises(ValidationError):
        services.young_specialist_conclusion_save(
            staff=veteran, academic_year=world.year, text="x", by=None
        )
    with pytest.raises(ValidationError) as error:
        services.young_specialist_conclusion_save(
            staff=young, academic_year=world.year, text="  ", by=None
        )
    assert "text" in error.value.message_dict
