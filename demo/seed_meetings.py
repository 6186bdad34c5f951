"""The demo school's council meetings: one a quarter in both years (R4.5, P5.4).

Past meetings are held and their protocols approved; the next one is planned. Decisions
come in every status (done, cancelled, open, overdue), and the agendas are the ones a
Kyrgyz school's methodical council actually discusses.
"""

import datetime

from django.utils import timezone

from meetings import selectors, services
from meetings.models import Meeting
from school.selectors import quarter_for_date, today

PLACE = "Мектептин методикалык кабинети"
TIME = datetime.time(14, 30)
ABSENCE_REASONS = ["ооруп калды", "квалификацияны жогорулатуу курсунда", "иш сапарында"]

# Per quarter: (days before the quarter's end, items). An item is
# (title, speaker surname, minutes, heard summary, spoke [(surname, text)],
#  decisions [(text, [responsible surnames], due in days, outcome, votes?)]).
# The first quarter's meeting is early in the year: it approves the year's plan.
QUARTERS = {
    1: (
        None,
        [
            (
                "{year}-окуу жылына методикалык кеңештин иш планын бекитүү",
                "Өмүрбекова",
                20,
                "Иш пландын долбоору мектепти өнүктүрүү программасынын жана усулдук "
                "бирикмелердин пландарынын негизинде түзүлгөнүн, ар бир чейрекке бирден "
                "отурум каралганын баяндады.",
                [
                    (
                        "Абдыкеримов",
                        "Пландын долбооруна ачык сабактардын графигин кошууну сунуштады.",
                    )
                ],
                [
                    (
                        "Методикалык кеңештин {year}-окуу жылына иш планы бекитилсин.",
                        ["Өмүрбекова"],
                        5,
                        "done",
                        True,
                    ),
                    (
                        "Ачык сабактардын графиги түзүлүп, мугалимдер бөлмөсүнө илинсин.",
                        ["Жээнбеков", "Бектурганова"],
                        30,
                        "open",
                        False,
                    ),
                ],
            ),
            (
                "Усулдук бирикмелердин иш пландарын кароо",
                "Жээнбеков",
                25,
                "Усулдук бирикмелердин жетекчилери өз пландарын тааныштырды; өз алдынча "
                "билим алуу темалары жаңыртылганын билдирди.",
                [
                    ("Иванова", "Орус тили боюнча олимпиадага даярдык планга кошулду."),
                    ("Карабаева", "Чет тилдер боюнча МБ ачык сабактарды ай сайын өткөрөт."),
                ],
                [
                    (
                        "Усулдук бирикмелердин иш пландары макулдашылсын; мугалимдердин өз "
                        "алдынча билим алуу темалары бир айдын ичинде тапшырылсын.",
                        ["Жээнбеков", "Бектурганова", "Иванова", "Карабаева", "Сулайманова"],
                        30,
                        "done",
                        False,
                    ),
                ],
            ),
            (
                "Жаш адистерге насаатчыларды бекитүү",
                "Абдыкеримов",
                15,
                "Мектепке жаңы келген жаш адистердин тизмесин жана насаатчыларга талапты баяндады.",
                [],
                [
                    (
                        "Жаш адистерге насаатчылар бекитилсин; насаатчылар чейрегине эки жолу "
                        "жаш адистин сабагына катышсын.",
                        ["Абдыкеримов", "Жээнбеков"],
                        120,
                        "open",
                        True,
                    ),
                ],
            ),
        ],
    ),
    2: (
        10,
        [
            (
                "Биринчи чейректин жыйынтыктары: окуучулардын билим сапаты",
                "Абдыкеримов",
                20,
                "Биринчи чейректе билим сапаты 54 %, үлгүрүү 97 % болгонун; математика жана "
                "физика боюнча көрсөткүчтөр төмөндөгөнүн билдирди.",
                [("Жээнбеков", "Математикадан кошумча сабактардын графигин сунуштады.")],
                [
                    (
                        "Математика жана физика боюнча артта калган окуучулар менен кошумча "
                        "сабактар уюштурулсун.",
                        ["Жээнбеков", "Абдыкеримов"],
                        40,
                        "done",
                        True,
                    ),
                    (
                        "Билим сапаты боюнча салыштырма талдоо педагогикалык кеңешке сунушталсын.",
                        ["Абдыкеримов"],
                        20,
                        "cancelled",
                        False,
                    ),
                ],
            ),
            (
                "Өз ара сабакка катышуунун жыйынтыктары",
                "Жээнбеков",
                20,
                "Чейрек ичинде 38 сабакка катышылганын, жаш адистердин сабактарында "
                "убакытты бөлүштүрүү кыйынчылык жаратканын белгиледи.",
                [("Сулайманова", "Башталгыч класстарда ачык сабактар ийгиликтүү өттү.")],
                [
                    (
                        "Жаш адистер үчүн «Заманбап сабактын түзүлүшү» семинары өткөрүлсүн.",
                        ["Жээнбеков"],
                        45,
                        "open",
                        False,
                    ),
                ],
            ),
        ],
    ),
    3: (
        12,
        [
            (
                "Мугалимдерди аттестациялоого даярдык",
                "Өмүрбекова",
                20,
                "Быйыл 7 мугалим аттестациядан өтөрүн, документтердин тизмесин жана "
                "мөөнөттөрүн тааныштырды.",
                [],
                [
                    (
                        "Аттестациядан өтүүчү мугалимдердин портфолиолору текшерилсин.",
                        ["Өмүрбекова", "Мамытова"],
                        30,
                        "done",
                        True,
                    ),
                ],
            ),
            (
                "Предметтик олимпиадалардын шаардык турунун жыйынтыктары",
                "Исмаилова",
                15,
                "Окуучулар шаардык турда 5 байге алганын, химия жана биология боюнча "
                "даярдык жакшырганын билдирди.",
                [("Маматов", "Тарых боюнча олимпиадага даярдыкты эртерээк баштоону сунуштады.")],
                [
                    (
                        "Олимпиадага даярдоонун тажрыйбасы педагогикалык тажрыйба банкына "
                        "киргизилсин.",
                        ["Исмаилова"],
                        60,
                        "done",
                        False,
                    ),
                ],
            ),
        ],
    ),
    4: (
        10,
        [
            (
                "Окуу жылындагы методикалык иштин жыйынтыгы жана талдоосу",
                "Өмүрбекова",
                25,
                "Иш пландын аткарылышы 92 % түзгөнүн, бардык чейректерде отурумдар "
                "өткөрүлгөнүн баяндады.",
                [("Бектурганова", "Кыргыз тили боюнча МБнын отчету тиркелди.")],
                [
                    (
                        "Методикалык иштин жылдык отчету директорго тапшырылсын.",
                        ["Өмүрбекова"],
                        10,
                        "done",
                        True,
                    ),
                    (
                        "Кийинки окуу жылына иш пландын долбоору усулдук бирикмелердин "
                        "сунуштарынын негизинде даярдалсын.",
                        ["Өмүрбекова", "Маматов"],
                        80,
                        "done",
                        False,
                    ),
                ],
            ),
        ],
    ),
}

