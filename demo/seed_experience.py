"""The demo school's experience bank, publications, manuscripts and award recommendations
(R2.13, R2.16, P2.2, P3.3, P3.8, P4.5, P4.6).

At the end of the previous year the council met once more (an extraordinary meeting) to
generalise experience, decide on two manuscripts and put two teachers forward for awards;
its decisions are the ones the bank, the manuscripts and the awards link to. Dates of the
past (submissions, reviews) are set to when they happened.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import engines
from django.utils import translation

from experience import services
from experience.models import Entry, Manuscript, Review
from meetings import selectors as meeting_selectors
from meetings import services as meeting_services
from meetings.models import Decision, Meeting
from school.documents import url_fetcher
from school.selectors import today

PLACE = "Мектептин методикалык кабинети"

EXTRAORDINARY_ITEM = (
    "Педагогикалык тажрыйбаны жалпылоо, кол жазмаларды басууга сунуштоо жана "
    "мугалимдерди сыйлоого көрсөтүү"
)
# (key, text, responsible surnames)
DECISIONS = [
    (
        "chemistry",
        "Исмаилова Н. А.нын «Химияны окутууда долбоордук ыкма» тажрыйбасы жалпыланып, "
        "педагогикалык тажрыйба банкына киргизилсин жана шаардык семинарда таратылсын.",
        ["Исмаилова"],
    ),
    (
        "booklet",
        "Мамытова Ч. С.нын «Изложение жазууга үйрөтүү: 5–9-класстар» методикалык "
        "колдонмосунун кол жазмасы басууга сунушталсын.",
        ["Мамытова"],
    ),
    (
        "returned",
        "Калыков М. Э.нын «Олимпиадалык маселелерди чыгаруунун ыкмалары» кол жазмасы "
        "рецензенттердин сын-пикирлерин эске алуу менен иштеп чыгууга авторго кайтарылсын.",
        ["Калыков"],
    ),
    (
        "awards",
        "Жээнбеков Б. Ү. Кыргыз Республикасынын Билим берүү жана илим министрлигинин Ардак "
        "грамотасына, Сулайманова Ж. О. Жалал-Абад шаардык билим берүү бөлүмүнүн Ардак "
        "грамотасына көрсөтүлсүн; мүнөздөмөлөр бекитилсин.",
        ["Өмүрбекова"],
    ),
]

# (title, authors, subject, grades, source, tags, description, recommended by)
ENTRIES = [
    (
        "Олимпиадага даярдоонун тажрыйбасы: химия жана биология",
        ["Исмаилова", "Турдубаев"],
        "Химия",
        "8-11",
        "conference",
        "олимпиада, таланттуу окуучулар",
        "Шаардык олимпиадада 5 байге алып келген даярдоо системасы: жумасына эки жолу "
        "кошумча сабак, маселелер топтому, мурунку жылдардын тапшырмаларын талдоо жана "
        "окуучулардын өз ара үйрөнүүсү.",
        "olympiad",
    ),
    (
        "Химияны окутууда долбоордук ыкма",
        ["Исмаилова"],
        "Химия",
        "8-9",
        "open_lesson",
        "долбоордук окутуу, изилдөө",
        "Окуучулар «Суунун сапаты» долбоорунда Жалал-Абаддын булактарынын суусун текшеришет; "
        "ар бир топ изилдөөнүн жыйынтыгын презентация кылат. Ачык сабактын планы жана "
        "баалоо критерийлери тиркелди.",
        "chemistry",
    ),
    (
        "Бөлчөктөрдү оюн аркылуу үйрөтүү",
        ["Сыдыкова", "Жээнбеков"],
        "Математика",
        "5-6",
        "open_lesson",
        "математика, оюн технологиясы, жаш адис",
        "Жаш адистин ачык сабагы: «Бөлчөктөр дүкөнү» оюну, жуп менен иштөө, сабактын "
        "аягында өз ара баалоо барагы.",
        None,
    ),
    (
        "Изложение жазууга үйрөтүүнүн этаптары",
        ["Мамытова"],
        "Кыргыз тили",
        "5-9",
        "publication",
        "кыргыз тили, жазуу көндүмү",
        "Тексттин планын түзүү, негизги ойду бөлүп алуу жана кыскартып баяндоо боюнча "
        "көнүгүүлөрдүн системасы; методикалык колдонмонун негизги бөлүмдөрү.",
        None,
    ),
    (
        "Англис тилинде сынчыл ой жүгүртүүнү өстүрүү",
        ["Карабаева"],
        "Англис тили",
        "7-9",
        "master_class",
        "сынчыл ой жүгүртүү, функционалдык сабаттуулук",
        "Мастер-класс: INSERT, кластер жана «Ойлон – жупта талкуула – бөлүш» ыкмалары; "
        "окуучулардын текст менен иштөө көндүмдөрү.",
        None,
    ),
    (
        "Башталгыч класста окуу ылдамдыгын жогорулатуу",
        ["Сулайманова", "Токторова"],
        "Башталгыч класс",
        "1-4",
        "master_class",
        "окуу сабаттуулугу, башталгыч класс",
        "Күн сайын 5 мүнөттүк «ызы-чуу окуу», окуу күндөлүгү жана ата-энелер менен бирге "
        "окуу; үч айдын ичинде окуу ылдамдыгы орто эсеп менен 18 сөзгө өстү.",
        None,
    ),
    (
        "Тарых сабагында булак менен иштөө",
        ["Маматов"],
        "Тарых",
        "9-11",
        "conference",
        "сынчыл ой жүгүртүү, тарыхый булактар",
        "Шаардык илимий-практикалык конференциядагы баяндама: «Манас» эпосунун үзүндүлөрү "
        "жана архивдик документтер менен иштөөнүн ыкмалары.",
        None,
    ),
    (
        "Санариптик куралдар менен математиканы бекемдөө",
        ["Калыков", "Султанов"],
        "Математика",
        "7-9",
        "other",
        "санариптик билим берүү, математика",
        "GeoGebra жана онлайн тест куралдары менен үй тапшырмасын уюштуруу; натыйжалар "
        "электрондук журналга автоматтык түрдө түшөт.",
        None,
    ),
]

# (title, kind, staff authors, pupils, supervisor, venue, days before today)
PUBLICATIONS = [
    (
        "Изложение жазууга үйрөтүү: 5–9-класстар",
        "booklet",
        ["Мамытова"],
        "",
        None,
        "Жалал-Абад облустук мугалимдердин квалификациясын жогорулатуу институту, 2-басылыш",
        40,
    ),
    (
        "Химия сабагында долбоордук ыкманы колдонуу",
        "article",
        ["Исмаилова"],
        "",
        None,
        "«Кыргызстан мугалими» гезити, №18",
        150,
    ),
    (
        "Окуу сабаттуулугун өнүктүрүүнүн жолдору",
        "thesis",
        ["Сулайманова", "Токторова"],
        "",
        None,
        "«Билим берүүдөгү инновациялар» шаардык конференциясынын жыйнагы",
        210,
    ),
    (
        "Жалал-Абаддын булактарынын суусунун сапаты",
        "pupil_work",
        [],
        "Абдыкадырова Айзат, 10-а; Мамасалиев Нурсултан, 10-а",
        "Исмаилова",
        "«Жаш изилдөөчү» облустук окуучулар конференциясынын жыйнагы",
        120,
    ),
    (
        "Менин чоң атамдын согуш жылдарындагы каттары",
        "pupil_work",
        [],
        "Токтогулова Бегимай, 9-б",
        "Маматов",
        "«Жалал-Абад жаңылыктары» гезити, №21",
        60,
    ),
    (
        "Математикадан кызыктуу маселелер: 5–6-класстар",
        "article",
        ["Жээнбеков", "Сыдыкова"],
        "",
        None,
        "«Мугалим» методикалык журналы, №3",
        20,
    ),
]

CHARACTERISTICS = {
    "Жээнбеков": (
        "Кыргыз Республикасынын Билим берүү жана илим министрлигинин Ардак грамотасы",
        "republic",
        "Жээнбеков Бакыт Үсөнович Жалал-Абад шаарындагы №8 орто мектебинде 17 жылдан бери "
        "математика мугалими болуп иштейт, жогорку категориядагы мугалим.\n"
        "Ал табигый-математикалык илимдер боюнча усулдук бирикмени жетектейт; жаш адистерге "
        "насаатчы болуп, алардын сабактарына үзгүлтүксүз катышып, методикалык жардам берет.\n"
        "Акыркы үч жылда анын окуучулары математика боюнча шаардык олимпиадаларда 9 байгелүү "
        "орунду, облустук олимпиадада 2 байгелүү орунду ээлешкен. Бакыт Үсөнович «Математикадан "
        "кызыктуу маселелер» макаласынын авторлорунун бири.\n"
        "Кесиптештеринин жана ата-энелердин арасында зор кадырга ээ, мектептин коомдук "
        "турмушуна жигердүү катышат.",
    ),
    "Сулайманова": (
        "Жалал-Абад шаардык билим берүү бөлүмүнүн Ардак грамотасы",
        "district",
        "Сулайманова Жамиля Ормоновна мектепте 22 жылдан бери башталгыч класстардын мугалими "
        "болуп иштейт, жогорку категориядагы мугалим, башталгыч класстардын мугалимдеринин "
        "усулдук бирикмесинин жетекчиси.\n"
        "Окуу сабаттуулугун өнүктүрүү боюнча тажрыйбасы педагогикалык тажрыйба банкына "
        "киргизилген; шаардык конференцияда баяндама жасаган. Анын класстарынын окуучулары "
        "окуу ылдамдыгы боюнча шаардык мониторингде жогорку көрсөткүчтөрдү көрсөтүшкөн.",
    ),
    "Исмаилова": (
        "Кыргыз Республикасынын «Эл агартуунун отличниги» төш белгиси",
        "republic",
        "Исмаилова Назгүл Абдывалиевна мектепте 19 жылдан бери химия мугалими болуп иштейт, "
        "жогорку категориядагы мугалим, мугалим-новатор.\n"
        "«Химияны окутууда долбоордук ыкма» тажрыйбасы методикалык кеңештин чечими менен "
        "жалпыланып, шаардык семинарда таратылган. Анын жетекчилиги астында окуучулар "
        "облустук «Жаш изилдөөчү» конференциясында биринчи орунду алышкан; олимпиадага "
        "даярдоо системасы мектептин тажрыйба банкына киргизилген.",
    ),
}

MANUSCRIPT_TEMPLATE = engines["django"].from_string(
    """{% extends "print/base.html" %}
{% block title %}{{ title }}{% endblock %}
{% block content %}<h1>{{ title }}</h1><p class="center">{{ author }}</p>
<h2>Аннотация</h2><p>{{ abstract }}</p>{% endblock %}"""
)


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


def _pdf(demo, title, author, abstract, filename) -> SimpleUploadedFile:
    """A short PDF of the manuscript's title page, rendered as the school's documents are."""
    from weasyprint import HTML

    with translation.override("ky"):
        html = MANUSCRIPT_TEMPLATE.render(
            {
                "school": demo.school,
                "title": title,
                "author": author.full_name,
                "abstract": abstract,
            }
        )
        base_url = Path(settings.BASE_DIR).as_uri() + "/"
        pdf = HTML(string=html, base_url=base_url, url_fetcher=url_fetcher()).write_pdf()
    return SimpleUploadedFile(filename, pdf, "application/pdf")


def seed_experience(demo) -> None:
    decisions = _extraordinary_meeting(demo)
    decisions["olympiad"] = (
        Decision.objects.filter(
            meeting__council=demo.councils["previous"], text__contains="тажрыйба банкына"
        )
        .exclude(pk__in=[d.pk for d in decisions.values()])
        .first()
    )
    _seed_entries(demo, decisions)
    _seed_publications(demo)
    _seed_manuscripts(demo, decisions)
    _seed_awards(demo, decisions)


def _extraordinary_meeting(demo) -> dict:
    """The previous year's last meeting: experience, manuscripts and awards."""
    staff = demo.staff
    deputy = staff["Өмүрбекова"].user
    secretary = staff["Мамытова"].user
    council = demo.councils["previous"]
    last = Meeting.objects.filter(council=council).order_by("-date").first()
    day = _weekday(min(last.date + datetime.timedelta(days=5), demo.previous_year.end_date))
    if day <= last.date:
        day = last.date
    meeting = meeting_services.meeting_plan(
        council=council,
        date=day,
        time=datetime.time(15, 0),
        place=PLACE,
        kind=Meeting.Kind.EXTRAORDINARY,
        user=deputy,
    )
    item = meeting_services.agenda_item_add(
        meeting=meeting, title=EXTRAORDINARY_ITEM, speakers=[staff["Өмүрбекова"]], user=deputy
    )
    marks = {p.pk: (True, "") for p in meeting_selectors.members_on(council=council, day=day)}
    roster = meeting_services.attendance_record(meeting=meeting, marks=marks, user=secretary)
    for review in meeting.agenda_items.filter(kind="review"):
        meeting_services.item_record(
            item=review,
            heard_speaker=staff["Өмүрбекова"],
            heard_guest="",
            heard_summary="Мурунку отурумдун чечимдери аткарылууда экенин билдирди.",
            contributions=[],
            user=secretary,
        )
    meeting_services.item_record(
        item=item,
        heard_speaker=staff["Өмүрбекова"],
        heard_guest="",
        heard_summary="Окуу жылында жалпыланган тажрыйбалар, рецензияланган эки кол жазма "
        "жана сыйлыкка көрсөтүлүүчү мугалимдердин мүнөздөмөлөрү тууралуу маалымат берди.",
        contributions=[
            (staff["Бектурганова"], "", "Мамытова Ч. С.нын колдонмосуна оң рецензия берди."),
            (staff["Жээнбеков"], "", "Калыков М. Э.нын кол жазмасын иштеп чыгууну сунуштады."),
        ],
        user=secretary,
    )
    decisions = {}
    for key, text, responsible in DECISIONS:
        decisions[key] = meeting_services.decision_add(
            item=item,
            text=text,
            responsible=[staff[s] for s in responsible],
            due_date=day,
            votes_for=roster.present_count,
            votes_against=0,
            votes_abstained=0,
            user=secretary,
        )
    meeting_services.meeting_approve(meeting=meeting, user=deputy)
    for decision in decisions.values():
        meeting_services.decision_complete(
            decision=decision,
            done_on=day,
            note="Аткарылды; документтер методикалык кабинетте сакталат.",
            user=deputy,
        )
    return decisions


