import datetime

import pytest
from django.urls import reverse

from conftest import client_for
from council.tests.factories import CouncilFactory, add_member
from members.models import Staff, Subject
from members.tests.factories import AssociationFactory, StaffFactory, SubjectFactory
from school.selectors import today
from school.tests.factories import make_year


@pytest.fixture(autouse=True)
def _english_pages(client):
    """The pages open in Kyrgyz by default; these tests read them in English."""
    client.cookies["django_language"] = "en"


def _list(client, **params):
    return client.get(reverse("members:staff_list"), params).content.decode()


def test_directory_search_and_filters(world, client):
    physics = SubjectFactory(school=world.school, name="Физика")
    young = StaffFactory(
        school=world.school,
        last_name="Сыдыкова",
        first_name="Үмүт",
        category="second",
        started_on=today() - datetime.timedelta(days=400),
    )
    young.subjects.set([physics])
    StaffFactory(school=world.school, last_name="Кеткенова", left_on=today())
    StaffFactory(school=world.other_school, last_name="Бөтөнова")
    client_for(client, world.users["teacher"])

    text = _list(client)
    assert "Сыдыкова" in text and world.staff["mahead"].last_name in text
    assert "Кеткенова" not in text  # left the school: not among those working now
    assert "Бөтөнова" not in text  # another school's person never shows
    assert "Кеткенова" in _list(client, status="left")

    found = _list(client, q="сыдык")
    assert "Сыдыкова" in found and world.staff["mahead"].last_name not in found
    assert "Сыдыкова" in _list(client, subject=physics.pk)
    assert world.staff["mahead"].last_name not in _list(client, subject=physics.pk)
    assert "Сыдыкова" in _list(client, young="on")
    assert world.staff["mahead"].last_name not in _list(client, young="on")
    assert "young specialist" in _list(client, young="on")
    by_category = _list(client, category="highest")
    assert world.staff["deputy"].last_name in by_category and "Сыдыкова" not in by_category
    by_association = _list(client, association=world.association.pk)
    assert world.staff["teacher"].last_name in by_association
    assert world.staff["deputy"].last_name not in by_association


def test_directory_refuses_another_schools_filter_values(world, client):
    theirs = SubjectFactory(school=world.other_school)
    client_for(client, world.users["teacher"])
    response = client.get(reverse("members:staff_list"), {"subject": theirs.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_directory_is_paginated_and_its_queries_do_not_grow(
    world, client, django_assert_max_num_queries
):
    maths = SubjectFactory(school=world.school)
    client_for(client, world.users["teacher"])
    client.get(reverse("members:staff_list"))
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("members:staff_list"))
    for _ in range(30):
        person = StaffFactory(school=world.school)
        person.subjects.set([maths])
        world.association.teachers.add(person)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("members:staff_list"))
    text = response.content.decode()
    assert "35 people found" in text
    assert "page=2" in text
    second = _list(client, page=2)
    assert second.count('href="/staff/') - second.count('href="/staff/subjects') >= 10


def test_staff_page_gathers_roles_and_council_years(world, client):
    earlier = make_year(world.school, start_year=world.year.start_date.year - 1)
    old_council = CouncilFactory(academic_year=earlier, secretary=world.staff["mahead"])
    old = add_member(old_council, world.staff["mahead"], ["ma_head", "researcher"])
    old.left_on, old.leave_reason = earlier.end_date, "role_changed"
    old.save()
    client_for(client, world.users["teacher"])
    text = client.get(
        reverse("members:staff_detail", args=[world.staff["mahead"].pk])
    ).content.decode()
    assert world.association.name in text and "head" in text
    assert world.year.name in text and earlier.name in text
    assert "teacher doing research work" in text
    assert "no longer holds the role" in text
    assert "secretary" in text


def test_staff_page_query_count_does_not_grow(world, client, django_assert_max_num_queries):
    person = world.staff["mahead"]
    url = reverse("members:staff_detail", args=[person.pk])
    client_for(client, world.users["teacher"])
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for start in range(2010, 2016):
        council = CouncilFactory(academic_year=make_year(world.school, start_year=start))
        add_member(council, person, ["ma_head", "researcher"])
        AssociationFactory(school=world.school).teachers.add(person)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "2015–2016" in client.get(url).content.decode()


def _staff_form(**extra):
    return {
        "last_name": "Өмүрова",
        "first_name": "Айжаркын",
        "patronymic": "",
        "position": "Химия мугалими",
        "category": "first",
        "started_on": "2020-09-01",
        "phone": "",
        "email": "",
        "left_on": "",
        "new_subjects": "",
        **extra,
    }