# The meeting a planned one will discuss (the agenda is set in advance).
PLANNED_ITEMS = {
    1: [("{year}-окуу жылына методикалык кеңештин иш планын бекитүү", "Өмүрбекова", 20)],
    2: [
        ("Биринчи жарым жылдыктын жыйынтыктары: окуучулардын билим сапаты", "Абдыкеримов", 20),
        ("Жаш адистердин сабактарына катышуунун жыйынтыктары", "Жээнбеков", 20),
        ("Мугалимдердин өз алдынча билим алуусу боюнча отчеттор", "Бектурганова", 15),
    ],
    3: [
        ("Мугалимдерди аттестациялоого даярдык", "Өмүрбекова", 20),
        ("Окуучулардын функционалдык сабаттуулугун өнүктүрүү", "Карабаева", 20),
    ],
    4: [
        ("Окуу жылындагы методикалык иштин жыйынтыгы", "Өмүрбекова", 25),
        ("Жалпы республикалык тестирлөөгө даярдык", "Абдыкеримов", 15),
    ],
}


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:  # a school meeting is on a working day
        day -= datetime.timedelta(days=1)
    return day


def _meeting_day(year, quarter) -> datetime.date:
    offset = QUARTERS[quarter.number][0]
    if offset is None:
        day = year.start_date + datetime.timedelta(days=14)
    else:
        day = quarter.end_date - datetime.timedelta(days=offset)
    return _weekday(day)


def seed_meetings(demo) -> None:
    staff = demo.staff
    deputy_user = staff["Өмүрбекова"].user
    secretary_user = staff["Мамытова"].user
    planned_one = False
    for key, year in (("previous", demo.previous_year), ("current", demo.current_year)):
        council = demo.councils[key]
        for quarter in year.quarters.order_by("number"):
            day = _meeting_day(year, quarter)
            if day < today():
                _held_meeting(council, year, quarter, day, staff, deputy_user, secretary_user)
            elif not planned_one:
                _planned_meeting(council, year, quarter, day, staff, deputy_user)
                planned_one = True


