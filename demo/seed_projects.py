"""The demo school's events, creative and project groups and research projects
(R2.6, R2.8, R2.9, R2.11, R2.12, R2.17, P3.1, P3.4).

Events come from the council's plans of both years (seminars, conferences, pedagogical
readings, master classes), held when their day has passed, with an exhibition of their
own; groups and projects run over the two years; the group and the project in progress
are on the agenda of the next meeting.
"""

import datetime

from meetings.models import Meeting
from plans.models import CouncilPlanItem, ItemStatus
from projects import services
from projects.models import Event, Project, Stage
from school.selectors import today

KINDS = {"seminar": "seminar", "conference": "conference", "master_class": "master_class"}
# Who takes part in the council's events besides the organisers.
PARTICIPANTS = [
    "Сыдыкова",
    "Эркинбаев",
    "Курманалиева",
    "Шерматова",
    "Абдрахманов",
    "Нурматова",
    "Бообекова",
    "Калыков",
    "Дөөлөтова",
]
RESULTS = {
    "seminar": "Катышуучулар сабактын технологиялык картасын түзүүнү практикада иштеп чыгышты; "
    "материалдар методикалык кабинетте сакталат.",
    "conference": "Баяндамалар угулуп, мыкты тажрыйбалар тажрыйба банкына киргизүүгө "
    "сунушталды; баяндамалардын жыйнагы түзүлдү.",
    "readings": "Мугалимдер өз тажрыйбасы боюнча 9 баяндама жасашты; үч тажрыйба "
    "жалпылоого сунушталды.",
    "master_class": "Ар бир катышуучу ыкманы өз сабагында колдонуу боюнча план түздү.",
    "exhibition": "Көргөзмөгө 23 методикалык иштелме коюлду; мыкты үчөө шаардык "
    "көргөзмөгө жөнөтүлдү.",
}


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


def seed_projects(demo) -> None:
    deputy = demo.staff["Өмүрбекова"].user
    _seed_events(demo, deputy)
    groups = _seed_groups(demo)
    projects = _seed_projects(demo, groups)
    meeting = (
        Meeting.objects.filter(council=demo.councils["current"], status=Meeting.Status.PLANNED)
        .order_by("date")
        .first()
    )
    if meeting is not None:
        current_group = groups["functional"]
        services.put_on_agenda(
            meeting=meeting,
            title=f"«{current_group.name}» чыгармачыл тобунун жарым жылдык иши тууралуу отчет",
            user=deputy,
            group=current_group,
        )
        project = projects["pisa"]
        services.put_on_agenda(
            meeting=meeting,
            title=f"«{project.title}» изилдөө долбоорунун биринчи этабынын жыйынтыктары",
            user=deputy,
            project=project,
        )


def _seed_events(demo, deputy) -> None:
    staff = demo.staff
    for key in ("previous", "current"):
        items = (
            CouncilPlanItem.objects.filter(plan__council=demo.councils[key], form__in=list(KINDS))
            .exclude(status=ItemStatus.CANCELLED)
            .prefetch_related("responsible")
            .order_by("planned_start", "pk")
        )
        for n, item in enumerate(items):
            start = item.moved_to or item.planned_start
            day = _weekday(min(start + datetime.timedelta(days=9), item.planned_end))
            if day < start:
                day = start
            kind = KINDS[item.form]
            if "окуулар" in item.activity.lower():
                kind = "readings"
            held = day <= today() and (item.status == ItemStatus.DONE or day < today())
            organisers = list(item.responsible.all()) or [staff["Өмүрбекова"]]
            participants = [staff[s] for s in PARTICIPANTS[n % 3 :: 2]]
            services.event_create(
                school=demo.school,
                user=deputy,
                title=item.activity,
                kind=kind,
                starts_on=day,
                ends_on=day,
                place="Мектептин акт залы"
                if kind in ("conference", "readings")
                else "Методикалык кабинет",
                description=item.expected_result,
                organisers=organisers,
                participants=participants,
                guest_participants="Жалал-Абад шаарынын №3 жана №12 мектептеринин мугалимдери"
                if kind == "conference"
                else "",
                council_plan_items=[item],
                status=Event.Status.HELD if held else Event.Status.PLANNED,
                results=RESULTS[kind] if held else "",
            )
    exhibition_day = _weekday(demo.previous_year.end_date.replace(month=4, day=18))
    services.event_create(
        school=demo.school,
        user=deputy,
        title="Мугалимдердин методикалык иштелмелеринин көргөзмөсү",
        kind="exhibition",
        starts_on=exhibition_day,
        ends_on=exhibition_day + datetime.timedelta(days=4),
        place="Мектептин китепканасы",
        description="Дидактикалык материалдар, сабактын иштелмелери жана көрсөтмө куралдар.",
        organisers=[staff["Аманова"], staff["Мамытова"]],
        participants=[staff[s] for s in ("Тилекова", "Эшматов", "Сулайманова", "Карабаева")],
        status=Event.Status.HELD,
        results=RESULTS["exhibition"],
    )


