"""Builds the demo school: School No. 8 of Jalal-Abad, its people, calendar and council."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from members.models import MethodicalAssociation, Staff, Subject
from school.models import AcademicYear, School, User
from school.selectors import today
from school.services import academic_year_create

from . import people

DEMO_SCHOOL_NAME = "Жалал-Абад шаарындагы №8 орто мектеби"
# Printed for the demo on purpose; these accounts exist only in a demo database.
DEMO_PASSWORD = "kenesh-demo"  # noqa: S105
DEMO_LOGINS = {
    "director": "director: reads everything, downloads the reports",
    "deputy": "deputy director for methodical work, chair of the council: manages it all",
    "secretary": "teacher, secretary of the council: writes the protocols",
    "mahead": "teacher, head of the science and mathematics association",
    "teacher": "teacher, a young specialist: lesson visits, own decisions",
    "admin": "site admin: the Django admin (/admin/)",
}


def demo_logins() -> dict:
    """The demo logins this database holds (the superuser `admin` only if seeded with DEBUG on)."""
    present = set(User.objects.filter(username__in=DEMO_LOGINS).values_list("username", flat=True))
    return {login: role for login, role in DEMO_LOGINS.items() if login in present}


@dataclass
class Demo:
    school: School
    previous_year: AcademicYear
    current_year: AcademicYear
    staff: dict = field(default_factory=dict)  # surname -> Staff
    councils: dict = field(default_factory=dict)  # "previous"/"current" -> Council


def current_start_year(day: datetime.date) -> int:
    return day.year if day.month >= 9 else day.year - 1


def demo_exists() -> bool:
    return School.objects.filter(name=DEMO_SCHOOL_NAME).exists()


@transaction.atomic
def seed() -> Demo:
    """Create the demo school. The caller checks demo_exists() first: a second run adds nothing."""
    day = today()
    start = current_start_year(day)
    school = School.objects.create(
        name=DEMO_SCHOOL_NAME,
        name_ru="Средняя школа №8 города Жалал-Абад",
        name_en="Secondary School No. 8, Jalal-Abad",
        short_name="№8 орто мектеп",
        city="Жалал-Абад",
        address="Жалал-Абад ш., Ленин көчөсү, 8",
    )
    previous_year = academic_year_create(
        school=school,
        start_date=datetime.date(start - 1, 9, 1),
        end_date=datetime.date(start, 5, 31),
    )
    current_year = academic_year_create(
        school=school,
        start_date=datetime.date(start, 9, 1),
        end_date=datetime.date(start + 1, 5, 31),
    )
    demo = Demo(school=school, previous_year=previous_year, current_year=current_year)
    _seed_people(demo)
    _seed_associations(demo)
    from .seed_council import seed_councils  # noqa: PLC0415

    seed_councils(demo)
    _seed_logins(demo)
    from .seed_meetings import seed_meetings  # noqa: PLC0415

    seed_meetings(demo)
    from .seed_plans import seed_plans  # noqa: PLC0415

    seed_plans(demo)
    from .seed_observations import seed_observations  # noqa: PLC0415

    seed_observations(demo)
    from .seed_development import seed_development  # noqa: PLC0415

    seed_development(demo)
    from .seed_experience import seed_experience  # noqa: PLC0415

    seed_experience(demo)
    from .seed_projects import seed_projects  # noqa: PLC0415

    seed_projects(demo)
    return demo


def _seed_people(demo: Demo) -> None:
    subjects = {}
    for row in people.STAFF:
        for name in row[4]:
            if name not in subjects:
                subjects[name] = Subject.objects.create(school=demo.school, name=name)
    for _assoc, names, _head, _teachers in people.ASSOCIATIONS:
        for name in names:
            if name not in subjects:
                subjects[name] = Subject.objects.create(school=demo.school, name=name)
    demo.subjects = subjects
    for surname, name, patronymic, position, subject_names, category, years, _login in people.STAFF:
        started = demo.current_year.start_date.replace(
            year=demo.current_year.start_date.year - years
        )
        staff = Staff.objects.create(
            school=demo.school,
            last_name=surname,
            first_name=name,
            patronymic=patronymic,
            position=position,
            category=category,
            started_on=started,
            phone=f"+996 {550 + len(demo.staff):03d} {100000 + 7919 * len(demo.staff) % 900000:06d}",
        )
        staff.subjects.set(subjects[s] for s in subject_names)
        demo.staff[surname] = staff


def _seed_associations(demo: Demo) -> None:
    for name, subject_names, head, teachers in people.ASSOCIATIONS:
        association = MethodicalAssociation.objects.create(
            school=demo.school, name=name, head=demo.staff[head]
        )
        association.subjects.set(demo.subjects[s] for s in subject_names)
        association.teachers.set(demo.staff[t] for t in teachers)


def _seed_logins(demo: Demo) -> None:
    accounts = {row[7]: row[0] for row in people.STAFF if row[7]}
    roles = {"director": User.Role.DIRECTOR, "deputy": User.Role.DEPUTY}
    for login, surname in accounts.items():
        person = demo.staff[surname]
        user = User.objects.create_user(
            username=login,
            password=DEMO_PASSWORD,
            first_name=person.first_name,
            last_name=person.last_name,
            school=demo.school,
            role=roles.get(login, User.Role.TEACHER),
        )
        person.user = user
        person.save(update_fields=["user"])
    if settings.DEBUG:
        # A superuser with a published password: never on a server with DEBUG off.
        User.objects.create_superuser(
            username="admin", password=DEMO_PASSWORD, email="", first_name="Site", last_name="Admin"
        )
