"""Demo professional growth: categories with their dates and attestations (P3.5), self-education
topics and reports (R2.7), courses (some teachers below the minimum) and working-programme
reviews (R6.1), one of them returned and still open.

Dates follow today's academic year: a few teachers are due for attestation this year (two
already in progress, one of them with the council's characteristic written), a few next
year, one is overdue; one earlier application was refused.
"""

import datetime

from development import services
from development.models import DevelopmentSettings, ProgrammeReview, SelfEducation
from school.selectors import today

# Academic years from now until the next attestation: 0 = this year, -1 = overdue.
DUE_IN = {
    "Кадырова": 0,
    "Исмаилова": 0,
    "Турдубаев": 0,
    "Абдуллаева": -1,
    "Ташиев": 1,
    "Бектурганова": 1,
    "Карабаева": 1,
    "Токторова": 1,
}
# In progress now: (surname, category applied for, days since it started, days to the commission)
IN_PROGRESS = [("Кадырова", "highest", 20, 35), ("Исмаилова", "highest", 30, 20)]
CHARACTERISTIC = {
    "Исмаилова": (
        "Исмаилова Назгүл Абдывалиевна мектепте 19 жылдан бери химия мугалими болуп иштейт. "
        "Сабактарын заманбап педагогикалык технологияларды колдонуп, лабораториялык "
        "тажрыйбалар менен өтөт; окуучулардын өз алдынча изилдөө ишин уюштурат.\n\n"
        "Анын окуучулары шаардык жана облустук химия олимпиадаларында байге ээлеген. "
        "Табигый-математикалык илимдер боюнча МБда ачык сабактарды өткөрүп, жаш "
        "адистерге насаатчы болот.\n\n"
        "Методикалык кеңеш Исмаилова Н. А. жогорку категорияга татыктуу деп эсептейт."
    ),
}
REFUSED = ("Мырзакматов", "highest", 1)  # applied for the highest category a year ago

TOPICS = {
    "Математика": "Математика сабагында функционалдык сабаттуулукту калыптандыруу",
    "Физика": "Физикада долбоордук ыкманы колдонуу",
    "Информатика": "Программалоону окутууда санарип ресурстар",
    "Химия": "Химиялык тажрыйбалар аркылуу изилдөөчүлүк көндүмдөрдү өнүктүрүү",
    "Биология": "Биология сабагында экологиялык тарбия",
    "География": "Географияда интерактивдүү карталар менен иштөө",
    "Кыргыз тили": "Кыргыз тили сабагында сынчыл ой жүгүртүүнү өнүктүрүү",
    "Орус тили": "Кыргыз мектебинде орус тилин коммуникативдик ыкма менен окутуу",
    "Англис тили": "Англис тилин окутууда CLIL ыкмасы",
    "Немис тили": "Немис тили сабагында оюн технологиялары",
    "Башталгыч класс": "Башталгыч класстарда окуу сабаттуулугун калыптандыруу",
    "Кыргыз адабияты": "Адабият сабагында сынчыл ой жүгүртүүнү өнүктүрүү",
    "Орус адабияты": "Орус адабиятын окутууда интерактивдүү ыкмалар",
    "Адам жана коом": "Окуучулардын жарандык компетенциясын калыптандыруу",
    "Тарых": "Тарых сабагында булактар менен иштөө",
    "Дене тарбия": "Дене тарбия сабагында саламаттыкты сактоочу технологиялар",
    "Музыка": "Музыка сабагында улуттук аспаптар менен таанышуу",
    "Сүрөт": "Сүрөт сабагында элдик колдонмо өнөр",
    "Технология": "Технология сабагында долбоордук иш",
}
PREVIOUS_TOPIC = "Окуучулардын өз алдынча ишин уюштуруунун натыйжалуу ыкмалары"
REPORT = (
    "Тема боюнча адабияттар окулуп, ыкмалар сабактарда колдонулду; МБнын отурумунда "
    "баяндама жасалып, ачык сабак өткөрүлдү. Окуучулардын жетишүүсүндө оң өзгөрүү байкалды."
)