def _seed_groups(demo) -> dict:
    staff = demo.staff
    previous, current = demo.previous_year, demo.current_year
    groups = {}
    groups["young"] = services.group_create(
        school=demo.school,
        kind="creative",
        name="«Жаш мугалим» чыгармачыл тобу",
        goal="Жаш адистердин сабак пландоо жана класстык башкаруу көндүмдөрүн өнүктүрүү; "
        "насаатчылар менен биргелешкен ачык сабактар.",
        leader=staff["Жээнбеков"],
        members=[staff[s] for s in ("Эркинбаев", "Курманалиева", "Абдрахманов", "Шерматова")],
        starts_on=previous.start_date + datetime.timedelta(days=14),
        ends_on=previous.end_date,
        results="Жаш адистер 12 ачык сабак өткөрүштү; «Бөлчөктөрдү оюн аркылуу үйрөтүү» "
        "тажрыйбасы тажрыйба банкына киргизилди.",
    )
    groups["functional"] = services.group_create(
        school=demo.school,
        kind="creative",
        name="Функционалдык сабаттуулук боюнча чыгармачыл топ",
        goal="PISA форматындагы тапшырмалардын мектептик банкын түзүү жана окуучулардын "
        "окуу, математикалык жана табигый-илимий сабаттуулугун баалоо.",
        leader=staff["Маматов"],
        members=[staff[s] for s in ("Карабаева", "Сатыбалдиева", "Калыков", "Турдубаев")],
        starts_on=current.start_date + datetime.timedelta(days=10),
        ends_on=current.end_date,
    )
    groups["digital"] = services.group_create(
        school=demo.school,
        kind="project",
        name="Санариптик билим берүү чөйрөсү долбоордук тобу",
        goal="Мектептин электрондук ресурстарын бир платформага чогултуу жана мугалимдерди "
        "санариптик куралдарга үйрөтүү.",
        leader=staff["Ташиев"],
        members=[staff[s] for s in ("Султанов", "Калыков", "Мырзакматов")],
        starts_on=previous.start_date.replace(month=1, year=previous.end_date.year),
        ends_on=current.end_date,
    )
    return groups


def _stage(project, position_title, start, end, status, outcome=""):
    return services.stage_add(
        project=project,
        title=position_title,
        starts_on=start,
        ends_on=end,
        status=status,
        outcome=outcome,
    )