def _seed_entries(demo, decisions) -> None:
    deputy = demo.staff["Өмүрбекова"].user
    for title, authors, subject, grades, source, tags, description, decision in ENTRIES:
        services.entry_create(
            school=demo.school,
            user=deputy,
            title=title,
            authors=[demo.staff[s] for s in authors],
            subject=demo.subjects[subject],
            grades=grades,
            source=source,
            tags_text=tags,
            description=description,
            recommended_by=decisions.get(decision) if decision else None,
        )
    assert Entry.objects.filter(school=demo.school).count() == len(ENTRIES)


def _seed_publications(demo) -> None:
    deputy = demo.staff["Өмүрбекова"].user
    for title, kind, authors, pupils, supervisor, venue, days in PUBLICATIONS:
        services.publication_create(
            school=demo.school,
            user=deputy,
            title=title,
            kind=kind,
            venue=venue,
            published_on=today() - datetime.timedelta(days=days),
            staff_authors=[demo.staff[s] for s in authors],
            pupil_authors=pupils,
            supervisor=demo.staff[supervisor] if supervisor else None,
        )


def _submit(demo, surname, title, abstract, filename, *, submitted_on):
    author = demo.staff[surname]
    manuscript = services.manuscript_submit(
        author=author,
        user=author.user or demo.staff["Өмүрбекова"].user,
        title=title,
        abstract=abstract,
        upload=_pdf(demo, title, author, abstract, filename),
    )
    Manuscript.objects.filter(pk=manuscript.pk).update(submitted_on=submitted_on)
    manuscript.refresh_from_db()
    return manuscript