PROVIDERS = [
    "Кыргыз билим берүү академиясы",
    "Жалал-Абад облустук мугалимдердин квалификациясын жогорулатуу институту",
    "Педагогикалык кызматкерлерди кайра даярдоо республикалык институту",
]
COURSE_TITLES = [
    "Окутуунун заманбап технологиялары жана окуучулардын компетенцияларын баалоо",
    "Предметтик стандарттар боюнча квалификацияны жогорулатуу",
    "Санарип сабаттуулук жана онлайн окутуу куралдары",
]
# Below the school's minimum: a short course only, or the last one too long ago.
SHORT_ONLY = {"Абдуллаева", "Эшматов", "Жумабаев", "Сагынбаева"}
OLD_COURSE_ONLY = {"Арстанбекова"}

# Working programmes: (surname, grade). Returned and still open; returned then approved.
RETURNED_OPEN = ("Сыдыкова", 6)
RETURNED_THEN_APPROVED = ("Ташиев", 8)
OPEN_REMARKS = (
    "Календардык-тематикалык пландагы сааттардын саны окуу планына дал келбейт; "
    "текшерүү иштеринин графигин толуктоо керек."
)


def _date(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


def seed_development(demo) -> None:
    DevelopmentSettings.for_school(demo.school)
    day = today()
    start = demo.current_year.start_date.year
    index = {row: i for i, row in enumerate(demo.staff)}
    _attestations(demo, day, start, index)
    _self_education(demo)
    _courses(demo, start, index)
    _reviews(demo, day)


def _years_at_school(staff, start: int) -> int:
    return start - staff.started_on.year


def _attestations(demo, day, start, index) -> None:
    for surname, staff in demo.staff.items():
        if staff.category == "none":
            continue
        years = _years_at_school(staff, start)
        due_in = DUE_IN.get(surname, 2 + index[surname] % 3)
        due_in = max(due_in, 5 - years)
        given_on = _date(start - 4 + due_in, 3, 25)
        services.attestation_create(
            staff=staff,
            starts_on=given_on - datetime.timedelta(days=45),
            ends_on=given_on,
            category=staff.category,
            decision="confirmed" if staff.category == "highest" else "awarded",
        )
    surname, category, years_ago = REFUSED
    refused_on = _date(start - years_ago + 1, 2, 20)
    if refused_on < day:
        services.attestation_create(
            staff=demo.staff[surname],
            starts_on=refused_on - datetime.timedelta(days=40),
            ends_on=refused_on,
            category=category,
            decision="refused",
            decision_note="Ачык сабактын деңгээли жогорку категориянын талаптарына жетпейт.",
        )
    for surname, category, since, until in IN_PROGRESS:
        attestation = services.attestation_create(
            staff=demo.staff[surname],
            starts_on=day - datetime.timedelta(days=since),
            ends_on=day + datetime.timedelta(days=until),
            category=category,
        )
        if surname in CHARACTERISTIC:
            services.characteristic_save(
                attestation=attestation,
                text=CHARACTERISTIC[surname],
                by=demo.staff["Өмүрбекова"],
            )


def _teachers(demo):
    """People who teach a subject, except the director and her deputies."""
    for surname, staff in demo.staff.items():
        subjects = list(staff.subjects.all())
        if subjects and "директор" not in staff.position.lower():
            yield surname, staff, subjects


def _self_education(demo) -> None:
    for _surname, staff, subjects in _teachers(demo):
        topic = TOPICS.get(subjects[0].name, PREVIOUS_TOPIC)
        if staff.started_on <= demo.previous_year.start_date:
            items = services.report_items_for(staff, demo.previous_year)
            own = [i for i in items.prefetch_related("responsible") if staff in i.responsible.all()]
            services.self_education_save(
                staff=staff,
                academic_year=demo.previous_year,
                topic=topic,  # a topic usually runs over several years
                report=REPORT,
                report_item=own[0] if own else None,
            )
        services.self_education_save(staff=staff, academic_year=demo.current_year, topic=topic)
    # The current year's reports come at the year's end; the head has given his already.
    head = demo.staff["Жээнбеков"]
    items = services.report_items_for(head, demo.current_year)
    own = [i for i in items.prefetch_related("responsible") if head in i.responsible.all()]
    record = SelfEducation.objects.get(staff=head, academic_year=demo.current_year)
    services.self_education_save(
        staff=head,
        academic_year=demo.current_year,
        topic=record.topic,
        report=REPORT,
        report_item=own[0] if own else None,
    )


def _courses(demo, start, index) -> None:
    # Everyone attested takes courses: teachers, the administration, the school's specialists.
    for surname, staff in demo.staff.items():
        if staff.category == "none" and not staff.subjects.exists():
            continue
        years = _years_at_school(staff, start)
        i = index[surname]
        provider = PROVIDERS[i % len(PROVIDERS)]
        if surname in OLD_COURSE_ONLY:
            plan = [(6, 72)]
        elif surname in SHORT_ONLY:
            plan = [(1 + i % 3, 36)]
        elif years <= 2:
            plan = [(0, 18)]  # the young teachers' school, this summer
        else:
            plan = [(1 + i % 4, 72), (0, 24)] if i % 2 else [(2 + i % 3, 72)]
        for n, (years_ago, hours) in enumerate(plan):
            years_ago = min(years_ago, max(years - 1, 0))
            ends_on = _date(start - years_ago, 6, 20 + n)
            services.course_create(
                staff=staff,
                title=COURSE_TITLES[(i + n) % len(COURSE_TITLES)]
                if hours >= 72
                else (
                    "Жаш мугалимдердин мектеби"
                    if hours == 18
                    else "Квалификацияны жогорулатуу семинары"
                ),
                provider=provider,
                starts_on=ends_on - datetime.timedelta(days=max(hours // 6, 2)),
                ends_on=ends_on,
                hours=hours,
            )


def _reviews(demo, day) -> None:
    year = demo.current_year
    deputy, head = demo.staff["Өмүрбекова"], demo.staff["Жээнбеков"]
    science = set(head.headed_associations.first().teachers.values_list("pk", flat=True))
    first_day = min(year.start_date + datetime.timedelta(days=12), day)
    for n, (surname, staff, subjects) in enumerate(_teachers(demo)):
        reviewer = head if staff.pk in science and staff != head else deputy
        if reviewer == staff:
            reviewer = demo.staff["Токтосунова"]
        subject = subjects[0]
        grade = 3 if subject.name == "Башталгыч класс" else 5 + n % 7
        returned = None
        for special, remarks in ((RETURNED_OPEN, OPEN_REMARKS), (RETURNED_THEN_APPROVED, None)):
            if surname == special[0]:
                grade = special[1]
                returned = remarks or "Баалоо критерийлерин программага кошуу керек."
        if returned is None:
            services.review_create(
                teacher=staff,
                subject=subject,
                grade=grade,
                reviewer=reviewer,
                reviewed_on=first_day,
                result=ProgrammeReview.Result.APPROVED,
            )
            continue
        review = services.review_create(
            teacher=staff,
            subject=subject,
            grade=grade,
            reviewer=reviewer,
            reviewed_on=first_day,
            result=ProgrammeReview.Result.RETURNED,
            remarks=returned,
        )
        if surname == RETURNED_THEN_APPROVED[0]:
            services.review_create(
                teacher=staff,
                subject=subject,
                grade=grade,
                reviewer=reviewer,
                reviewed_on=min(first_day + datetime.timedelta(days=10), day),
                result=ProgrammeReview.Result.APPROVED,
                follows=review,
            )
