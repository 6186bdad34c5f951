"""Create a benchmark database and fill it with bulk inserts.

    python -m bench.seed school     # kenesh_bench_school: the heavy school
    python -m bench.seed district   # kenesh_bench_district: the heavy school + 499 others

The rows go straight to the models with bulk_create (no services, no history rows) but keep
every database constraint and the rules the services keep: numbering of meetings and
decisions, the roster on a meeting's day, scores within their scale, statuses with their
dates and notes, plan items inside their year. The same random seed gives the same school,
so the heavy school is identical in both databases and its pages compare directly.
"""

import argparse
import datetime
import random
import sys
import time
from dataclasses import dataclass

from .common import (
    DISTRICT_DB,
    MEASURED_SCHOOL,
    PG_HOST,
    PG_PORT,
    PG_USER,
    ROLE_LOGINS,
    SCHOOL_DB,
    setup_django,
)

BATCH = 2000


@dataclass(frozen=True)
class Size:
    years: int
    staff: int
    associations: int
    council_members: int
    meetings: int  # a year
    regular_items: int  # agenda items a meeting besides the review item
    decisions: int  # a held meeting
    visits: int  # a year
    association_items: int  # a year, all associations together
    council_items: int  # a year: half taken from the associations' plans, half own
    teacher_logins: int


# The heavy school: 10 years, 150 staff, 10 meetings and 80 decisions a year,
# 600 visits a year, 300 plan items a year.
HEAVY = Size(
    years=10,
    staff=150,
    associations=6,
    council_members=15,
    meetings=10,
    regular_items=3,
    decisions=8,
    visits=600,
    association_items=240,
    council_items=60,
    teacher_logins=40,
)
# A district school: one year and a modest amount of everything.
MODEST = Size(
    years=1,
    staff=25,
    associations=2,
    council_members=9,
    meetings=4,
    regular_items=2,
    decisions=4,
    visits=60,
    association_items=30,
    council_items=10,
    teacher_logins=0,
)
DISTRICT_SCHOOLS = 500


def create_database(name: str, *, template: str | None = None) -> None:
    """Drop and create one of the benchmark's own databases (never kenesh_ci nor test_*)."""
    assert name in (SCHOOL_DB, DISTRICT_DB)
    import psycopg2

    connection = psycopg2.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if template:
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        else:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


# ---------------------------------------------------------------------------------------------
# Words the synthetic schools are written with (Kyrgyz, as the schools write them).

SURNAMES = [
    "Асанов",
    "Токтогулов",
    "Жумабаев",
    "Абдыкадыров",
    "Осмонов",
    "Мамбетов",
    "Сыдыков",
    "Турдукулов",
    "Бакиров",
    "Кадыров",
    "Эсенов",
    "Жээнбеков",
    "Өмүрбеков",
    "Үсөнов",
    "Ибраимов",
    "Сатыбалдиев",
    "Алымкулов",
    "Бектурганов",
    "Күлчороев",
    "Ташиев",
    "Момунов",
    "Нурланов",
    "Шаршеев",
    "Чыныбаев",
    "Өскөнбаев",
    "Байтиков",
    "Керимбеков",
]
FEMALE_NAMES = [
    "Гүлнара",
    "Айнура",
    "Чолпон",
    "Үмүт",
    "Мээрим",
    "Назгүл",
    "Динара",
    "Жылдыз",
    "Айгүл",
    "Асель",
    "Гүлзат",
    "Бермет",
    "Нурзат",
    "Айпери",
    "Өмүркан",
    "Сезим",
    "Жаңыл",
]
MALE_NAMES = [
    "Нурлан",
    "Бакыт",
    "Эрлан",
    "Алмаз",
    "Талант",
    "Азамат",
    "Мирлан",
    "Үсөн",
    "Төлөгөн",
    "Кубаныч",
    "Жаңыбек",
    "Эрмек",
    "Темир",
    "Бекболот",
    "Өмүр",
    "Канат",
]
FATHER_NAMES = [
    "Асан",
    "Токтогул",
    "Жолдош",
    "Медер",
    "Бакыт",
    "Марат",
    "Эсен",
    "Үсөн",
    "Сагынбек",
    "Төлөгөн",
    "Абдывали",
    "Кубанычбек",
    "Нурбек",
    "Шамши",
    "Мамат",
    "Өмүрзак",
]
GROUPS = [
    ("Табигый-математикалык илимдер боюнча МБ", ["Математика", "Физика", "Информатика"]),
    ("Кыргыз тили жана адабияты боюнча МБ", ["Кыргыз тили", "Кыргыз адабияты"]),
    ("Орус тили жана адабияты боюнча МБ", ["Орус тили", "Орус адабияты"]),
    ("Чет тилдер боюнча МБ", ["Англис тили", "Немис тили"]),
    ("Башталгыч класстардын мугалимдеринин МБ", ["Башталгыч класс"]),
    ("Коомдук илимдер жана эстетикалык тарбия боюнча МБ", ["Тарых", "Музыка", "Сүрөт"]),
]
MEMBER_ROLES = ["innovative_teacher", "researcher", "project_organiser", "social_pedagogue"]
LESSON_TYPES = ["new_material", "consolidation", "skills", "generalisation", "control", "combined"]
PURPOSES = ["control", "methodical_help", "mutual", "mutual", "open_lesson", "attestation"]
FORMS = ["seminar", "open_lesson", "master_class", "workshop", "round_table", "competition"]
ABSENCE_REASONS = ["ооруп калды", "квалификацияны жогорулатуу курсунда", "иш сапарында"]
EXECUTION_NOTES = [
    "Аткарылды, маалымат методикалык кеңешке берилди.",
    "Аткарылды; материалдар методикалык кабинетте сакталат.",
]
CANCEL_NOTES = ["Иш-чара башка формада өткөрүлдү.", "Жооптуу мугалим курска жөнөтүлдү."]


