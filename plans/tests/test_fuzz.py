"""Any input to the plan forms (items, statuses, programme and directions): never a 5xx, nothing
saved or changed when refused (bad month, another school's person or direction), and what was
sent when accepted."""

import datetime

from hypothesis import strategies as st

from plans import services
from plans.models import AssociationPlanItem, CouncilPlanItem, Direction, ItemStatus, Programme
from tests.fuzz import DATES, NUMBERS, TEXT, fuzz_form, ids, sent_date, sent_id, with_history

from . import factories


def test_item_form_survives_any_input(client, world):
    plan = factories.association_plan(world.association, world.year)
    client.force_login(world.users["mahead"])

    def check_saved(data):
        item = AssociationPlanItem.objects.get(plan=plan, activity=data["activity"].strip())
        assert world.year.contains(item.planned_start)
        assert world.year.contains(item.planned_end)
        assert all(p.school_id == world.school.pk for p in item.responsible.all())
        if data.get("month"):
            assert item.month == int(data["month"])

    fuzz_form(
        client,
        f"/plans/associations/{plan.pk}/items/new/",
        fields={
            "activity": st.one_of(TEXT, st.just("Тегерек стол: «Окуучулардын жетишкендиктери»")),
            "form": st.sampled_from(["seminar", "open_lesson", "other", "", "lecture"]),
            "month": st.one_of(st.sampled_from([str(m) for m in range(1, 13)]), NUMBERS),
            "quarter": st.one_of(st.sampled_from(["", "1", "4"]), NUMBERS),
            "responsible": ids(
                [world.staff["mahead"].pk, world.staff["teacher"].pk],
                [world.staff["other_school"].pk],
            ),
            "expected_result": TEXT,
        },
        models=[AssociationPlanItem, CouncilPlanItem],
        check_saved=check_saved,
        max_examples=60,
    )


PLAN_MODELS = [
    *with_history(AssociationPlanItem, CouncilPlanItem),
    AssociationPlanItem.responsible.through,
    CouncilPlanItem.responsible.through,
    Programme,
    Direction,
]


def test_council_item_edit_survives_any_input(client, world):
    plan = factories.council_plan(world.council)
    item = factories.council_item(plan)
    programme = services.programme_create(
        school=world.school, title="Сапаттуу билим", start_year=2024, end_year=2029
    )
    direction = services.direction_create(programme=programme, title="Жаш адистер")
    foreign = services.programme_create(
        school=world.other_school, title="Башка", start_year=2024, end_year=2029
    )
    foreign_direction = services.direction_create(programme=foreign, title="Башка багыт")
    client.force_login(world.users["deputy"])

    def check_saved(data):
        item.refresh_from_db()
        assert item.activity == data["activity"].strip()
        assert item.expected_result == data["expected_result"].strip()
        assert item.form == data["form"]
        assert item.direction_id == sent_id(data["direction"])
        assert [p.pk for p in item.responsible.all()] == [sent_id(data["responsible"])]
        assert world.year.contains(item.planned_start) and world.year.contains(item.planned_end)

    fuzz_form(
        client,
        f"/plans/council-items/{item.pk}/",
        fields={
            "activity": st.one_of(TEXT, st.just("Семинар: «Заманбап сабак»")),
            "form": st.sampled_from(["seminar", "open_lesson", "", "party"]),
            "month": st.one_of(st.sampled_from([str(m) for m in range(1, 13)]), NUMBERS),
            "quarter": st.one_of(st.sampled_from(["", "2", "5"]), NUMBERS),
            "responsible": ids(
                [world.staff["mahead"].pk, world.staff["deputy"].pk],
                [world.staff["other_school"].pk],
            ),
            "expected_result": TEXT,
            "direction": st.one_of(st.just(""), ids([direction.pk], [foreign_direction.pk])),
        },
        models=PLAN_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "activity": "Семинар: «Заманбап сабак»",
                "form": "seminar",
                "month": "",
                "quarter": "2",
                "responsible": str(world.staff["mahead"].pk),
                "expected_result": "Сунуштар",
                "direction": str(direction.pk),
            }
        ],
        max_examples=35,
    )