def _review(demo, manuscript, reviews, *, assigned_on):
    """reviews: [(reviewer surname, verdict or None, text, written on)]."""
    deputy = demo.staff["Өмүрбекова"].user
    assigned = services.reviewers_assign(
        manuscript=manuscript,
        reviewers=[demo.staff[r[0]] for r in reviews],
        user=deputy,
    )
    for review, (_surname, verdict, text, written_on) in zip(assigned, reviews, strict=True):
        if verdict:
            services.review_write(review=review, verdict=verdict, text=text)
        Review.objects.filter(pk=review.pk).update(
            assigned_on=assigned_on, written_on=written_on if verdict else None
        )


def _seed_manuscripts(demo, decisions) -> None:
    meeting_day = decisions["booklet"].meeting.date
    submitted = meeting_day - datetime.timedelta(days=45)
    booklet = _submit(
        demo,
        "Мамытова",
        "Изложение жазууга үйрөтүү: 5–9-класстар",
        "Колдонмодо изложение жазууга үйрөтүүнүн этаптары, ар бир класс үчүн тексттер жана "
        "баалоо критерийлери берилген. Кыргыз тили мугалимдерине арналган.",
        "изложение-колдонмо.pdf",
        submitted_on=submitted,
    )
    _review(
        demo,
        booklet,
        [
            (
                "Бектурганова",
                "recommend",
                "Колдонмо актуалдуу: изложение жазуу көндүмү жалпы республикалык тестирлөөдө "
                "текшерилет. Тексттер окуучулардын жаш өзгөчөлүгүнө ылайык тандалган, баалоо "
                "критерийлери так. Басууга сунуштайм.",
                submitted + datetime.timedelta(days=20),
            ),
            (
                "Иванова",
                "recommend",
                "Методикалык жактан негизделген иш. Көнүгүүлөрдүн системасы этап-этабы менен "
                "түзүлгөн. Орус тилдүү класстар үчүн да пайдалуу; басууга сунушталат.",
                submitted + datetime.timedelta(days=24),
            ),
        ],
        assigned_on=submitted + datetime.timedelta(days=3),
    )
    services.manuscript_decide(
        manuscript=booklet, decision=decisions["booklet"], outcome=Manuscript.Status.RECOMMENDED
    )
    olympiad = _submit(
        demo,
        "Калыков",
        "Олимпиадалык маселелерди чыгаруунун ыкмалары",
        "7–9-класстардын окуучуларын математикалык олимпиадага даярдоо үчүн маселелер "
        "жыйнагы жана чыгаруу ыкмалары.",
        "олимпиада-маселелер.pdf",
        submitted_on=submitted + datetime.timedelta(days=5),
    )
    _review(
        demo,
        olympiad,
        [
            (
                "Жээнбеков",
                "revise",
                "Маселелер кызыктуу, бирок ар бир бөлүмгө чыгаруунун үлгүсү жетишпейт; "
                "жоопторду текшерүү керек. Иштеп чыгып, кайра тапшырууну сунуштайм.",
                submitted + datetime.timedelta(days=30),
            )
        ],
        assigned_on=submitted + datetime.timedelta(days=8),
    )
    services.manuscript_decide(
        manuscript=olympiad,
        decision=decisions["returned"],
        outcome=Manuscript.Status.RETURNED,
        note="Ар бир бөлүмгө чыгаруунун үлгүлөрүн кошуп, жоопторду текшерип, кайра тапшыруу.",
    )
    day = today()
    start = demo.current_year.start_date
    in_review = _submit(
        demo,
        "Сыдыкова",
        "Жаш мугалимдин сабак пландоо дептери",
        "Жаш адистер үчүн сабакты пландоонун үлгүлөрү, максат коюу жана сабактын "
        "жыйынтыгын баалоо боюнча кеңештер.",
        "сабак-пландоо.pdf",
        submitted_on=max(start, day - datetime.timedelta(days=21)),
    )
    _review(
        demo,
        in_review,
        [
            (
                "Мамытова",
                "recommend",
                "Жаш адистерге керектүү, практикалык мисалдары көп. Айрым сабак пландарынын "
                "тилин оңдоо керек; жалпысынан басууга сунуштайм.",
                max(start, day - datetime.timedelta(days=5)),
            ),
            ("Жээнбеков", None, "", None),
        ],
        assigned_on=max(start, day - datetime.timedelta(days=18)),
    )
    _submit(
        demo,
        "Ташиев",
        "Scratch программасы менен алгоритмдик ойлоону өстүрүү",
        "5–7-класстарда информатика сабагында Scratch менен долбоорлорду түзүү: 12 сабактын "
        "иштелмеси жана окуучулардын долбоорлорунун үлгүлөрү.",
        "scratch-колдонмо.pdf",
        submitted_on=max(start, day - datetime.timedelta(days=4)),
    )


def _seed_awards(demo, decisions) -> None:
    deputy = demo.staff["Өмүрбекова"].user
    for surname, (award, level, text) in CHARACTERISTICS.items():
        services.award_create(
            school=demo.school,
            user=deputy,
            teacher=demo.staff[surname],
            award=award,
            level=level,
            characteristic=text,
            decision=decisions["awards"] if surname != "Исмаилова" else None,
        )
