"""Any input to the criteria set, acknowledgement, note and young-specialist conclusion forms
(R2.18): never a 5xx, nothing written or changed (history included) when refused, exactly what
was sent when accepted. The visit form itself is fuzzed in test_views.py."""

import pytest
from hypothesis import strategies as st

from observations.models import (
    CriteriaSet,
    Criterion,
    Observation,
    ObservationNote,
    Score,
    YoungSpecialistConclusion,
)
from tests.fuzz import NUMBERS, TEXT, fuzz_form, ids, with_history

from .factories import make_criteria_set, make_observation

pytestmark = pytest.mark.django_db

VISIT_MODELS = [
    *with_history(Observation, ObservationNote),
    Score,
    CriteriaSet,
    Criterion,
    YoungSpecialistConclusion,
]

CRITERIA_TEXT = st.one_of(
    TEXT,
    st.just("Максат коюлган\nМетоддор\n\n  Окуучулардын   активдүүлүгү "),
    st.just("Бир\nБир"),
    st.just("\n".join(f"Критерий {n}" for n in range(60))),
    st.lists(TEXT, max_size=4).map("\n".join),
)


def _criteria_lines(text):
    return [" ".join(line.split()) for line in text.strip().splitlines() if line.split()]


def _criteria_fields():
    scale = st.one_of(NUMBERS, st.sampled_from(["0", "1", "5", "10", "100"]))
    return {
        "name": st.one_of(TEXT, st.just("Сабакты талдоо картасы")),
        "scale_min": scale,
        "scale_max": scale,
        "criteria": CRITERIA_TEXT,
        "is_default": st.sampled_from(["", "on"]),
    }


VALID_SET = {
    "name": "Сабакты талдоо картасы",
    "scale_min": "1",
    "scale_max": "5",
    "criteria": "Максат коюлган\nМетоддор\n\n  Окуучулардын   активдүүлүгү ",
    "is_default": "on",
}


def _check_set(saved, data, world):
    assert saved.school_id == world.school.pk and saved.is_current
    assert saved.name == data["name"].strip()
    assert (saved.scale_min, saved.scale_max) == (int(data["scale_min"]), int(data["scale_max"]))
    texts = list(saved.criteria.order_by("order").values_list("text", flat=True))
    assert texts == _criteria_lines(data["criteria"])
    assert saved.is_default == (data["is_default"] == "on")


def test_criteria_set_create_survives_any_input(client, world):
    client.force_login(world.users["deputy"])

    def check_saved(data):
        _check_set(CriteriaSet.objects.latest("pk"), data, world)

    fuzz_form(
        client,
        "/observations/criteria/new/",
        fields=_criteria_fields(),
        models=VISIT_MODELS,
        check_saved=check_saved,
        valid=[VALID_SET],
        max_examples=35,
    )


def test_criteria_set_edit_survives_any_input(client, world):
    """A set already scored on gets a new version; the old one keeps its criteria."""
    card = make_criteria_set(world.school)
    make_observation(world.staff["mahead"], world.staff["teacher"], criteria_set=card)
    before = list(card.criteria.values_list("text", flat=True))
    client.force_login(world.users["deputy"])

    def check_saved(data):
        _check_set(CriteriaSet.objects.get(school=world.school, is_current=True), data, world)
        assert list(card.criteria.values_list("text", flat=True)) == before

    fuzz_form(
        client,
        f"/observations/criteria/{card.pk}/",
        fields=_criteria_fields(),
        models=VISIT_MODELS,
        check_saved=check_saved,
        valid=[VALID_SET],
        max_examples=30,
    )


def test_acknowledgement_survives_any_input(client, world):
    visit = make_observation(world.staff["mahead"], world.staff["teacher"])
    client.force_login(world.users["teacher"])

    def check_saved(data):
        visit.refresh_from_db()
        assert visit.status == Observation.Status.ACKNOWLEDGED
        assert visit.teacher_response == data["response"].strip()

    fuzz_form(
        client,
        f"/observations/{visit.pk}/acknowledge/",
        fields={
            "familiarised": st.sampled_from(["on", "", "false", "0", "ооба"]),
            "response": st.one_of(TEXT, st.just("Сунуштар менен макулмун.")),
        },
        models=VISIT_MODELS,
        check_saved=check_saved,
        valid=[{"familiarised": "on", "response": "Сунуштар менен макулмун."}],
        max_examples=30,
    )


def test_note_survives_any_input(client, world):
    visit = make_observation(
        world.staff["mahead"], world.staff["teacher"], status=Observation.Status.ACKNOWLEDGED
    )
    client.force_login(world.users["mahead"])

    def check_saved(data):
        note = ObservationNote.objects.latest("pk")
        assert note.observation_id == visit.pk
        assert note.author_id == world.staff["mahead"].pk
        assert note.text == data["text"].strip()

    fuzz_form(
        client,
        f"/observations/{visit.pk}/notes/",
        fields={"text": st.one_of(TEXT, st.just("Кайра келип көрдүм: жакшырды."))},
        models=VISIT_MODELS,
        check_saved=check_saved,
        valid=[{"text": "Кайра келип көрдүм: жакшырды."}],
        max_examples=30,
    )


def test_young_specialist_conclusion_survives_any_input(client, world):
    teacher = world.staff["teacher"]
    teacher.started_on = world.year.start_date
    teacher.save()
    client.force_login(world.users["deputy"])

    def check_saved(data):
        conclusion = YoungSpecialistConclusion.objects.get(staff=teacher)
        assert conclusion.academic_year_id == world.year.pk
        assert conclusion.text == data["text"].strip()

    fuzz_form(
        client,
        f"/observations/young-specialists/{teacher.pk}/{world.year.pk}/",
        fields={"text": st.one_of(TEXT, st.just("Жаш адистин иши канааттандырарлык."))},
        models=VISIT_MODELS,
        check_saved=check_saved,
        valid=[{"text": "Жаш адистин иши канааттандырарлык."}],
        accepted_status=(302,),
        max_examples=25,
    )


def test_visit_lists_survive_any_filter(client, world):
    make_observation(world.staff["mahead"], world.staff["teacher"])
    client.force_login(world.users["deputy"])
    year = ids([world.year.pk], [world.other_year.pk])
    fuzz_form(
        client,
        "/observations/all/",
        method="get",
        fields={
            "year": year,
            "association": ids([world.association.pk], []),
            "purpose": st.sampled_from(["", "young_specialist", "x"]),
            "status": st.sampled_from(["", "submitted", "acknowledged", "lost"]),
            "page": st.sampled_from(["1", "2", "last", "-1", "²", "9" * 40]),
        },
        models=VISIT_MODELS,
        valid=[{"year": str(world.year.pk), "status": "submitted", "page": "1"}],
        max_examples=25,
    )
    for url in ("/observations/teachers/", "/observations/young-specialists/"):
        fuzz_form(
            client,
            url,
            method="get",
            fields={"year": year},
            models=VISIT_MODELS,
            examples=[{"year": "²"}],
            max_examples=8,
        )
    client.force_login(world.users["mahead"])
    fuzz_form(
        client,
        "/observations/new/",
        method="get",
        fields={"set": ids([], [])},
        models=VISIT_MODELS,
        examples=[{"set": "²"}],
        max_examples=8,
    )