def _seed_projects(demo, groups) -> dict:
    staff = demo.staff
    previous, current = demo.previous_year, demo.current_year
    day = today()
    projects = {}

    chemistry = services.project_create(
        school=demo.school,
        title="Химияны окутууда долбоордук ыкманын натыйжалуулугу",
        problem="Долбоордук ыкма 8–9-класстардын окуучуларынын химия боюнча билим сапатына "
        "жана изилдөө көндүмдөрүнө кандай таасир этет?",
        leader=staff["Исмаилова"],
        participants=[staff["Турдубаев"], staff["Нурматова"]],
        starts_on=previous.start_date,
        ends_on=previous.end_date,
        status=Project.Status.ACTIVE,
    )
    s = previous.start_date
    _stage(
        chemistry,
        "Адабиятты талдоо жана баштапкы диагностика",
        s,
        s + datetime.timedelta(days=45),
        Stage.Status.DONE,
        "8-а жана 8-б класстарда баштапкы тест өткөрүлдү.",
    )
    _stage(
        chemistry,
        "«Суунун сапаты» долбоорун ишке ашыруу",
        s + datetime.timedelta(days=46),
        s + datetime.timedelta(days=200),
        Stage.Status.DONE,
        "Окуучулар 6 булактын суусун изилдешти.",
    )
    _stage(
        chemistry,
        "Жыйынтыктоочу диагностика жана талдоо",
        s + datetime.timedelta(days=201),
        previous.end_date,
        Stage.Status.DONE,
        "Билим сапаты эксперименттик класста 14 %га өстү.",
    )
    services.project_update(
        project=chemistry,
        title=chemistry.title,
        problem=chemistry.problem,
        leader=chemistry.leader,
        participants=[staff["Турдубаев"], staff["Нурматова"]],
        starts_on=chemistry.starts_on,
        ends_on=chemistry.ends_on,
        status=Project.Status.COMPLETED,
        results="Эксперименттик класста билим сапаты 14 %га, изилдөө көндүмдөрү боюнча "
        "көрсөткүч 20 %га өстү. Тажрыйба методикалык кеңештин чечими менен жалпыланды; "
        "окуучулардын иши облустук конференцияда биринчи орунду алды.",
    )
    projects["chemistry"] = chemistry

    start = current.start_date + datetime.timedelta(days=14)
    pisa = services.project_create(
        school=demo.school,
        title="PISA тибиндеги тапшырмалар аркылуу функционалдык сабаттуулукту өнүктүрүү",
        problem="Ар бир предметте жумасына бир PISA тибиндеги тапшырма окуучулардын "
        "функционалдык сабаттуулугун бир жылда канчалык жогорулатат?",
        leader=staff["Маматов"],
        participants=[staff[s] for s in ("Карабаева", "Сатыбалдиева", "Калыков", "Турдубаев")],
        group=groups["functional"],
        starts_on=start,
        ends_on=current.end_date,
        status=Project.Status.ACTIVE if start <= day else Project.Status.PLANNED,
    )
    first_end = start + datetime.timedelta(days=40)
    _stage(
        pisa,
        "Баштапкы диагностика: 7–9-класстарда текшерүү иши",
        start,
        first_end,
        Stage.Status.DONE
        if first_end < day
        else Stage.Status.ACTIVE
        if start <= day
        else Stage.Status.PLANNED,
        "7–9-класстардын 146 окуучусу катышты; окуу сабаттуулугу боюнча орточо упай 48 %."
        if first_end < day
        else "",
    )
    second_start = first_end + datetime.timedelta(days=1)
    second_end = current.end_date - datetime.timedelta(days=50)
    _stage(
        pisa,
        "Тапшырмалар банкын түзүү жана сабактарда колдонуу",
        second_start,
        second_end,
        Stage.Status.ACTIVE if second_start <= day else Stage.Status.PLANNED,
    )
    _stage(
        pisa,
        "Жыйынтыктоочу диагностика, отчет жана методикалык сунуштар",
        second_end + datetime.timedelta(days=1),
        current.end_date,
        Stage.Status.PLANNED,
    )
    projects["pisa"] = pisa

    library_start = current.start_date.replace(year=current.end_date.year, month=1, day=15)
    library = services.project_create(
        school=demo.school,
        title="Мектептин санариптик китепканасы",
        problem="Окуу китептеринин жана мугалимдердин иштелмелеринин электрондук каталогу "
        "мугалимдердин сабакка даярдануу убактысын кыскартабы?",
        leader=staff["Ташиев"],
        participants=[staff["Султанов"], staff["Аманова"]],
        group=groups["digital"],
        starts_on=library_start,
        ends_on=current.end_date,
        status=Project.Status.ACTIVE if library_start <= day else Project.Status.PLANNED,
    )
    _stage(
        library,
        "Ресурстарды тизмелөө жана каталогдун түзүлүшү",
        library_start,
        library_start + datetime.timedelta(days=45),
        Stage.Status.DONE
        if library_start + datetime.timedelta(days=45) < day
        else Stage.Status.PLANNED,
    )
    _stage(
        library,
        "Каталогду толтуруу жана мугалимдерди үйрөтүү",
        library_start + datetime.timedelta(days=46),
        current.end_date,
        Stage.Status.PLANNED,
    )
    projects["library"] = library
    return projects
