"""Plans for tests, made through the services so timing and checks are real."""

from plans import services
from plans.models import ActivityForm


def association_plan(association, year):
    return services.association_plan_create(association=association, academic_year=year)


def council_plan(council):
    return services.council_plan_create(council=council)


def association_item(plan, activity="Ачык сабак: «Бөлчөктөр»", *, month=None, quarter=None, **kw):
    if month is None and quarter is None:
        month = plan.academic_year.start_date.month + 1
    kw.setdefault("form", ActivityForm.OPEN_LESSON)
    return services.plan_item_create(
        plan=plan, activity=activity, month=month, quarter=quarter, **kw
    )


def council_item(plan, activity="Семинар: «Заманбап сабак»", *, month=None, quarter=None, **kw):
    if month is None and quarter is None:
        quarter = 1
    kw.setdefault("form", ActivityForm.SEMINAR)
    return services.plan_item_create(
        plan=plan, activity=activity, month=month, quarter=quarter, **kw
    )
