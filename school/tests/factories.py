import datetime

import factory

from school.models import AcademicYear, School, User
from school.services import academic_year_create


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"Мектеп №{n + 1}")
    city = "Жалал-Абад"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Айбек"
    last_name = "Асанов"
    school = factory.SubFactory(SchoolFactory)
    role = User.Role.TEACHER
    password = factory.django.Password("kenesh-test")


def make_year(school, start_year=None) -> AcademicYear:
    """An academic year with the usual four quarters; the current one by default."""
    from school.selectors import today

    if start_year is None:
        day = today()
        start_year = day.year if day.month >= 9 else day.year - 1
    return academic_year_create(
        school=school,
        start_date=datetime.date(start_year, 9, 1),
        end_date=datetime.date(start_year + 1, 5, 31),
    )
