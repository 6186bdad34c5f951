import datetime

import pytest
from django.core.exceptions import ValidationError

from members import services
from members.models import MethodicalAssociation, Staff, Subject
from members.tests.factories import StaffFactory, SubjectFactory
from school.tests.factories import UserFactory


def _create(world, **extra):
    data = {
        "school": world.school,
        "last_name": "Өмүрова",
        "first_name": "Айжаркын",
        "patronymic": "Үсөновна",
        "position": "Математика мугалими",
        "started_on": datetime.date(2024, 9, 1),
        "category": Staff.Category.SECOND,
    }
    return services.staff_create(**{**data, **extra})


def test_staff_create_with_existing_and_new_subjects(world):
    maths = SubjectFactory(school=world.school, name="Математика")
    person = _create(world, subjects=[maths], new_subject_names=["Геометрия", "математика"])
    assert sorted(s.name for s in person.subjects.all()) == ["Геометрия", "Математика"]
    assert Subject.objects.filter(school=world.school, name="Математика").count() == 1


def test_another_schools_subject_or_login_is_refused(world):
    theirs = SubjectFactory(school=world.other_school)
    with pytest.raises(ValidationError) as error:
        _create(world, subjects=[theirs])
    assert "subjects" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _create(world, user=UserFactory(school=world.other_school))
    assert "user" in error.value.message_dict
    assert not Staff.objects.filter(last_name="Өмүрова").exists()


def test_a_login_belongs_to_one_person(world):
    with pytest.raises(ValidationError) as error:
        _create(world, user=world.users["teacher"])
    assert "already belongs" in " ".join(error.value.message_dict["user"])


def test_leaving_before_starting_is_refused(world):
    person = world.staff["teacher"]
    with pytest.raises(ValidationError) as error:
        services.staff_update(staff=person, left_on=person.started_on - datetime.timedelta(days=1))
    assert "left_on" in error.value.message_dict
    person.refresh_from_db()
    assert person.left_on is None


def test_a_person_leaves_and_stays_on_record(world):
    person = world.staff["teacher"]
    services.staff_update(staff=person, left_on=datetime.date(2027, 6, 30))
    person.refresh_from_db()
    assert person.left_on == datetime.date(2027, 6, 30)
    assert not person.is_active


def test_subject_names_are_unique_ignoring_case(world):
    services.subject_create(school=world.school, name="Химия")
    with pytest.raises(ValidationError) as error:
        services.subject_create(school=world.school, name="  химия ")
    assert "already exists" in " ".join(error.value.message_dict["name"])
    # Another school may have its own.
    services.subject_create(school=world.other_school, name="Химия")


def test_association_head_is_one_of_its_teachers(world):
    head = StaffFactory(school=world.school)
    association = services.association_create(
        school=world.school, name="Тилдер МБ", head=head, teachers=[world.staff["teacher"]]
    )
    assert set(association.teachers.all()) == {head, world.staff["teacher"]}


def test_association_bad_input(world):
    with pytest.raises(ValidationError) as error:
        services.association_create(school=world.school, name="математика мб")
    assert "already exists" in " ".join(error.value.message_dict["name"])
    with pytest.raises(ValidationError) as error:
        services.association_create(
            school=world.school, name="Жаңы МБ", head=world.staff["other_school"]
        )
    assert "head" in error.value.message_dict
    assert not MethodicalAssociation.objects.filter(name="Жаңы МБ").exists()
