"""A small fixed year for the report tests: every figure can be counted by hand.

The year 2024–2025 of the `world` school (already over, so every due date has passed).
Quarters: I 01.09–05.11.2024, II 06.11–31.12.2024, III 01.01–20.03.2025, IV 21.03–31.05.2025.

Council: deputy (chair), secretary, mahead, teacher and director join on 01.09.2024. In
quarter II the teacher leaves on 01.12.2024 (R7.1: removed for not performing the duties)
and Асанова joins on 20.11.2024.

Meetings (members on the day; present):
  No. 1, 10.10.2024: 5 members, 5 present (100%, quorum)
  No. 2, 15.11.2024: 5 members, 4 present, the teacher ill (80%, quorum)
  No. 3, 20.12.2024: 5 members, 2 present (40%, no quorum: 2 is not more than 2.5)
  Quarter II: 6 of 10 present, 60%; quorum at 1 of 2 meetings.

Decisions: No. 1 adopts one, done. No. 2 adopts four: done, done, open due 10.12.2024,
cancelled. No. 3 adopts one, open due 15.01.2025.
  Quarter II on 01.01.2025: adopted 5, executed 2, cancelled 1, overdue 1, not yet due 1,
  rate 2 of 4 = 50%. Any day after 15.01.2025: overdue 2, not yet due 0.

Work-plan items of quarter II:
  Математика МБ: a1 done (direction 1), a2 done (1), a3 planned (2), a4 cancelled,
    a5 moved to 01.02.2025: planned 4, done 2 (50%), overdue 1 (a3).
  Тил МБ: b1 done (2): planned 1, done 1 (100%).
  The council's own: c1 done (1), c2 planned: planned 2, done 1 (50%), overdue 1;
    plus a1 taken into the council's plan (not counted twice).
  Total: planned 7, done 4 (57%), overdue 2.
  By direction: 1 — 3 of 3 (100%); 2 — 1 of 2 (50%); no direction — 0 of 2 (a5, c2).
  Quarter I: one item of Математика МБ, done. The year to quarter II: 5 of 8.

Lesson visits, card "Сабакты талдоо" (scale 1–5; percent = (score − 1) / 4):
  Quarter I: two visits about the teacher: [4, 4, 3], [4, 2, 5]
    → Максат коюлган 4.0 (75%), Методдор 3.0 (50%), Окуучулардын активдүүлүгү 4.0 (75%).
  Quarter II: about the teacher [5, 4, 2] (methodical help); about the secretary, in no
    association, [3, 4, 2] (control); about mahead on version 2 of the card, which adds
    "Саламаттыкты сактоо", [4, 4, 2, 4] (open lesson); and a draft [1, 1, 1] not counted.
    → Максат коюлган 4.0 (75%, 0), Методдор 4.0 (75%, +25),
      Окуучулардын активдүүлүгү 2.0 (25%, −50: fell, P2.5), Саламаттыкты сактоо 4.0 (75%,
      new). All ten scores: 6.0 / 10 = 60%.
  By association: Математика МБ 2 (teacher, mahead), Тил МБ 0; in no association 1.
"""

import datetime
from dataclasses import dataclass

from council.models import CouncilMembership, LeaveReason
from council.tests.factories import CouncilFactory, add_member
from meetings import services as meeting_services
from meetings.tests.factories import held_meeting
from members.tests.factories import AssociationFactory, StaffFactory
from observations.models import CriteriaSet, Criterion, Observation
from observations.tests.factories import make_criteria_set, make_observation
from plans import services as plan_services
from plans.models import ItemStatus
from plans.tests.factories import association_item, association_plan, council_item, council_plan
from school.models import Quarter
from school.tests.factories import make_year

D = datetime.date
CRITERIA = ["Максат коюлган", "Методдор", "Окуучулардын активдүүлүгү"]
ADDED = "Саламаттыкты сактоо"


@dataclass
class ReportYear:
    year: object
    council: object
    quarters: dict  # number -> Quarter
    meetings: list
    newcomer: object
    languages: object  # the second association


def _decide(meeting, text, responsible, due, *, outcome="open", user=None):
    item = meeting_services.agenda_item_add(meeting=meeting, title=f"Маселе: {text}")
    decision = meeting_services.decision_add(
        item=item, text=text, responsible=[responsible], due_date=due
    )
    if outcome == "done":
        meeting_services.decision_complete(
            decision=decision, done_on=due, note="Аткарылды.", user=user
        )
    elif outcome == "cancelled":
        meeting_services.decision_cancel(decision=decision, reason="Зарылдыгы жок.", user=user)
    return decision


