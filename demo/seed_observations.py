"""Demo lesson visits: about 200 over the two years, by several observers, in every state.

Scores follow each teacher's level with a plausible trend: young specialists improve over
the two years, experienced teachers stay high. The lesson-analysis card gets a second
version in the current year (one criterion added), so older visits keep the first version.
"""

import datetime
import random

from django.utils import translation

from observations import selectors as observation_selectors
from observations import services as observation_services
from observations.models import (
    Observation,
    ObservationNote,
    Purpose,
    Score,
    YoungSpecialistConclusion,
)
from school.selectors import today

OPEN_LESSON_SET = (
    "Ачык сабактын экспертизасы",
    (0, 2),
    [
        "Сабактын максаты жана күтүлүүчү натыйжалар так",
        "Заманбап педагогикалык технологиялар колдонулган",
        "Окуучулардын өз алдынча иши уюштурулган",
        "Тажрыйбаны жайылтууга татыктуу ыкмалар бар",
        "Убакыт үнөмдүү пайдаланылган",
        "Сабактын жыйынтыгы чыгарылган, рефлексия өткөрүлгөн",
    ],
)
ADDED_CRITERION = "Саламаттыкты сактоочу технологиялар"

TOPICS = {
    "Математика": [
        "Бөлчөктөрдү кошуу жана кемитүү",
        "Сызыктуу теңдемелер",
        "Квадраттык функция жана анын графиги",
        "Пифагордун теоремасы",
        "Тригонометриялык функциялар",
        "Пайыздар менен маселелер",
        "Логарифмдер жана алардын касиеттери",
    ],
    "Физика": [
        "Ньютондун экинчи закону",
        "Электр тогу жана чыңалуу",
        "Жарыктын сынышы",
        "Механикалык энергия",
    ],
    "Информатика": [
        "Алгоритм жана анын касиеттери",
        "Python тилинде циклдер",
        "Электрондук таблицалар: формулалар",
        "Компьютердик тармактар",
    ],
    "Химия": [
        "Химиялык реакциялардын түрлөрү",
        "Кислоталар жана негиздер",
        "Менделеевдин мезгилдик системасы",
        "Органикалык заттар",
    ],
    "Биология": [
        "Клетканын түзүлүшү",
        "Фотосинтез",
        "Адамдын кан айлануу системасы",
        "Тукум куучулуктун мыйзамдары",
    ],
    "География": [
        "Кыргызстандын суу ресурстары",
        "Дүйнөнүн калкы",
        "Климаттык алкактар",
        "Кыргызстандын тоолору",
    ],
    "Кыргыз тили": [
        "Зат атооч жана анын грамматикалык белгилери",
        "Этиштин чактары",
        "Татаал сүйлөм",
        "Тыныш белгилери",
        "Сын атоочтун даражалары",
    ],
    "Кыргыз адабияты": [
        "Ч. Айтматов «Жамийла»",
        "«Манас» эпосу: Чоң казат",
        "Т. Сыдыкбековдун чыгармачылыгы",
        "А. Осмоновдун лирикасы",
    ],
    "Орус тили": [
        "Имя существительное: склонение",
        "Причастный оборот",
        "Сложноподчинённое предложение",
        "Правописание приставок",
    ],
    "Орус адабияты": [
        "А. С. Пушкин «Капитанская дочка»",
        "Лирика М. Ю. Лермонтова",
        "Л. Н. Толстой «Кавказский пленник»",
    ],
    "Англис тили": [
        "Present Perfect Tense",
        "My family: speaking practice",
        "Reading: Kyrgyzstan's nature",
        "Modal verbs",
    ],
    "Немис тили": ["Meine Schule", "Das Perfekt", "Die Jahreszeiten"],
    "Башталгыч класс": [
        "Эки орундуу сандарды кошуу",
        "Тамгалар жана тыбыштар",
        "Көбөйтүү таблицасы",
        "Жаратылыш таануу: жыл мезгилдери",
        "Окуу: Ала-Тоо жөнүндө аңгеме",
    ],
    "Тарых": [
        "Кыргыз кагандыгы",
        "Кокон хандыгы доорундагы кыргыздар",
        "Экинчи дүйнөлүк согуш жана кыргыз эли",
        "Байыркы Египет",
    ],
    "Адам жана коом": ["Адам укуктары", "Мамлекет жана жаран"],
    "Дене тарбия": ["Волейбол: топту кабыл алуу", "Жеңил атлетика: узундукка секирүү"],
    "Музыка": ["Комуз күүлөрү", "Элдик ырлар"],
    "Сүрөт": ["Натюрморт", "Кыргыз оймо-чиймелери"],
    "Технология": ["Жыгач буюмдарды жасоо", "Кийиз басуу салты"],
}