def test_deputy_adds_a_person_with_a_new_subject(world, client):
    client_for(client, world.users["deputy"])
    response = client.post(reverse("members:staff_create"), _staff_form(new_subjects="Химия"))
    person = Staff.objects.get(last_name="Өмүрова")
    assert response.status_code == 302
    assert person.school == world.school
    assert [s.name for s in person.subjects.all()] == ["Химия"]


def test_another_schools_subject_or_login_is_a_form_error(world, client):
    SubjectFactory(school=world.school)
    theirs = SubjectFactory(school=world.other_school)
    client_for(client, world.users["deputy"])
    response = client.post(
        reverse("members:staff_create"),
        _staff_form(subjects=[theirs.pk], user=world.users["other_school"].pk),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert text.count("Select a valid choice") == 2
    assert 'value="Өмүрова"' in text
    assert not Staff.objects.filter(last_name="Өмүрова").exists()
    assert not Subject.objects.filter(school=world.school, name=theirs.name).exists()


def test_leaving_before_starting_is_a_form_error(world, client):
    person = world.staff["teacher"]
    client_for(client, world.users["deputy"])
    response = client.post(
        reverse("members:staff_edit", args=[person.pk]),
        _staff_form(last_name=person.last_name, started_on="2020-09-01", left_on="2019-01-01"),
    )
    assert response.status_code == 200
    assert "cannot leave the school before starting" in response.content.decode()
    person.refresh_from_db()
    assert person.left_on is None


def test_the_edit_form_shows_the_persons_card(world, client):
    client_for(client, world.users["deputy"])
    text = client.get(
        reverse("members:staff_edit", args=[world.staff["teacher"].pk])
    ).content.decode()
    assert f'value="{world.staff["teacher"].last_name}"' in text


def test_subjects_page_adds_a_subject_and_refuses_a_duplicate(world, client):
    client_for(client, world.users["deputy"])
    url = reverse("members:subject_list")
    assert client.post(url, {"name": "Астрономия"}).status_code == 302
    response = client.post(url, {"name": "астрономия"})
    assert "already exists" in response.content.decode()
    assert [s.name for s in Subject.objects.filter(school=world.school)] == ["Астрономия"]
    client.force_login(world.users["teacher"])
    assert client.post(url, {"name": "Логика"}).status_code == 403
    assert "Астрономия" in client.get(url).content.decode()


def test_association_pages(world, client):
    client_for(client, world.users["deputy"])
    response = client.post(
        reverse("members:association_create"),
        {"name": "Чет тилдер МБ", "head": world.staff["teacher"].pk, "teachers": []},
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "Чет тилдер МБ" in detail and world.staff["teacher"].full_name in detail
    listing = client.get(reverse("members:association_list")).content.decode()
    assert "Чет тилдер МБ" in listing and world.association.name in listing


def test_association_with_another_schools_head_is_a_form_error(world, client):
    client_for(client, world.users["deputy"])
    response = client.post(
        reverse("members:association_edit", args=[world.association.pk]),
        {"name": "Башка", "head": world.staff["other_school"].pk},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    world.association.refresh_from_db()
    assert world.association.name == "Математика МБ"


def test_staff_page_links_the_portfolio_for_those_who_may_read_it(client, world):
    teacher = world.staff["teacher"]
    url = f"/staff/{teacher.pk}/"
    portfolio = f"/growth/teachers/{teacher.pk}/"
    for role, shown in [
        ("teacher", True),  # their own
        ("mahead", True),  # head of the teacher's association
        ("deputy", True),
        ("director", True),
        ("secretary", False),  # a colleague
    ]:
        client.force_login(world.users[role])
        content = client.get(url).content.decode()
        assert (portfolio in content) is shown, role
        assert client.get(portfolio).status_code == (200 if shown else 403), role


def test_the_lists_show_the_main_action_to_managers_and_their_empty_text(world, client):
    client_for(client, world.users["teacher"])
    assert "Nobody matches the search." in _list(client, q="жок-мындай-адам")
    page = client.get(reverse("members:staff_list"))
    assert page.context["action_url"] is None
    assert reverse("members:staff_create") not in page.content.decode()
    assert client.get(reverse("members:association_list")).context["action_url"] is None
    world.association.delete()
    empty = client.get(reverse("members:association_list"))
    assert empty.status_code == 200
    assert "No methodical associations yet." in empty.content.decode()
    client_for(client, world.users["deputy"])
    assert reverse("members:staff_create") in _list(client)
    listing = client.get(reverse("members:association_list")).content.decode()
    assert reverse("members:association_create") in listing
