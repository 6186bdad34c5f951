"""The demo school's work plans: the development programme, every association's plan and the
council's plan in both years, with items in every status (R5.1, R5.2, P4.2)."""

import datetime

from meetings.models import Meeting
from members.models import MethodicalAssociation
from plans import services
from plans.models import ActivityForm, ItemStatus
from school.selectors import today

F = ActivityForm

PROGRAMME_TITLE = "Жалал-Абад шаарындагы №8 орто мектебин өнүктүрүү программасы"
DIRECTIONS = [
    "Билим берүүнүн сапатын жогорулатуу жана окуучулардын жетишкендиктерин мониторингдөө",
    "Мугалимдердин кесиптик өсүшү жана өз алдынча билим алуусу",
    "Санариптик билим берүү чөйрөсүн өнүктүрүү",
    "Таланттуу жана жөндөмдүү окуучулар менен иштөө",
    "Тарбия, инклюзия жана ата-энелер менен кызматташтык",
]

# Per association: (activity, form, month, responsible surnames (first = the usual one),
# expected result, direction number 1..5). A month of 0 means "during quarter III".
ASSOCIATION_ITEMS = {
    "Табигый-математикалык илимдер боюнча МБ": [
        (
            "МБнын жылдык иш планын талкуулоо жана бекитүү; жумушчу программаларды карап чыгуу",
            F.OTHER,
            9,
            ["Жээнбеков"],
            "Бекитилген иш планы, каралган жумушчу программалар",
            1,
        ),
        (
            "Ачык сабак: «Квадраттык теңдемелер» (8-класс)",
            F.OPEN_LESSON,
            10,
            ["Сыдыкова", "Жээнбеков"],
            "Жаш адистин сабагын талдоо, методикалык сунуштар",
            2,
        ),
        (
            "Мектептик предметтик олимпиаданын I турун өткөрүү (математика, физика, химия, биология)",
            F.COMPETITION,
            11,
            ["Жээнбеков", "Кадырова", "Исмаилова", "Турдубаев"],
            "Райондук турга жеңүүчүлөрдүн тизмеси",
            4,
        ),
        (
            "Семинар-практикум: «Физика сабагында виртуалдык лабораторияларды колдонуу»",
            F.WORKSHOP,
            12,
            ["Кадырова", "Ташиев"],
            "Сабактарда колдонула турган 5 виртуалдык лаборатория",
            3,
        ),
        (
            "Табигый илимдер апталыгы: кызыктуу тажрыйбалар, викторина, дубал гезиттер",
            F.COMPETITION,
            2,
            ["Исмаилова", "Турдубаев", "Осмонова"],
            "Окуучулардын предметке кызыгуусу, апталыктын отчету",
            4,
        ),
        (
            "Өз алдынча билим алуу темасы боюнча отчет: «Математикадан функционалдык сабаттуулукту калыптандыруу»",
            F.SELF_EDUCATION_REPORT,
            3,
            ["Жээнбеков"],
            "Тажрыйбаны жалпылоо, баяндама",
            2,
        ),
        (
            "Жалпы республикалык тестирлөөгө (ЖРТ) даярдоо боюнча тегерек стол",
            F.ROUND_TABLE,
            0,
            ["Жээнбеков", "Сыдыкова"],
            "Даярдоо графиги, пробдук тесттин жыйынтыгы",
            1,
        ),
        (
            "Жылдык ишти талдоо; жыйынтыктоочу аттестациянын материалдарын даярдоо",
            F.OTHER,
            5,
            ["Жээнбеков"],
            "МБнын жылдык отчету",
            1,
        ),
    ],
    "Кыргыз тили жана адабияты боюнча МБ": [
        (
            "МБнын жылдык иш планын бекитүү; окуу китептери менен камсыздоону талдоо",
            F.OTHER,
            9,
            ["Бектурганова"],
            "Бекитилген иш планы",
            1,
        ),
        (
            "Ачык сабак: «Манас» эпосу — кыргыз элинин энциклопедиясы (9-класс)",
            F.OPEN_LESSON,
            10,
            ["Мамытова"],
            "Эпосту окутуунун жаңы ыкмалары боюнча тажрыйба",
            2,
        ),
        (
            "Мамлекеттик тил күнүнө карата көркөм окуу сынагы «Эне тилим — ыйык тилим»",
            F.COMPETITION,
            9,
            ["Бектурганова", "Сатыбалдиева", "Эркинбаев"],
            "Сынактын жеңүүчүлөрү, мектептик майрам",
            5,
        ),
        (
            "Семинар: «Кыргыз тили сабагында окуу сабаттуулугун баалоо (PISA форматындагы тапшырмалар)»",
            F.SEMINAR,
            12,
            ["Сатыбалдиева", "Бектурганова"],
            "Тапшырмалар топтому",
            1,
        ),
        (
            "Чеберчилик сабагы: «Чыгарма жазууга үйрөтүүнүн ыкмалары»",
            F.MASTER_CLASS,
            2,
            ["Мамытова", "Эркинбаев"],
            "Жаш мугалимге методикалык жардам",
            2,
        ),
        (
            "Ч. Айтматовдун чыгармачылыгына арналган окуучулардын илимий-практикалык конференциясы",
            F.CONFERENCE,
            0,
            ["Бектурганова", "Дөөлөтова"],
            "Окуучулардын баяндамаларынын жыйнагы",
            4,
        ),
        (
            "Өз алдынча билим алуу боюнча отчет: «Адабият сабагында сынчыл ой жүгүртүүнү өнүктүрүү»",
            F.SELF_EDUCATION_REPORT,
            4,
            ["Сатыбалдиева"],
            "Баяндама жана презентация",
            2,
        ),
    ],
    "Орус тили жана адабияты боюнча МБ": [
        (
            "Утверждение плана работы МО; анализ входных контрольных работ",
            F.OTHER,
            9,
            ["Иванова"],
            "План работы, анализ результатов",
            1,
        ),
        (
            "Открытый урок: «Образ Родины в лирике А. С. Пушкина» (7-класс)",
            F.OPEN_LESSON,
            11,
            ["Абдуллаева"],
            "Обмен опытом, анализ урока",
            2,
        ),
        (
            "Мастер-класс: «Приёмы развития устной речи в кыргызских классах»",
            F.MASTER_CLASS,
            12,
            ["Иванова", "Бообекова"],
            "Методические рекомендации для коллег",
            2,
        ),
        (
            "Неделя русского языка и литературы: конкурс чтецов, олимпиада",
            F.COMPETITION,
            0,
            ["Абдуллаева", "Бообекова"],
            "Отчёт о неделе, победители конкурса",
            4,
        ),
        (
            "Отчёт по теме самообразования: «Функциональное чтение на уроках русского языка»",
            F.SELF_EDUCATION_REPORT,
            4,
            ["Бообекова"],
            "Доклад, дидактические материалы",
            2,
        ),
        (
            "Анализ работы МО за год; итоговая аттестация",
            F.OTHER,
            5,
            ["Иванова"],
            "Отчёт МО за год",
            1,
        ),
    ],
    "Чет тилдер боюнча МБ": [
        (
            "МБнын иш планын бекитүү; чет тил сабактарын топторго бөлүү",
            F.OTHER,
            9,
            ["Карабаева"],
            "Бекитилген иш планы",
            1,
        ),
        (
            "Ачык сабак: «My Family» (5-класс), оюн технологиялары",
            F.OPEN_LESSON,
            10,
            ["Курманалиева", "Карабаева"],
            "Жаш адистин сабагын талдоо",
            2,
        ),
        (
            "Воркшоп: «Англис тили сабагында онлайн ресурстарды колдонуу (LearningApps, Quizlet)»",
            F.WORKSHOP,
            11,
            ["Мырзакматов"],
            "Сабакта колдонула турган ресурстардын тизмеси",
            3,
        ),
        (
            "Англис тили боюнча мектептик олимпиада жана «Spelling Bee» сынагы",
            F.COMPETITION,
            1,
            ["Карабаева", "Мырзакматов", "Курманалиева"],
            "Райондук олимпиадага катышуучулар",
            4,
        ),
        (
            "Немис тили күнү: окуучулардын концерти жана викторина",
            F.OTHER,
            3,
            ["Арстанбекова"],
            "Чет тилге кызыгууну арттыруу",
            5,
        ),
        (
            "Өз алдынча билим алуу боюнча отчет: «Коммуникативдик ыкма башталгыч звенодо»",
            F.SELF_EDUCATION_REPORT,
            4,
            ["Курманалиева"],
            "Баяндама",
            2,
        ),
    ],
    "Башталгыч класстардын мугалимдеринин МБ": [
        (
            "1-класстын окуучуларынын мектепке ыңгайлашуусун талдоо",
            F.ROUND_TABLE,
            10,
            ["Сулайманова", "Шерматова"],
            "Ата-энелерге сунуштар",
            5,
        ),
        (
            "Ачык сабак: «Окуу сабагында функционалдык сабаттуулук» (3-класс)",
            F.OPEN_LESSON,
            11,
            ["Токторова"],
            "Сабакты талдоо, тажрыйба алмашуу",
            1,
        ),
        (
            "Чеберчилик сабагы: «Математика сабагында логикалык оюндар»",
            F.MASTER_CLASS,
            1,
            ["Алиева", "Сулайманова"],
            "Оюндардын топтому",
            2,
        ),
        (
            "«Эң мыкты окуучу» сынагы (4-класстар)",
            F.COMPETITION,
            3,
            ["Орозбаева", "Токторова"],
            "Сынактын жыйынтыгы",
            4,
        ),
        (
            "4-класстын окуучуларынын билим деңгээлин мониторингдөө (орто звенога өтүү)",
            F.OTHER,
            5,
            ["Сулайманова"],
            "Мониторингдин анализи, орто звенонун мугалимдерине маалымат",
            1,
        ),
        (
            "Өз алдынча билим алуу боюнча отчет: «Башталгыч класста долбоордук иш»",
            F.SELF_EDUCATION_REPORT,
            2,
            ["Шерматова"],
            "Баяндама, окуучулардын долбоорлору",
            2,
        ),
    ],
    "Коомдук илимдер жана эстетикалык тарбия боюнча МБ": [
        (
            "МБнын иш планын бекитүү; тарых боюнча жумушчу программаларды карап чыгуу",
            F.OTHER,
            9,
            ["Маматов"],
            "Бекитилген иш планы",
            1,
        ),
        (
            "Тегерек стол: «Адам жана коом» сабагында жарандык билим берүү",
            F.ROUND_TABLE,
            11,
            ["Маматов", "Байзакова"],
            "Сунуштар, сабактардын иштелмелери",
            5,
        ),
        (
            "Спорттук майрам «Ден соолук — байлык»: волейбол, тогуз коргоол, күрөш",
            F.COMPETITION,
            12,
            ["Жумабаев"],
            "Мектептин курама командасы",
            5,
        ),
        (
            "Ачык сабак: «Улуу Жибек жолу жана Кыргызстан» (6-класс)",
            F.OPEN_LESSON,
            2,
            ["Байзакова"],
            "Сабакты талдоо",
            2,
        ),
        (
            "Окуучулардын сүрөт жана кол өнөрчүлүк көргөзмөсү «Ала-Тоом — асыл мекеним»",
            F.OTHER,
            0,
            ["Абдрахманов", "Сагынбаева", "Эшматов"],
            "Көргөзмө, мыкты иштер мектептин музейине",
            4,
        ),
        (
            "Өз алдынча билим алуу боюнча отчет: «Тарых сабагында булактар менен иштөө»",
            F.SELF_EDUCATION_REPORT,
            4,
            ["Маматов"],
            "Баяндама",
            2,
        ),
    ],
}