def _texts():
    """Activities, agenda titles, summaries and decision texts of the demo school."""
    from demo import seed_meetings, seed_observations, seed_plans

    activities = [row[0] for rows in seed_plans.ASSOCIATION_ITEMS.values() for row in rows]
    activities += [row[0] for row in seed_plans.COUNCIL_ITEMS]
    titles, summaries, spoke, decisions = [], [], [], []
    for _days, items in seed_meetings.QUARTERS.values():
        for title, _speaker, _minutes, summary, contributions, resolved in items:
            titles.append(title)
            summaries.append(summary)
            spoke += [text for _surname, text in contributions]
            decisions += [row[0] for row in resolved]
    topics = [topic for rows in seed_observations.TOPICS.values() for topic in rows]
    return {
        "activities": activities,
        "titles": titles,
        "summaries": summaries,
        "spoke": spoke,
        "decisions": decisions,
        "topics": topics,
        "strengths": seed_observations.STRENGTHS,
        "shortcomings": seed_observations.SHORTCOMINGS,
        "recommendations": seed_observations.RECOMMENDATIONS,
        "conclusions": [t for rows in seed_observations.CONCLUSIONS.values() for t in rows],
        "directions": seed_plans.DIRECTIONS,
    }


def school_days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    days, day = [], start
    while day <= end:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def at(day: datetime.date, hour: int = 15) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