STRENGTHS = [
    "Сабактын максаты так коюлуп, окуучуларга түшүндүрүлдү.",
    "Окуучулар топтордо активдүү иштешти, өз ара баалоо уюштурулду.",
    "Көрсөтмө куралдар жана слайддар орундуу колдонулду.",
    "Мугалим окуучулардын суроолоруна сабырдуулук менен жооп берди.",
    "Жаңы теманы турмуш менен байланыштырып түшүндүрдү.",
    "Класста жылуу, ишенимдүү маанай түзүлгөн.",
]
SHORTCOMINGS = [
    "Убакыт туура бөлүштүрүлгөн жок, бекемдөөгө убакыт жетпей калды.",
    "Күчтүү жана начар окуучулар үчүн ар түрдүү тапшырмалар берилген жок.",
    "Кайтарым байланыш аз болду, окуучулардын түшүнгөнү текшерилген жок.",
    "Үй тапшырмасы шашылыш берилди.",
    "Окуучулардын бир бөлүгү сабакка катышпай отурду.",
    "Сабактын жыйынтыгы чыгарылган жок.",
]
RECOMMENDATIONS = [
    "Дифференциалдык тапшырмаларды колдонуу.",
    "Сабактын ар бир этабына убакытты алдын ала пландаштыруу.",
    "Калыптандыруучу баалоонун ыкмаларын көбүрөөк колдонуу.",
    "Тажрыйбалуу мугалимдердин сабактарына катышуу.",
    "Рефлексияга 3–5 мүнөт калтыруу.",
    "МКТны жана интерактивдүү ыкмаларды кеңири колдонуу.",
    "Окуучулардын өз алдынча ишин уюштуруу.",
]
CONCLUSIONS = {
    "high": [
        "Сабак жогорку деңгээлде өттү. Тажрыйбаны МБнын отурумунда жайылтуу сунушталат.",
        "Сабактын максатына толук жетишилди. Мугалимдин иш тажрыйбасы үлгү боло алат.",
    ],
    "mid": [
        "Сабак жакшы деңгээлде өттү, айрым кемчиликтерди жоюу сунушталат.",
        "Сабактын максатына негизинен жетишилди.",
    ],
    "low": [
        "Сабактын максатына жарым-жартылай жетишилди. Кайра катышуу пландалат.",
        "Методикалык жардам керек; МБнын жетекчиси менен бирге иштөө сунушталат.",
    ],
}
RESPONSES = [
    "Сунуштар менен макулмун, кийинки сабактарда эске алам.",
    "Рахмат, дифференциалдык тапшырмаларды даярдап жатам.",
    "Убакытты бөлүштүрүү боюнча сунушту эске алдым.",
]
NOTES = [
    "Кайра катышууда сунуштардын аткарылганы байкалды.",
    "Мугалим МБнын отурумунда иш тажрыйбасы менен бөлүштү.",
    "Сунуш кылынган семинарга катышты.",
]