# The council's own items: (activity, form, month, responsible, expected result, direction).
COUNCIL_ITEMS = [
    (
        "Методикалык кеңештин жылдык иш планын бекитүү; МБлардын пландарын карап чыгуу",
        F.OTHER,
        9,
        ["Өмүрбекова"],
        "Бекитилген иш планы (R5.1)",
        1,
    ),
    (
        "Жаш адистердин мектеби: сабакка даярдануу жана сабакты өз алдынча талдоо",
        F.SEMINAR,
        10,
        ["Өмүрбекова", "Исмаилова"],
        "Жаш адистерге методикалык жардам (R2.18)",
        2,
    ),
    (
        "Мугалимдерди аттестациялоонун графигин бекитүү",
        F.OTHER,
        10,
        ["Өмүрбекова", "Абдыкеримов"],
        "Аттестациянын графиги",
        2,
    ),
    (
        "I чейректин жыйынтыгы боюнча окуучулардын жетишүүсүнүн мониторинги",
        F.OTHER,
        11,
        ["Абдыкеримов"],
        "Мониторингдин анализи жана чечимдер",
        1,
    ),
    (
        "Семинар: «Компетенттүүлүккө негизделген сабак: пландаштыруудан баалоого чейин»",
        F.SEMINAR,
        12,
        ["Өмүрбекова", "Исмаилова"],
        "Сабактын технологиялык картасынын үлгүсү",
        2,
    ),
    (
        "Педагогикалык окуулар: «Мугалимдин мыкты тажрыйбасы» (тажрыйба банкына)",
        F.CONFERENCE,
        3,
        ["Өмүрбекова", "Мамытова"],
        "Мыкты тажрыйбалардын жыйнагы (R2.16)",
        2,
    ),
    (
        "Санариптик ресурстарды сабакта колдонуу боюнча чеберчилик сабактарынын фестивалы",
        F.MASTER_CLASS,
        0,
        ["Ташиев"],
        "Мугалимдердин санариптик компетенттүүлүгү",
        3,
    ),
    (
        "Методикалык кеңештин жылдык ишин талдоо; кийинки жылдын милдеттери",
        F.OTHER,
        5,
        ["Өмүрбекова"],
        "Жылдык отчет, кийинки жылдын планынын долбоору",
        1,
    ),
]