class SchoolSeeder:
    """One school, all its years, in bulk."""

    def __init__(self, *, name: str, size: Size, seed: int, login_prefix: str, texts: dict):
        self.name = name
        self.size = size
        self.rng = random.Random(seed)
        self.prefix = login_prefix
        self.texts = texts

    # The sequence of a whole school ------------------------------------------------------

    def run(self, today: datetime.date, password: str) -> None:
        from school.models import School

        self.today = today
        self.password = password
        self.school = School.objects.create(
            name=self.name, short_name=self.name.split(" ")[0], city="Ош", address="Ош ш."
        )
        self.years = self._years()
        self._people()
        self._logins()
        self._criteria()
        self._programmes()
        for year in self.years:
            self._year(year)

    def _years(self):
        from school.calendar import default_quarter_dates, default_year_dates
        from school.models import AcademicYear, Quarter

        current = self.today.year if self.today.month >= 9 else self.today.year - 1
        first = current - self.size.years + 1
        years = AcademicYear.objects.bulk_create(
            AcademicYear(school=self.school, start_date=s, end_date=e)
            for s, e in (default_year_dates(y) for y in range(first, current + 1))
        )
        quarters = []
        for year in years:
            for number, (start, end) in enumerate(default_quarter_dates(year.start_date.year), 1):
                quarters.append(
                    Quarter(academic_year=year, number=number, start_date=start, end_date=end)
                )
        Quarter.objects.bulk_create(quarters)
        self.quarters = {}
        for quarter in quarters:
            self.quarters.setdefault(quarter.academic_year_id, []).append(quarter)
        return years

    def _people(self):
        from members.models import MethodicalAssociation, Staff, Subject

        rng, size = self.rng, self.size
        groups = GROUPS[: size.associations]
        subject_names = [s for _name, names in groups for s in names]
        self.subjects = Subject.objects.bulk_create(
            Subject(school=self.school, name=n) for n in subject_names
        )
        by_name = {s.name: s for s in self.subjects}
        first_year = self.years[0].start_date
        staff, subject_of = [], []
        positions = [
            ("Мектеп директору", "highest"),
            ("Директордун илимий-методикалык иштер боюнча орун басары", "highest"),
            ("Директордун окуу-тарбия иштери боюнча орун басары", "highest"),
        ]
        for index in range(size.staff):
            female = rng.random() < 0.75
            surname = rng.choice(SURNAMES) + ("а" if female else "")
            father = rng.choice(FATHER_NAMES)
            patronymic = father + ("овна" if female else "ович")
            subject = by_name[subject_names[index % len(subject_names)]]
            if index < len(positions):
                position, category = positions[index]
            else:
                position = f"{subject.name} мугалими"
                category = rng.choice(["highest", "first", "first", "second", "none"])
            # Most started before the first year; a few are young specialists of late years.
            young = index >= len(positions) + size.associations + 1 and rng.random() < 0.06
            if index == len(positions) + size.associations + 1:  # the "teacher" login
                young = True
            if young:
                started = self.years[-1].start_date.replace(year=self.years[-1].start_date.year - 1)
                category = "none"
            else:
                started = first_year.replace(year=first_year.year - rng.randint(1, 25))
            staff.append(
                Staff(
                    school=self.school,
                    last_name=surname,
                    first_name=rng.choice(FEMALE_NAMES if female else MALE_NAMES),
                    patronymic=patronymic,
                    position=position,
                    category=category,
                    started_on=started,
                    phone=f"+996 555 {100000 + index * 7919 % 900000:06d}",
                )
            )
            subject_of.append(subject)
        # A few left the school during the years (kept: they are referenced).
        for person in rng.sample(staff[12:], max(1, size.staff // 30)):
            if size.years > 2 and person.started_on < first_year:
                year = rng.choice(self.years[1:-1])
                person.left_on = year.end_date + datetime.timedelta(days=30)
        self.staff = Staff.objects.bulk_create(staff)
        Staff.subjects.through.objects.bulk_create(
            Staff.subjects.through(staff_id=p.pk, subject_id=s.pk)
            for p, s in zip(self.staff, subject_of, strict=True)
        )
        self.subject_of = {p.pk: s for p, s in zip(self.staff, subject_of, strict=True)}
        # Roles by position in the list: 0 director, 1 deputy, 2 deputy, 3 secretary,
        # 4.. heads of the associations, then the young "teacher" login, then teachers.
        self.director, self.deputy, self.deputy2, self.secretary = self.staff[:4]
        heads = self.staff[4 : 4 + size.associations]
        self.teacher_login_staff = self.staff[4 + size.associations]
        associations = MethodicalAssociation.objects.bulk_create(
            MethodicalAssociation(school=self.school, name=name, head=head)
            for (name, _subjects), head in zip(groups, heads, strict=True)
        )
        members, association_subjects = [], []
        self.association_of = {}
        for association, (_name, names) in zip(associations, groups, strict=True):
            for subject_name in names:
                association_subjects.append(
                    MethodicalAssociation.subjects.through(
                        methodicalassociation_id=association.pk, subject_id=by_name[subject_name].pk
                    )
                )
        association_of_subject = {
            subject_name: association
            for association, (_name, names) in zip(associations, groups, strict=True)
            for subject_name in names
        }
        for person in self.staff[3:]:
            association = association_of_subject[self.subject_of[person.pk].name]
            self.association_of[person.pk] = association
            members.append(
                MethodicalAssociation.teachers.through(
                    methodicalassociation_id=association.pk, staff_id=person.pk
                )
            )
        MethodicalAssociation.teachers.through.objects.bulk_create(members)
        MethodicalAssociation.subjects.through.objects.bulk_create(association_subjects)
        self.associations = associations
        self.heads = heads

    def _logins(self):
        from members.models import Staff
        from school.models import User

        wanted = [
            ("director", self.director, User.Role.DIRECTOR),
            ("deputy", self.deputy, User.Role.DEPUTY),
            ("secretary", self.secretary, User.Role.TEACHER),
            ("mahead", self.heads[0], User.Role.TEACHER),
            ("teacher", self.teacher_login_staff, User.Role.TEACHER),
        ]
        teachers = [p for p in self.staff[5 + self.size.associations :] if p.left_on is None]
        for number, person in enumerate(teachers[: self.size.teacher_logins], 1):
            wanted.append((f"teacher{number:02d}", person, User.Role.TEACHER))
        users = User.objects.bulk_create(
            User(
                username=self.prefix + (ROLE_LOGINS.get(login, login)),
                password=self.password,
                first_name=person.first_name,
                last_name=person.last_name,
                school=self.school,
                role=role,
            )
            for login, person, role in wanted
        )
        for user, (_login, person, _role) in zip(users, wanted, strict=True):
            person.user = user
        Staff.objects.bulk_update([person for _l, person, _r in wanted], ["user"])
        self.deputy_user = users[1]

    def _criteria(self):
        from observations.models import CriteriaSet, Criterion
        from observations.services import DEFAULT_CRITERIA, DEFAULT_SCALE, DEFAULT_SET_NAME

        criteria_set = CriteriaSet.objects.create(
            school=self.school,
            name=DEFAULT_SET_NAME,
            scale_min=DEFAULT_SCALE[0],
            scale_max=DEFAULT_SCALE[1],
            is_default=True,
        )
        self.criteria_set = criteria_set
        self.criteria = Criterion.objects.bulk_create(
            Criterion(criteria_set=criteria_set, order=n, text=text)
            for n, text in enumerate(DEFAULT_CRITERIA, 1)
        )

    def _programmes(self):
        from plans.models import Direction, Programme

        first, last = self.years[0].start_date.year, self.years[-1].end_date.year
        spans, start = [], first
        while start <= last:
            spans.append((start, min(start + 5, last)))
            start += 6
        programmes = Programme.objects.bulk_create(
            Programme(
                school=self.school,
                title=f"Мектепти өнүктүрүү программасы {s}–{e}",
                start_year=s,
                end_year=e,
            )
            for s, e in spans
        )
        directions = Direction.objects.bulk_create(
            Direction(programme=p, title=title, order=n)
            for p in programmes
            for n, title in enumerate(self.texts["directions"], 1)
        )
        self.directions = {
            p.pk: [d for d in directions if d.programme_id == p.pk] for p in programmes
        }
        self.programmes = programmes

    # One academic year ------------------------------------------------------------------

    def _year(self, year):
        from council.models import Council

        day_one = year.start_date + datetime.timedelta(days=5)
        council = Council.objects.create(
            academic_year=year,
            chair=self.deputy,
            secretary=self.secretary,
            status=Council.Status.CONFIRMED,
            confirmed_on=day_one,
        )
        memberships = self._council(council, year, day_one)
        meetings = self._meetings(council, year, memberships)
        self._plans(council, year, meetings)
        self._visits(year, memberships)

    def _active(self, person, day):
        return person.started_on <= day and (person.left_on is None or person.left_on > day)

    def _council(self, council, year, day_one):
        from council.models import CouncilMemberRole, CouncilMembership

        rng, size = self.rng, self.size
        fixed = [self.deputy, self.director, self.secretary, *self.heads]
        others = [
            p
            for p in self.staff[4 + size.associations :]
            if self._active(p, day_one) and p.category in ("highest", "first")
        ]
        seats = fixed + rng.sample(
            others, min(len(others), max(0, size.council_members - len(fixed)))
        )
        rows = [CouncilMembership(council=council, staff=p, joined_on=day_one) for p in seats]
        roles = []
        # R7.1: in a finished year one member left in January and another took the seat.
        change = datetime.date(year.end_date.year, 1, 15)
        spare = [p for p in others if p not in seats]
        if change < self.today and len(seats) > len(fixed) and spare:
            leaving = rows[-1]
            leaving.left_on = change
            leaving.leave_reason = "own_request"
            newcomer = rng.choice(spare)
            rows.append(CouncilMembership(council=council, staff=newcomer, joined_on=change))
        CouncilMembership.objects.bulk_create(rows)
        for index, row in enumerate(rows):
            if row.staff_id in (self.deputy.pk, self.director.pk):
                role = "administration"
            elif row.staff in self.heads:
                role = "ma_head"
            else:
                role = MEMBER_ROLES[index % len(MEMBER_ROLES)]
            roles.append(CouncilMemberRole(membership=row, role=role))
        CouncilMemberRole.objects.bulk_create(roles)
        return rows

    def _members_on(self, memberships, day):
        return [
            m.staff
            for m in memberships
            if m.joined_on <= day and (m.left_on is None or m.left_on > day)
        ]

    def _meetings(self, council, year, memberships):
        from meetings.models import (
            AgendaItem,
            Attendance,
            Contribution,
            Decision,
            Guest,
            Meeting,
        )

        rng, size, texts = self.rng, self.size, self.texts
        span = (year.end_date - year.start_date).days - 20
        dates = [
            year.start_date + datetime.timedelta(days=9 + i * span // size.meetings)
            for i in range(size.meetings)
        ]
        meetings = []
        for number, day in enumerate(dates, 1):
            if day < self.today - datetime.timedelta(days=7):
                status = Meeting.Status.APPROVED
            elif day <= self.today:
                status = Meeting.Status.HELD
            else:
                status = Meeting.Status.PLANNED
            approved = status == Meeting.Status.APPROVED
            meetings.append(
                Meeting(
                    council=council,
                    number=number,
                    date=day,
                    time=datetime.time(14, 30),
                    place="Мектептин методикалык кабинети",
                    status=status,
                    chair=self.deputy,
                    secretary=self.secretary,
                    approved_at=at(day + datetime.timedelta(days=3)) if approved else None,
                    approved_by=self.deputy_user if approved else None,
                    created_by=self.deputy_user,
                )
            )
        Meeting.objects.bulk_create(meetings)
        items, attendance, guests = [], [], []
        for meeting in meetings:
            held = meeting.status != Meeting.Status.PLANNED
            members = self._members_on(memberships, meeting.date)
            if meeting.number > 1:
                items.append(AgendaItem(meeting=meeting, position=1, kind="review"))
            for n in range(size.regular_items):
                speaker = rng.choice(members)
                items.append(
                    AgendaItem(
                        meeting=meeting,
                        position=len([i for i in items if i.meeting is meeting]) + 1,
                        title=rng.choice(texts["titles"]).replace(
                            "{year}", f"{year.start_date.year}–{year.end_date.year}"
                        ),
                        planned_minutes=rng.choice([10, 15, 20, 30]),
                        heard_speaker=speaker if held else None,
                        heard_summary=rng.choice(texts["summaries"]) if held else "",
                    )
                )
                if n == 0 and meeting.number % 3 == 0:
                    guests.append(
                        Guest(
                            meeting=meeting,
                            name="Абдыраева Сабира Токтоматовна",
                            position="шаардык билим берүү бөлүмүнүн методисти",
                        )
                    )
            if held:
                for person in members:
                    present = rng.random() > 0.1
                    attendance.append(
                        Attendance(
                            meeting=meeting,
                            staff=person,
                            present=present,
                            absence_reason="" if present else rng.choice(ABSENCE_REASONS),
                        )
                    )
        AgendaItem.objects.bulk_create(items, batch_size=BATCH)
        Attendance.objects.bulk_create(attendance, batch_size=BATCH)
        Guest.objects.bulk_create(guests)
        speakers, contributions, decisions, responsible = [], [], [], []
        by_meeting = {}
        for item in items:
            by_meeting.setdefault(item.meeting_id, []).append(item)
        for meeting in meetings:
            members = self._members_on(memberships, meeting.date)
            regular = [i for i in by_meeting[meeting.pk] if i.kind == "regular"]
            for item in regular:
                speakers.append(
                    AgendaItem.speakers.through(
                        agendaitem_id=item.pk,
                        staff_id=item.heard_speaker_id or rng.choice(members).pk,
                    )
                )
                if meeting.status == Meeting.Status.PLANNED:
                    continue
                for position in range(1, rng.randint(1, 2) + 1):
                    contributions.append(
                        Contribution(
                            agenda_item=item,
                            position=position,
                            speaker=rng.choice(members),
                            summary=rng.choice(texts["spoke"]),
                        )
                    )
            if meeting.status == Meeting.Status.PLANNED:
                continue
            present = sum(1 for a in attendance if a.meeting_id == meeting.pk and a.present)
            for number in range(1, size.decisions + 1):
                decisions.append(self._decision(meeting, regular, number, present))
        AgendaItem.speakers.through.objects.bulk_create(speakers, batch_size=BATCH)
        Contribution.objects.bulk_create(contributions, batch_size=BATCH)
        Decision.objects.bulk_create(decisions, batch_size=BATCH)
        members_of = {m.pk: self._members_on(memberships, m.date) for m in meetings}
        for decision in decisions:
            for person in rng.sample(members_of[decision.meeting_id], rng.randint(1, 2)):
                responsible.append(
                    Decision.responsible.through(decision_id=decision.pk, staff_id=person.pk)
                )
        Decision.responsible.through.objects.bulk_create(responsible, batch_size=BATCH)
        # R4.4: a meeting's review item lists the decisions of the meeting before it.
        reviewed = []
        decisions_of = {}
        for decision in decisions:
            decisions_of.setdefault(decision.meeting_id, []).append(decision)
        for before, meeting in zip(meetings, meetings[1:], strict=False):
            review = by_meeting[meeting.pk][0]
            for decision in decisions_of.get(before.pk, []):
                reviewed.append(
                    AgendaItem.reviewed_decisions.through(
                        agendaitem_id=review.pk, decision_id=decision.pk
                    )
                )
        AgendaItem.reviewed_decisions.through.objects.bulk_create(reviewed, batch_size=BATCH)
        self._snapshots(meetings)
        self.agenda_by_meeting = by_meeting
        return meetings

    def _snapshots(self, meetings):
        """An approved protocol has the snapshot its approval took (meetings.services)."""
        from meetings import selectors, snapshot
        from meetings.models import Meeting, ProtocolSnapshot

        approved = Meeting.objects.filter(
            pk__in=[m.pk for m in meetings], status=Meeting.Status.APPROVED
        )
        rows = []
        for meeting in selectors.meeting_for_page(approved):
            data = snapshot.build(meeting)
            rows.append(
                ProtocolSnapshot(
                    meeting=meeting,
                    version=meeting.version,
                    data=data,
                    digest=snapshot.digest(data),
                )
            )
        ProtocolSnapshot.objects.bulk_create(rows)

    def _decision(self, meeting, regular, number, present):
        from meetings.models import Decision

        rng = self.rng
        due = meeting.date + datetime.timedelta(days=rng.choice([14, 30, 45, 60, 90]))
        decision = Decision(
            meeting=meeting,
            agenda_item=regular[(number - 1) % len(regular)],
            number=number,
            text=rng.choice(self.texts["decisions"]).replace("{year}", ""),
            due_date=due,
            for_pedagogical_council=rng.random() < 0.1,
        )
        if rng.random() < 0.5:
            decision.votes_for = max(0, present - 1)
            decision.votes_against = 0
            decision.votes_abstained = 1 if present else 0
        roll = rng.random()
        if due < self.today and roll < 0.8:
            done = min(due, self.today)
            decision.status = Decision.Status.DONE
            decision.done_on = max(meeting.date, done - datetime.timedelta(days=rng.randint(0, 10)))
            decision.execution_note = rng.choice(EXECUTION_NOTES)
            decision.closed_by = self.deputy_user
            decision.closed_at = at(decision.done_on, 16)
        elif due < self.today and roll < 0.85:
            decision.status = Decision.Status.CANCELLED
            decision.cancel_reason = rng.choice(CANCEL_NOTES)
            decision.closed_by = self.deputy_user
            decision.closed_at = at(min(due, self.today), 16)
        return decision

    def _plans(self, council, year, meetings):
        from plans.models import (
            AssociationPlan,
            AssociationPlanItem,
            CouncilPlan,
            CouncilPlanItem,
        )
        from plans.timing import resolve_timing

        rng, size = self.rng, self.size
        quarters = self.quarters[year.pk]
        programme = next((p for p in self.programmes if p.covers(year)), self.programmes[-1])
        directions = self.directions[programme.pk]
        plans = AssociationPlan.objects.bulk_create(
            AssociationPlan(association=a, academic_year=year) for a in self.associations
        )
        council_plan = CouncilPlan.objects.create(council=council)
        months = [9, 10, 11, 12, 1, 2, 3, 4, 5]

        def timed(item):
            if rng.random() < 0.15:
                timing = resolve_timing(
                    year=year, quarters=quarters, month=None, quarter=rng.randint(1, 4)
                )
            else:
                timing = resolve_timing(
                    year=year, quarters=quarters, month=rng.choice(months), quarter=None
                )
            item.month, item.quarter = timing.month, timing.quarter
            item.planned_start, item.planned_end = timing.start, timing.end
            item.activity = rng.choice(self.texts["activities"])
            item.form = rng.choice(FORMS)
            item.expected_result = "Тажрыйба жайылтылат, материалдар МБнын папкасында."
            item.direction = rng.choice(directions) if rng.random() < 0.7 else None
            roll = rng.random()
            if item.planned_end < self.today:
                if roll < 0.8:
                    item.status = "done"
                    item.status_note = rng.choice(EXECUTION_NOTES)
                elif roll < 0.86:
                    item.status = "moved"
                    item.moved_to = min(
                        year.end_date, item.planned_end + datetime.timedelta(days=21)
                    )
                elif roll < 0.92:
                    item.status = "cancelled"
                    item.status_note = rng.choice(CANCEL_NOTES)
            return item

        per_plan = size.association_items // len(plans)
        association_items = AssociationPlanItem.objects.bulk_create(
            [timed(AssociationPlanItem(plan=plan)) for plan in plans for _ in range(per_plan)],
            batch_size=BATCH,
        )
        taken = rng.sample(association_items, size.council_items // 2)
        council_items = [
            CouncilPlanItem(
                plan=council_plan,
                origin_item=origin,
                activity=origin.activity,
                form=origin.form,
                month=origin.month,
                quarter=origin.quarter,
                planned_start=origin.planned_start,
                planned_end=origin.planned_end,
                expected_result=origin.expected_result,
                status=origin.status,
                moved_to=origin.moved_to,
                status_note=origin.status_note,
                direction=origin.direction,
            )
            for origin in taken
        ]
        own = [
            timed(CouncilPlanItem(plan=council_plan))
            for _ in range(size.council_items - len(council_items))
        ]
        # The council's own items of a held meeting's month are on its agenda.
        used = set()
        for item in own:
            for meeting in meetings:
                agenda = self.agenda_by_meeting[meeting.pk][-1]
                if meeting.date.month == item.month and agenda.pk not in used:
                    item.agenda_item = agenda
                    used.add(agenda.pk)
                    break
        council_items = CouncilPlanItem.objects.bulk_create(council_items + own, batch_size=BATCH)
        teachers = {p.pk: p for p in self.staff}
        assoc_responsible = [
            AssociationPlanItem.responsible.through(
                associationplanitem_id=item.pk, staff_id=self._responsible(item, teachers).pk
            )
            for item in association_items
        ]
        AssociationPlanItem.responsible.through.objects.bulk_create(
            assoc_responsible, batch_size=BATCH
        )
        CouncilPlanItem.responsible.through.objects.bulk_create(
            [
                CouncilPlanItem.responsible.through(
                    councilplanitem_id=item.pk, staff_id=self.deputy.pk
                )
                for item in council_items
            ],
            batch_size=BATCH,
        )

    def _responsible(self, item, teachers):
        association = next(a for a in self.associations if a.pk == item.plan.association_id)
        day = item.planned_start
        pool = [
            p
            for p in self.staff
            if self.association_of.get(p.pk) is association and self._active(p, day)
        ]
        return self.rng.choice(pool) if pool else association.head

    def _visits(self, year, memberships):
        from observations.models import Observation, Score

        rng, size, texts = self.rng, self.size, self.texts
        last = min(year.end_date, self.today)
        days = school_days(year.start_date, last)
        observers = list({m.staff.pk: m.staff for m in memberships}.values())
        exclude = {self.director.pk, self.deputy.pk, self.deputy2.pk}
        visits, levels = [], []
        young_login = self.teacher_login_staff
        while len(visits) < size.visits:
            day = rng.choice(days)
            observer = rng.choice(observers)
            if not self._active(observer, day):
                continue
            # The young teacher with a login is visited often (R2.18); anybody else at random.
            if rng.random() < 0.03 and self._active(young_login, day):
                teacher = young_login
            else:
                teacher = rng.choice(self.staff)
            if teacher.pk in exclude or teacher.pk == observer.pk or not self._active(teacher, day):
                continue
            recent = (self.today - day).days
            roll = rng.random()
            if recent > 14 or roll < 0.3:
                status = "acknowledged"
            elif roll < 0.7:
                status = "submitted"
            else:
                status = "draft"
            submitted = (
                None
                if status == "draft"
                else min(last, day + datetime.timedelta(days=rng.randint(0, 2)))
            )
            acknowledged = (
                min(last, submitted + datetime.timedelta(days=rng.randint(1, 5)))
                if status == "acknowledged"
                else None
            )
            if acknowledged is not None and acknowledged < submitted:
                acknowledged = submitted
            subject = self.subject_of[teacher.pk]
            grade = rng.randint(1, 4) if subject.name == "Башталгыч класс" else rng.randint(5, 11)
            visits.append(
                Observation(
                    school=self.school,
                    observer=observer,
                    teacher=teacher,
                    date=day,
                    lesson_number=rng.randint(1, 7),
                    grade=grade,
                    class_letter=rng.choice("АБВГ"),
                    subject=subject,
                    topic=rng.choice(texts["topics"]),
                    lesson_type=rng.choice(LESSON_TYPES),
                    purpose="young_specialist" if teacher is young_login else rng.choice(PURPOSES),
                    criteria_set=self.criteria_set,
                    strengths=rng.choice(texts["strengths"]),
                    shortcomings=rng.choice(texts["shortcomings"]),
                    recommendations=rng.choice(texts["recommendations"]),
                    conclusion=rng.choice(texts["conclusions"]),
                    status=status,
                    submitted_on=submitted,
                    acknowledged_on=acknowledged,
                )
            )
            levels.append(
                {"highest": 0.82, "first": 0.68, "second": 0.58}.get(teacher.category, 0.45)
            )
        Observation.objects.bulk_create(visits, batch_size=BATCH)
        low, high = self.criteria_set.scale_min, self.criteria_set.scale_max
        scores = []
        for visit, level in zip(visits, levels, strict=True):
            for criterion in self.criteria:
                share = min(1.0, max(0.0, rng.gauss(level, 0.15)))
                value = low + round(share * (high - low))
                scores.append(
                    Score(
                        observation=visit,
                        criterion=criterion,
                        value=value,
                        scale_min=low,
                        scale_max=high,
                    )
                )
        Score.objects.bulk_create(scores, batch_size=BATCH)


DISTRICT_CITIES = [
    "Ош",
    "Жалал-Абад",
    "Баткен",
    "Талас",
    "Нарын",
    "Каракол",
    "Токмок",
    "Кара-Балта",
]


def seed_heavy(today, password) -> None:
    SchoolSeeder(name=MEASURED_SCHOOL, size=HEAVY, seed=2026, login_prefix="", texts=_texts()).run(
        today, password
    )


def seed_district(today, password) -> None:
    texts = _texts()
    for number in range(1, DISTRICT_SCHOOLS):
        city = DISTRICT_CITIES[number % len(DISTRICT_CITIES)]
        SchoolSeeder(
            name=f"{city} шаарындагы №{number} орто мектеби",
            size=MODEST,
            seed=number,
            login_prefix=f"s{number:03d}-",
            texts=texts,
        ).run(today, password)
        if number % 50 == 0:
            print(f"   {number} schools", flush=True)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kind", choices=["school", "district"])
    args = parser.parse_args(argv)
    database = SCHOOL_DB if args.kind == "school" else DISTRICT_DB
    started = time.monotonic()
    if args.kind == "school":
        create_database(SCHOOL_DB)
    else:
        # The district starts as a copy of the heavy school's database: the same school,
        # row for row, among 499 others.
        create_database(DISTRICT_DB, template=SCHOOL_DB)
    setup_django(database)
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from django_scopes import scopes_disabled

    from school.selectors import today

    if args.kind == "school":
        call_command("migrate", verbosity=0, interactive=False)
        print(f"   migrated in {time.monotonic() - started:.0f} s", flush=True)
    # One hash for every login of the benchmark (never used to log in: sessions are opened
    # directly), so that seeding does not spend minutes hashing.
    password = make_password(None)
    with scopes_disabled(), transaction.atomic():
        if args.kind == "school":
            seed_heavy(today(), password)
        else:
            seed_district(today(), password)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"   {args.kind} seeded in {time.monotonic() - started:.0f} s", flush=True)


if __name__ == "__main__":
    sys.exit(main())
