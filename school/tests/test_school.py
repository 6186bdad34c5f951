"""The school's name in each document language."""

from django.utils import translation

from school.models import School


def test_name_in_takes_the_documents_language_and_falls_back_to_kyrgyz():
    school = School(name="№8 орто мектеби", name_ru="Средняя школа №8", name_en="")
    assert school.name_in("ru") == "Средняя школа №8"
    assert school.name_in("en") == "№8 орто мектеби"
    assert school.name_in("ky") == "№8 орто мектеби"
    with translation.override("ru"):
        assert school.name_in() == "Средняя школа №8"