# Past items cycle through these marks; one past item of a plan stays planned (overdue).
PAST_MARKS = [
    ItemStatus.DONE,
    ItemStatus.DONE,
    ItemStatus.MOVED,
    ItemStatus.DONE,
    ItemStatus.DONE,
    ItemStatus.CANCELLED,
]
DONE_NOTES = [
    "Өткөрүлдү, протоколго киргизилди.",
    "Аткарылды; материалдар МБнын папкасында.",
    "Өткөрүлдү, катышуучулар сертификат алышты.",
]
CANCEL_NOTES = [
    "Сасык тумоого байланыштуу карантин: кийинки жылга калтырылды.",
    "Жооптуу мугалим курска жөнөтүлдү; иш-чара башка формада өттү.",
]


def seed_plans(demo) -> None:
    directions = _seed_programme(demo)
    for key, year in (("previous", demo.previous_year), ("current", demo.current_year)):
        association_items = []
        for association in MethodicalAssociation.objects.filter(school=demo.school):
            rows = ASSOCIATION_ITEMS.get(association.name, [])
            plan = services.association_plan_create(association=association, academic_year=year)
            items = [_add(services.plan_item_create, plan, row, demo, directions) for row in rows]
            _mark(items, year, seed=len(association.name))
            association_items.append(items)
        council_plan = services.council_plan_create(council=demo.councils[key])
        own = [
            _add(services.plan_item_create, council_plan, row, demo, directions)
            for row in COUNCIL_ITEMS
        ]
        _mark(own, year, seed=3)
        # R5.1: from each association's plan the council takes its most important items.
        for items in association_items:
            chosen = [i for i in items if i.form in (F.OPEN_LESSON, F.CONFERENCE, F.MASTER_CLASS)][
                :2
            ]
            if chosen:
                services.council_plan_take(plan=council_plan, items=chosen)
        if key == "current":
            _put_on_agenda(council_plan)