def _planned_meeting(council, year, quarter, day, staff, user):
    meeting = services.meeting_plan(council=council, date=day, time=TIME, place=PLACE, user=user)
    for title, speaker, minutes in PLANNED_ITEMS[quarter.number]:
        services.agenda_item_add(
            meeting=meeting,
            title=title.format(year=year.name),
            speakers=[staff[speaker]],
            planned_minutes=minutes,
            user=user,
        )
    return meeting


def _held_meeting(council, year, quarter, day, staff, deputy_user, secretary_user):
    assert quarter_for_date(year=year, day=day) == quarter
    meeting = services.meeting_plan(
        council=council, date=day, time=TIME, place=PLACE, user=deputy_user
    )
    items = QUARTERS[quarter.number][1]
    agenda = []
    for title, speaker, minutes, *_rest in items:
        agenda.append(
            services.agenda_item_add(
                meeting=meeting,
                title=title.format(year=year.name),
                speakers=[staff[speaker]],
                planned_minutes=minutes,
                user=deputy_user,
            )
        )
    # Attendance: one or two members away, each with a reason.
    members = selectors.members_on(council=council, day=day)
    away = {members[(quarter.number * 3) % len(members)].pk}
    if quarter.number % 2 == 0:
        away.add(members[(quarter.number * 5 + 1) % len(members)].pk)
    away.discard(staff["Мамытова"].pk)
    away.discard(staff["Өмүрбекова"].pk)
    marks = {
        p.pk: (False, ABSENCE_REASONS[i % len(ABSENCE_REASONS)]) if p.pk in away else (True, "")
        for i, p in enumerate(members)
    }
    roster = services.attendance_record(meeting=meeting, marks=marks, user=secretary_user)
    if quarter.number == 3:
        services.guest_add(
            meeting=meeting,
            name="Абдыразакова Жаркын Токтоматовна",
            position="Жалал-Абад шаардык билим берүү бөлүмүнүн методисти",
            user=secretary_user,
        )
    review = meeting.agenda_items.filter(kind="review").first()
    if review is not None:
        services.item_record(
            item=review,
            heard_speaker=staff["Өмүрбекова"],
            heard_guest="",
            heard_summary="Мурунку отурумдун чечимдеринин аткарылышы тууралуу маалымат берди.",
            contributions=[],
            user=secretary_user,
        )
    outcomes = []
    for item, (_t, speaker, _m, heard, spoke, decisions) in zip(agenda, items, strict=True):
        services.item_record(
            item=item,
            heard_speaker=staff[speaker],
            heard_guest="",
            heard_summary=heard,
            contributions=[(staff[s], "", text) for s, text in spoke],
            user=secretary_user,
        )
        for text, responsible, due_in, outcome, voted in decisions:
            votes = (roster.present_count, 0, 0) if voted else (None, None, None)
            decision = services.decision_add(
                item=item,
                text=text.format(year=year.name),
                responsible=[staff[s] for s in responsible],
                due_date=day + datetime.timedelta(days=due_in),
                votes_for=votes[0],
                votes_against=votes[1],
                votes_abstained=votes[2],
                for_pedagogical_council="педагогикалык кеңешке" in text,
                user=secretary_user,
            )
            outcomes.append((decision, outcome))
    meeting = services.meeting_approve(meeting=meeting, user=deputy_user)
    approved_on = min(day + datetime.timedelta(days=2), today())
    approved_at = timezone.make_aware(datetime.datetime.combine(approved_on, datetime.time(10)))
    Meeting.objects.filter(pk=meeting.pk).update(approved_at=approved_at)
    for decision, outcome in outcomes:
        _close(decision, outcome, day, deputy_user)
    if year.start_date < today() and quarter.number == 2 and year.end_date < today():
        _amend(meeting, deputy_user)
    return meeting


def _close(decision, outcome, day, user):
    if outcome == "done":
        done_on = min(decision.due_date - datetime.timedelta(days=2), today())
        done_on = max(done_on, day)
        if done_on <= today():
            services.decision_complete(
                decision=decision,
                done_on=done_on,
                note="Аткарылды; маалымат методикалык кабинетте сакталат.",
                user=user,
            )
    elif outcome == "cancelled":
        services.decision_cancel(
            decision=decision,
            reason="Маселе педагогикалык кеңештин күн тартибине толугу менен киргизилди.",
            user=user,
        )


def _amend(meeting, user):
    """A previous year's protocol amended once after approval: the history shows it."""
    meeting.refresh_from_db()
    guest = services.guest_add(
        meeting=meeting,
        name="Осмонова Динара Токтогуловна",
        position="География мугалими (угуучу катары)",
        user=user,
        version=meeting.version,
        amendment_reason="Катышкан чакырылган мугалим протоколго киргизилбей калган.",
    )
    return guest