LEVEL = {"highest": 0.82, "first": 0.68, "second": 0.58, "none": 0.45}
# Surnames of the observers, and whom each mostly visits (None: anybody).
OBSERVERS = [
    ("Өмүрбекова", None, 40),
    ("Абдыкеримов", None, 22),
    ("Токтосунова", None, 16),
    ("Жээнбеков", "Табигый-математикалык илимдер боюнча МБ", 26),
    ("Бектурганова", "Кыргыз тили жана адабияты боюнча МБ", 14),
    ("Иванова", "Орус тили жана адабияты боюнча МБ", 8),
    ("Карабаева", "Чет тилдер боюнча МБ", 10),
    ("Сулайманова", "Башталгыч класстардын мугалимдеринин МБ", 14),
    ("Маматов", "Коомдук илимдер жана эстетикалык тарбия боюнча МБ", 14),
    ("Мамытова", "Кыргыз тили жана адабияты боюнча МБ", 8),
    ("Сыдыкова", "Табигый-математикалык илимдер боюнча МБ", 4),
]
YOUNG_TEACHER = "Сыдыкова"


def _grade_for(subject_name, rng):
    if subject_name == "Башталгыч класс":
        return rng.randint(1, 4)
    if subject_name in ("Физика", "Химия"):
        return rng.randint(7, 11)
    return rng.randint(5, 11)


def _school_days(start, end, rng, count):
    days = []
    span = (end - start).days
    if span < 0:
        return days
    while len(days) < count:
        day = start + datetime.timedelta(days=rng.randint(0, span))
        if day.weekday() < 5:  # lessons on weekdays
            days.append(day)
        elif span < 3:
            days.append(day)
    return sorted(days)


class _Builder:
    def __init__(self, demo, rng):
        self.demo = demo
        self.rng = rng
        self.day = today()
        self.observations = []
        self.scores = {}  # index -> list of (criterion, value)
        self.criterion_offsets = {}
        staff = demo.staff
        self.teachers = [s for s in staff.values() if s.subjects.exists()]
        self.subjects_of = {s.pk: list(s.subjects.all()) for s in self.teachers}
        self.by_association = {}
        for association in demo.school.associations.prefetch_related("teachers"):
            self.by_association[association.name] = [
                t for t in association.teachers.all() if t.pk in self.subjects_of
            ]

    def share(self, teacher, criterion, day):
        young = teacher.is_young_specialist(on=day)
        level = LEVEL.get(teacher.category, 0.6)
        # Progress over the two years: steeper for young specialists.
        elapsed = (day - self.demo.previous_year.start_date).days / 640
        level += (0.3 if young else 0.06) * elapsed
        offset = self.criterion_offsets.setdefault(
            (teacher.pk, criterion.text), self.rng.uniform(-0.12, 0.12)
        )
        return max(0.0, min(1.0, level + offset + self.rng.uniform(-0.1, 0.1)))

    def add(self, *, observer, teacher, day, criteria_set, purpose, status):
        rng = self.rng
        subject = rng.choice(self.subjects_of[teacher.pk])
        criteria = list(criteria_set.criteria.order_by("order"))
        values = []
        for criterion in criteria:
            share = self.share(teacher, criterion, day)
            span = criteria_set.scale_max - criteria_set.scale_min
            values.append((criterion, criteria_set.scale_min + round(share * span)))
        draft = status == Observation.Status.DRAFT
        if draft and rng.random() < 0.5:
            values = values[: rng.randint(2, len(values) - 1)]  # a draft left half-scored
        average = sum((v - criteria_set.scale_min) for _c, v in values) / max(1, len(values))
        average /= criteria_set.scale_max - criteria_set.scale_min
        band = "high" if average >= 0.75 else "mid" if average >= 0.5 else "low"
        submitted_on = None
        acknowledged_on = None
        if not draft:
            submitted_on = min(self.day, day + datetime.timedelta(days=rng.randint(0, 2)))
        if status == Observation.Status.ACKNOWLEDGED:
            acknowledged_on = min(
                self.day, submitted_on + datetime.timedelta(days=rng.randint(0, 5))
            )
        follow_up = day + datetime.timedelta(days=30) if band == "low" else None
        topic = rng.choice(TOPICS.get(subject.name, ["Кайталоо сабагы"]))
        self.observations.append(
            Observation(
                school=self.demo.school,
                observer=observer,
                teacher=teacher,
                date=day,
                lesson_number=rng.randint(1, 7),
                grade=_grade_for(subject.name, rng),
                class_letter=rng.choice("АБВГ"),
                subject=subject,
                topic=topic,
                lesson_type=rng.choice(
                    [
                        "new_material",
                        "combined",
                        "combined",
                        "consolidation",
                        "skills",
                        "generalisation",
                        "control",
                        "non_traditional",
                    ]
                ),
                purpose=purpose,
                criteria_set=criteria_set,
                strengths=" ".join(rng.sample(STRENGTHS, 2)),
                shortcomings="" if band == "high" else rng.choice(SHORTCOMINGS),
                recommendations=" ".join(rng.sample(RECOMMENDATIONS, 1 if band == "high" else 2)),
                conclusion="" if draft and rng.random() < 0.5 else rng.choice(CONCLUSIONS[band]),
                follow_up_on=follow_up,
                status=status,
                submitted_on=submitted_on,
                acknowledged_on=acknowledged_on,
                teacher_response=rng.choice(RESPONSES)
                if acknowledged_on and rng.random() < 0.3
                else "",
            )
        )
        self.scores[len(self.observations) - 1] = (criteria_set, values)

    def save(self):
        created = Observation.objects.bulk_create(self.observations)
        Score.objects.bulk_create(
            Score(
                observation=created[i],
                criterion=criterion,
                value=value,
                scale_min=criteria_set.scale_min,
                scale_max=criteria_set.scale_max,
            )
            for i, (criteria_set, values) in self.scores.items()
            for criterion, value in values
        )
        return created