def test_item_status_survives_any_input(client, world):
    """A taken item and its origin change together or not at all (R5.1)."""
    association_plan = factories.association_plan(world.association, world.year)
    origin = factories.association_item(association_plan)
    plan = factories.council_plan(world.council)
    (taken,) = services.council_plan_take(plan=plan, items=[origin])
    client.force_login(world.users["deputy"])
    in_year = world.year.start_date + datetime.timedelta(days=100)

    def check_saved(data):
        for row in (taken, origin):
            row.refresh_from_db()
            assert row.status == data["status"]
            assert row.status_note == data["note"].strip()
            if data["status"] == ItemStatus.MOVED:
                assert row.moved_to == sent_date(data["moved_to"])
            else:
                assert row.moved_to is None

    fuzz_form(
        client,
        f"/plans/council-items/{taken.pk}/status/",
        fields={
            "status": st.sampled_from(["planned", "done", "moved", "cancelled", "", "lost"]),
            "moved_to": st.one_of(
                DATES, st.sampled_from([in_year.isoformat(), in_year.strftime("%d.%m.%Y")])
            ),
            "note": st.one_of(TEXT, st.just("Мугалим курста болду.")),
        },
        models=PLAN_MODELS,
        check_saved=check_saved,
        valid=[
            {"status": "moved", "moved_to": in_year.isoformat(), "note": ""},
            {"status": "cancelled", "moved_to": "", "note": "Мугалим курста болду."},
        ],
        max_examples=35,
    )


def test_programme_and_direction_survive_any_input(client, world):
    programme = services.programme_create(
        school=world.school, title="Сапаттуу билим", start_year=2024, end_year=2029
    )
    client.force_login(world.users["deputy"])
    years = st.one_of(NUMBERS, st.sampled_from(["2024", "2026", "2029", "2101"]))

    def check_programme(data):
        saved = Programme.objects.latest("pk")
        assert saved.school_id == world.school.pk
        assert saved.title == data["title"].strip()
        assert (saved.start_year, saved.end_year) == (
            int(data["start_year"]),
            int(data["end_year"]),
        )
        assert saved.start_year <= saved.end_year

    fuzz_form(
        client,
        "/plans/programme/new/",
        fields={"title": TEXT, "start_year": years, "end_year": years},
        models=PLAN_MODELS,
        check_saved=check_programme,
        valid=[{"title": "Инсандык өнүгүү", "start_year": "2026", "end_year": "2029"}],
        max_examples=25,
    )

    def check_direction(data):
        saved = Direction.objects.latest("pk")
        assert saved.programme_id == programme.pk
        assert saved.title == data["title"].strip()
        assert saved.order == int(data["order"])

    fuzz_form(
        client,
        f"/plans/programme/{programme.pk}/directions/new/",
        fields={"title": TEXT, "order": st.one_of(NUMBERS, st.sampled_from(["1", "99", "100"]))},
        models=PLAN_MODELS,
        check_saved=check_direction,
        valid=[{"title": "Жаш адистер менен иш", "order": "2"}],
        max_examples=25,
    )


def test_plan_pages_survive_any_query(client, world):
    plan = factories.council_plan(world.council)
    association_plan = factories.association_plan(world.association, world.year)
    client.force_login(world.users["deputy"])
    junk = [{"year": "²"}, {"year": "٣"}, {"year": "9" * 40}]
    year = st.one_of(ids([world.year.pk], [world.other_year.pk]), NUMBERS)
    fuzz_form(
        client,
        "/plans/",
        method="get",
        fields={"year": year},
        models=PLAN_MODELS,
        valid=[{"year": str(world.year.pk)}],
        examples=junk,
        max_examples=15,
    )
    fuzz_form(
        client,
        "/plans/associations/new/",
        method="get",
        fields={"association": ids([world.association.pk], []), "year": year},
        models=PLAN_MODELS,
        examples=[{"association": "²", "year": "²"}],
        max_examples=10,
    )
    fuzz_form(
        client,
        "/plans/council/new/",
        method="get",
        fields={"council": ids([world.council.pk], [])},
        models=PLAN_MODELS,
        examples=[{"council": "²"}],
        max_examples=10,
    )
    for url in (f"/plans/council/{plan.pk}/", f"/plans/associations/{association_plan.pk}/"):
        fuzz_form(
            client,
            url,
            method="get",
            fields={"group": st.sampled_from(["quarter", "direction", "responsible", "", "x"])},
            models=PLAN_MODELS,
            max_examples=6,
        )
