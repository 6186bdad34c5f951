"""Any input to the plan item form: never a 5xx, nothing saved when refused (bad month, another
school's person), and what was sent when accepted."""

from hypothesis import strategies as st

from plans.models import AssociationPlanItem, CouncilPlanItem
from tests.fuzz import NUMBERS, TEXT, fuzz_form, ids

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
