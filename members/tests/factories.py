import datetime

import factory

from members.models import MethodicalAssociation, Staff, Subject
from school.tests.factories import SchoolFactory


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subject

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Сабак {n}")


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff

    school = factory.SubFactory(SchoolFactory)
    last_name = factory.Sequence(lambda n: f"Асанов{n}")
    first_name = "Бакыт"
    patronymic = "Үсөнович"
    position = "Математика мугалими"
    category = Staff.Category.FIRST
    started_on = datetime.date(2015, 9, 1)


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MethodicalAssociation

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Бирикме {n}")
    head = factory.SubFactory(StaffFactory, school=factory.SelfAttribute("..school"))