def _seed_programme(demo):
    start = demo.previous_year.start_date.year
    programme = services.programme_create(
        school=demo.school, title=PROGRAMME_TITLE, start_year=start - 1, end_year=start + 3
    )
    return {
        n: services.direction_create(programme=programme, title=title, order=n)
        for n, title in enumerate(DIRECTIONS, start=1)
    }


def _add(create, plan, row, demo, directions):
    activity, form, month, surnames, result, direction = row
    return create(
        plan=plan,
        activity=activity,
        form=form,
        month=month or None,
        quarter=None if month else 3,
        responsible=[demo.staff[s] for s in surnames],
        expected_result=result,
        direction=directions[direction],
    )


def _mark(items, year, *, seed):
    """Give the items realistic marks: past ones done, moved or cancelled (one left overdue)."""
    day = today()
    items = sorted(items, key=lambda i: (i.planned_start, i.pk))
    past = [i for i in items if i.planned_end < day]
    future = [i for i in items if i.planned_end >= day]
    if not past and future:  # early September: the first item is already done
        past, future = future[:1], future[1:]
    kept = past[-1] if len(past) > 2 else None  # one forgotten item is left: overdue
    for n, item in enumerate(past):
        if item is not kept:
            _set(item, PAST_MARKS[(n + seed) % len(PAST_MARKS)], year, n)
    for n, item in enumerate(future):
        if n == 1:
            _set(item, ItemStatus.MOVED, year, n)
    # Every status shows in every plan: a missing one replaces a planned or a spare done item.
    for status in (ItemStatus.DONE, ItemStatus.MOVED, ItemStatus.CANCELLED):
        counts = {s: sum(1 for i in items if i.status == s) for s in ItemStatus.values}
        if counts[status]:
            continue
        spare = next(
            (i for i in items if i is not kept and i.status == ItemStatus.PLANNED), None
        ) or next(
            (i for i in items if i.status == ItemStatus.DONE and counts[ItemStatus.DONE] > 1),
            None,
        )
        if spare is not None:
            _set(spare, status, year, seed)


def _set(item, status, year, n):
    moved_to = None
    note = ""
    if status == ItemStatus.MOVED:
        moved_to = min(item.planned_end + datetime.timedelta(days=21), year.end_date)
        note = "Мектептеги иш-чаралардын графигине байланыштуу жылдырылды."
    elif status == ItemStatus.CANCELLED:
        note = CANCEL_NOTES[n % len(CANCEL_NOTES)]
    elif status == ItemStatus.DONE:
        note = DONE_NOTES[n % len(DONE_NOTES)]
    services.plan_item_set_status(item=item, status=status, moved_to=moved_to, note=note)


def _put_on_agenda(council_plan):
    """The next planned meeting gets one plan item on its agenda, when meetings exist."""
    meeting = (
        Meeting.objects.filter(council=council_plan.council, status=Meeting.Status.PLANNED)
        .order_by("date")
        .first()
    )
    if meeting is None:
        return
    item = (
        council_plan.items.filter(origin_item__isnull=True, status=ItemStatus.PLANNED)
        .filter(planned_start__gte=meeting.date - datetime.timedelta(days=60))
        .order_by("planned_start")
        .first()
    )
    if item is not None:
        services.council_item_put_on_agenda(item=item, meeting=meeting)