def _purpose_for(observer_surname, teacher, day, rng):
    if teacher.is_young_specialist(on=day) and rng.random() < 0.6:
        return Purpose.YOUNG_SPECIALIST
    if observer_surname == YOUNG_TEACHER or (observer_surname == "Мамытова" and rng.random() < 0.6):
        return Purpose.MUTUAL
    if observer_surname in ("Өмүрбекова", "Абдыкеримов", "Токтосунова"):
        return rng.choice(
            [Purpose.CONTROL, Purpose.CONTROL, Purpose.ATTESTATION, Purpose.OPEN_LESSON]
        )
    return rng.choice([Purpose.METHODICAL_HELP, Purpose.METHODICAL_HELP, Purpose.OPEN_LESSON])


def _status_for(day, current_day, rng, *, previous_year):
    age = (current_day - day).days
    roll = rng.random()
    if previous_year:
        if roll < 0.03:
            return Observation.Status.DRAFT
        if roll < 0.07:
            return Observation.Status.SUBMITTED
        return Observation.Status.ACKNOWLEDGED
    if age <= 10:
        return Observation.Status.DRAFT if roll < 0.35 else Observation.Status.SUBMITTED
    if roll < 0.08:
        return Observation.Status.DRAFT
    if roll < 0.25:
        return Observation.Status.SUBMITTED
    return Observation.Status.ACKNOWLEDGED


def seed_observations(demo) -> list[Observation]:
    rng = random.Random(8)
    school = demo.school
    card = observation_services.criteria_set_default_for(school)
    open_set = observation_services.criteria_set_create(
        school=school,
        name=OPEN_LESSON_SET[0],
        scale_min=OPEN_LESSON_SET[1][0],
        scale_max=OPEN_LESSON_SET[1][1],
        criteria=OPEN_LESSON_SET[2],
    )
    builder = _Builder(demo, rng)
    _year_visits(builder, demo.previous_year, card, open_set, previous_year=True)
    created = builder.save()
    # For the new year the deputy added a criterion: the card, already used, gets version 2
    # and last year's visits keep version 1.
    texts = list(card.criteria.order_by("order").values_list("text", flat=True))
    new_card = observation_services.criteria_set_update(
        criteria_set=card,
        name=card.name,
        scale_min=card.scale_min,
        scale_max=card.scale_max,
        criteria=texts + [ADDED_CRITERION],
        is_default=True,
    )
    builder.observations, builder.scores = [], {}
    _year_visits(builder, demo.current_year, new_card, open_set, previous_year=False)
    created += builder.save()
    _notes(created, rng)
    with translation.override("ky"):
        _conclusion(demo, demo.staff[YOUNG_TEACHER])
    return created