def _meetings(world, council):
    staff = world.staff
    first = held_meeting(council, D(2024, 10, 10))
    _decide(first, "Иш план бекитилсин", staff["deputy"], D(2024, 10, 20), outcome="done")
    second = held_meeting(council, D(2024, 11, 15), absent={staff["teacher"].pk: "ооруп калды"})
    _decide(second, "Ачык сабактар өтүлсүн", staff["mahead"], D(2024, 11, 30), outcome="done")
    _decide(second, "Семинар уюштурулсун", staff["secretary"], D(2024, 12, 5), outcome="done")
    _decide(second, "Графиги илинсин", staff["mahead"], D(2024, 12, 10))
    _decide(second, "Конкурс өткөрүлсүн", staff["deputy"], D(2024, 12, 12), outcome="cancelled")
    absent = "иш сапарында"
    third = held_meeting(
        council,
        D(2024, 12, 20),
        absent={
            staff["mahead"].pk: absent,
            staff["director"].pk: absent,
            # Асанова joined on 20.11 (see report_year).
            CouncilMembership.objects.get(council=council, joined_on=D(2024, 11, 20)).staff_id: (
                absent
            ),
        },
    )
    _decide(third, "Жыйынтыгы чыгарылсын", staff["deputy"], D(2025, 1, 15))
    return [first, second, third]


def _plans(world, year, council, languages):
    programme = plan_services.programme_create(
        school=world.school, title="Өнүктүрүү программасы", start_year=2023, end_year=2027
    )
    d1 = plan_services.direction_create(programme=programme, title="Сапаттуу билим", order=1)
    d2 = plan_services.direction_create(programme=programme, title="Кесиптик өсүү", order=2)
    maths = association_plan(world.association, year)
    first_item = association_item(maths, "Q1: семинар", quarter=1)
    a1 = association_item(maths, "a1", quarter=2, direction=d1)
    a2 = association_item(maths, "a2", quarter=2, direction=d1)
    association_item(maths, "a3", quarter=2, direction=d2)
    a4 = association_item(maths, "a4", quarter=2)
    a5 = association_item(maths, "a5", quarter=2)
    plan_services.plan_item_set_status(item=first_item, status=ItemStatus.DONE)
    plan_services.plan_item_set_status(item=a1, status=ItemStatus.DONE)
    plan_services.plan_item_set_status(item=a2, status=ItemStatus.DONE)
    plan_services.plan_item_set_status(item=a4, status=ItemStatus.CANCELLED, note="Убакыт жок.")
    plan_services.plan_item_set_status(item=a5, status=ItemStatus.MOVED, moved_to=D(2025, 2, 1))
    other = association_plan(languages, year)
    b1 = association_item(other, "b1", quarter=2, direction=d2)
    plan_services.plan_item_set_status(item=b1, status=ItemStatus.DONE)
    own = council_plan(council)
    c1 = council_item(own, "c1", quarter=2, direction=d1)
    council_item(own, "c2", quarter=2)
    plan_services.plan_item_set_status(item=c1, status=ItemStatus.DONE)
    plan_services.council_plan_take(plan=own, items=[a1])


def _visits(world):
    staff = world.staff
    card = make_criteria_set(world.school, scale=(1, 5), criteria=CRITERIA)
    for day, scores in [(D(2024, 10, 1), [4, 4, 3]), (D(2024, 10, 20), [4, 2, 5])]:
        make_observation(
            staff["mahead"], staff["teacher"], date=day, scores=scores, criteria_set=card
        )
    make_observation(
        staff["mahead"],
        staff["teacher"],
        date=D(2024, 11, 20),
        scores=[5, 4, 2],
        criteria_set=card,
        purpose="methodical_help",
    )
    make_observation(
        staff["deputy"],
        staff["secretary"],
        date=D(2024, 12, 2),
        scores=[3, 4, 2],
        criteria_set=card,
        purpose="control",
    )
    card.is_current = False
    card.save()
    second = CriteriaSet.objects.create(
        school=world.school,
        name=card.name,
        scale_min=1,
        scale_max=5,
        version=2,
        previous_version=card,
    )
    Criterion.objects.bulk_create(
        Criterion(criteria_set=second, order=n, text=t) for n, t in enumerate([*CRITERIA, ADDED], 1)
    )
    make_observation(
        staff["deputy"],
        staff["mahead"],
        date=D(2024, 12, 10),
        scores=[4, 4, 2, 4],
        criteria_set=second,
        purpose="open_lesson",
    )
    make_observation(
        staff["director"],
        staff["teacher"],
        date=D(2024, 12, 12),
        scores=[1, 1, 1, 1],
        criteria_set=second,
        status=Observation.Status.DRAFT,
    )


def report_year(world) -> ReportYear:
    year = make_year(world.school, 2024)
    staff = world.staff
    council = CouncilFactory(
        academic_year=year, chair=staff["deputy"], secretary=staff["secretary"]
    )
    for role in ("deputy", "secretary", "mahead", "teacher", "director"):
        add_member(council, staff[role], ["administration"])
    newcomer = StaffFactory(school=world.school, last_name="Асанова", first_name="Гүлнара")
    add_member(council, newcomer, ["innovative_teacher"], joined_on=D(2024, 11, 20))
    leaving = CouncilMembership.objects.get(council=council, staff=staff["teacher"])
    leaving.left_on = D(2024, 12, 1)
    leaving.leave_reason = LeaveReason.REMOVED_DUTIES
    leaving.leave_note = "Милдеттерин аткарган жок."
    leaving.save()
    languages = AssociationFactory(school=world.school, name="Тил МБ")
    meetings = _meetings(world, council)
    _plans(world, year, council, languages)
    _visits(world)
    quarters = {q.number: q for q in Quarter.objects.filter(academic_year=year)}
    return ReportYear(year, council, quarters, meetings, newcomer, languages)