def _year_visits(builder, year, card, open_set, *, previous_year):
    rng, staff = builder.rng, builder.demo.staff
    last_day = min(year.end_date, builder.day)
    share = 0.6 if previous_year else 0.5
    for surname, association, total in OBSERVERS:
        observer = staff[surname]
        pool = builder.by_association.get(association) if association else builder.teachers
        pool = [t for t in pool if t.pk != observer.pk]
        for day in _school_days(year.start_date, last_day, rng, max(1, round(total * share))):
            teacher = rng.choice(pool)
            if teacher.started_on > day:
                continue
            purpose = _purpose_for(surname, teacher, day, rng)
            builder.add(
                observer=observer,
                teacher=teacher,
                day=day,
                criteria_set=open_set if purpose == Purpose.OPEN_LESSON else card,
                purpose=purpose,
                status=_status_for(day, builder.day, rng, previous_year=previous_year),
            )
    _young_teacher_visits(builder, year, last_day, card, previous_year=previous_year)


def _young_teacher_visits(builder, year, last_day, criteria_set, *, previous_year):
    """The demo `teacher` (a young specialist) is visited often; some visits await her."""
    staff = builder.demo.staff
    teacher = staff[YOUNG_TEACHER]
    observers = [staff["Өмүрбекова"], staff["Жээнбеков"], staff["Калыков"], staff["Абдыкеримов"]]
    days = _school_days(year.start_date, last_day, builder.rng, 6 if previous_year else 5)
    for n, day in enumerate(days):
        if previous_year:
            status = Observation.Status.ACKNOWLEDGED
        elif n >= len(days) - 2:
            status = Observation.Status.SUBMITTED  # awaiting her acknowledgement
        elif n == len(days) - 3:
            status = Observation.Status.DRAFT  # the deputy's draft: she does not see it
        else:
            status = Observation.Status.ACKNOWLEDGED
        observer = observers[n % len(observers)]
        if status == Observation.Status.DRAFT:
            observer = staff["Өмүрбекова"]
        builder.add(
            observer=observer,
            teacher=teacher,
            day=day,
            criteria_set=criteria_set,
            purpose=Purpose.YOUNG_SPECIALIST if n % 2 == 0 else Purpose.METHODICAL_HELP,
            status=status,
        )


def _notes(created, rng):
    acknowledged = [o for o in created if o.status == Observation.Status.ACKNOWLEDGED]
    chosen = rng.sample(acknowledged, min(12, len(acknowledged)))
    ObservationNote.objects.bulk_create(
        ObservationNote(
            observation=o,
            author=o.observer,
            written_on=min(today(), o.acknowledged_on + datetime.timedelta(days=20)),
            text=rng.choice(NOTES),
        )
        for o in chosen
    )


def _conclusion(demo, teacher):
    """R2.18: last year's conclusion on the young teacher is written; this year's is not."""
    year = demo.previous_year
    if not observation_selectors.is_young_in_year(teacher, year):
        return
    summary = observation_selectors.young_specialist_year(teacher, year)
    text = observation_selectors.young_conclusion_draft(summary)
    text += (
        "Жаш адистин иши канааттандырарлык деп табылсын. Окутуунун интерактивдүү ыкмаларын "
        "өздөштүрүүнү улантуу, тажрыйбалуу насаатчынын сабактарына катышуу сунушталат."
    )
    YoungSpecialistConclusion.objects.create(
        school=demo.school,
        staff=teacher,
        academic_year=year,
        text=text,
        written_by=demo.staff["Өмүрбекова"],
    )
