"""The plan pages as their users meet them: forms, errors, groupings, progress, PDF."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from conftest import client_for
from meetings.tests.factories import plan_meeting
from members.tests.factories import AssociationFactory, StaffFactory
from plans import kinds, services
from plans.models import AssociationPlanItem, CouncilPlanItem, ItemStatus
from school.tests.factories import make_year

from . import factories


@pytest.fixture
def plan(world):
    return factories.association_plan(world.association, world.year)


@pytest.fixture
def council_plan(world):
    return factories.council_plan(world.council)


def _item_post(**overrides):
    data = {
        "activity": "Ачык сабак: «Квадраттык теңдемелер», 8-класс",
        "form": "open_lesson",
        "month": "10",
        "quarter": "",
        "expected_result": "Тажрыйба алмашуу",
        "direction": "",
    }
    data.update(overrides)
    return data


# --- The head of an association edits its own plan (P4.2) ---


def test_the_head_adds_an_item_to_the_associations_plan(world, client, plan):
    client_for(client, world.users["mahead"])
    url = reverse("plans:association_item_create", kwargs={"pk": plan.pk})
    data = _item_post(responsible=[world.staff["mahead"].pk, world.staff["teacher"].pk])
    response = client.post(url, data)
    assert response.status_code == 302
    item = AssociationPlanItem.objects.get(plan=plan)
    assert item.activity.startswith("Ачык сабак")
    assert item.month == 10
    page = client.get(reverse("plans:association_plan", kwargs={"pk": plan.pk})).content.decode()
    assert "Квадраттык теңдемелер" in page
    assert world.staff["teacher"].short_name in page


def test_the_head_of_another_association_and_a_teacher_only_read(world, client):
    other = AssociationFactory(school=world.school, name="Тилдер МБ")
    other_plan = factories.association_plan(other, world.year)
    factories.association_item(other_plan, "Тегерек стол", month=10)
    for role in ("mahead", "teacher"):
        client.logout()
        client_for(client, world.users[role])
        url = reverse("plans:association_item_create", kwargs={"pk": other_plan.pk})
        assert client.post(url, _item_post()).status_code == 403
        page = client.get(reverse("plans:association_plan", kwargs={"pk": other_plan.pk}))
        assert "Тегерек стол" in page.content.decode()
        assert url not in page.content.decode()
    assert other_plan.items.count() == 1


def test_the_head_starts_the_plan_of_the_own_association_only(world, client):
    other = AssociationFactory(school=world.school, name="Тилдер МБ")
    client_for(client, world.users["mahead"])
    url = reverse("plans:association_plan_start")
    response = client.post(url, {"association": other.pk, "academic_year": world.year.pk})
    assert response.status_code == 200
    assert not other.plans.exists()
    response = client.post(
        url, {"association": world.association.pk, "academic_year": world.year.pk}
    )
    assert response.status_code == 302
    assert world.association.plans.get().academic_year == world.year


# --- Bad input: clear errors next to the field, nothing saved, input kept ---


def test_an_item_dated_outside_the_academic_year(world, client, plan):
    client_for(client, world.users["mahead"])
    url = reverse("plans:association_item_create", kwargs={"pk": plan.pk})
    response = client.post(url, _item_post(month="7"))
    assert response.status_code == 200
    form = response.context["form"]
    assert "month" in form.errors
    assert world.year.name in form.errors["month"][0]
    page = response.content.decode()
    assert "Квадраттык теңдемелер" in page  # the typed activity is kept
    assert not AssociationPlanItem.objects.exists()


def test_a_responsible_person_of_another_school_posted_by_id(world, client, plan):
    client_for(client, world.users["mahead"])
    url = reverse("plans:association_item_create", kwargs={"pk": plan.pk})
    response = client.post(
        url, _item_post(responsible=[world.staff["mahead"].pk, world.staff["other_school"].pk])
    )
    assert response.status_code == 200
    assert "responsible" in response.context["form"].errors
    assert world.staff["other_school"].full_name not in response.content.decode()
    assert not AssociationPlanItem.objects.exists()


def test_neither_month_nor_quarter(world, client, plan):
    client_for(client, world.users["mahead"])
    url = reverse("plans:association_item_create", kwargs={"pk": plan.pk})
    response = client.post(url, _item_post(month=""))
    assert "month" in response.context["form"].errors
    assert not AssociationPlanItem.objects.exists()


def test_the_same_association_item_taken_twice(world, client, plan, council_plan):
    origin = factories.association_item(plan, "Математика апталыгы", month=12)
    services.council_plan_take(plan=council_plan, items=[origin])
    client_for(client, world.users["deputy"])
    url = reverse("plans:council_take", kwargs={"pk": council_plan.pk})
    page = client.get(url).content.decode()
    assert f'value="{origin.pk}"' not in page  # not offered again
    response = client.post(url, {"items": [origin.pk]})
    assert response.status_code == 200
    assert "Математика апталыгы" in str(response.context["form"].errors["items"])
    assert CouncilPlanItem.objects.filter(origin_item=origin).count() == 1


def test_cancelling_without_a_note(world, client, plan):
    item = factories.association_item(plan, month=10)
    client_for(client, world.users["mahead"])
    url = reverse("plans:association_item_status", kwargs={"pk": item.pk})
    response = client.post(url, {"status": "cancelled", "note": ""})
    assert "note" in response.context["form"].errors
    item.refresh_from_db()
    assert item.status == ItemStatus.PLANNED


# --- The council's plan (R5.1) ---


def test_the_deputy_takes_two_items_and_the_status_shows_on_both_sides(
    world, client, plan, council_plan
):
    first = factories.association_item(plan, "Семинар: «Функционалдык сабаттуулук»", month=10)
    second = factories.association_item(plan, "Олимпиадага даярдоо", month=12)
    client_for(client, world.users["deputy"])
    url = reverse("plans:council_take", kwargs={"pk": council_plan.pk})
    assert client.post(url, {"items": [first.pk, second.pk]}).status_code == 302
    assert council_plan.items.count() == 2
    taken = council_plan.items.get(origin_item=first)
    status_url = reverse("plans:council_item_status", kwargs={"pk": taken.pk})
    client.post(status_url, {"status": "done", "note": "Өткөрүлдү"})
    client.logout()
    client_for(client, world.users["mahead"])
    page = client.get(reverse("plans:association_plan", kwargs={"pk": plan.pk})).content.decode()
    first.refresh_from_db()
    assert first.status == ItemStatus.DONE
    assert "Өткөрүлдү" in page


def test_group_by_direction_responsible_and_association(world, client, plan, council_plan):
    programme = services.programme_create(
        school=world.school, title="Программа", start_year=2020, end_year=2035
    )
    direction = services.direction_create(programme=programme, title="Санариптик билим берүү")
    origin = factories.association_item(
        plan, "Веб-квест", month=10, direction=direction, responsible=[world.staff["teacher"]]
    )
    services.council_plan_take(plan=council_plan, items=[origin])
    factories.council_item(council_plan, "Педагогикалык кеңешке даярдык", quarter=4)
    client_for(client, world.users["director"])
    url = reverse("plans:council_plan", kwargs={"pk": council_plan.pk})
    by_direction = client.get(url + "?group=direction").context["groups"]
    assert [g.label for g in by_direction] == [str(direction), "Багытка байланышпаган"]
    by_person = client.get(url + "?group=responsible").context["groups"]
    assert by_person[0].label == world.staff["teacher"].short_name
    by_association = client.get(url + "?group=association").context["groups"]
    assert [g.label for g in by_association] == [world.association.name, "Кеңештин өз иш-чаралары"]
    page = client.get(url)
    assert "Чейрек жана ай" in page.content.decode()  # the groupings' names are translated
    by_quarter = page.context["groups"]
    assert [g.key for g in by_quarter] == [1, 4]  # October is in quarter I


def test_progress_and_overdue(world, client, plan, monkeypatch):
    day = world.year.start_date + datetime.timedelta(days=75)  # mid November
    monkeypatch.setattr("plans.selectors.today", lambda: day)
    monkeypatch.setattr("plans.views.today", lambda: day)
    september = factories.association_item(plan, "Сентябрдагы семинар", month=9)
    done = factories.association_item(plan, "Октябрдагы ачык сабак", month=10)
    services.plan_item_set_status(item=done, status=ItemStatus.DONE)
    cancelled = factories.association_item(plan, "Жокко чыгарылган", month=10)
    services.plan_item_set_status(item=cancelled, status=ItemStatus.CANCELLED, note="Ооруп калды")
    factories.association_item(plan, "Мартта", month=3)
    client_for(client, world.users["teacher"])
    response = client.get(reverse("plans:association_plan", kwargs={"pk": plan.pk}))
    progress = response.context["progress"]
    assert (progress.done, progress.planned, progress.overdue) == (1, 3, 1)
    page = response.content.decode()
    row = page.split(f'data-item="{september.pk}"')[1].split("</tr>")[0]
    assert 'data-status="overdue"' in row
    overview = client.get(reverse("plans:index") + f"?year={world.year.pk}").context["rows"]
    row = next(r for r in overview if r["association"] == world.association)
    assert (row["progress"].done, row["progress"].planned, row["progress"].overdue) == (1, 3, 1)


def test_copy_into_the_next_year_through_the_page(world, client, plan):
    next_year = make_year(world.school, world.year.start_date.year + 1)
    factories.association_item(plan, "Өз алдынча билим алуу боюнча отчет", month=4)
    client_for(client, world.users["mahead"])
    response = client.post(reverse("plans:association_plan_copy", kwargs={"pk": plan.pk}))
    assert response.status_code == 302
    new_plan = world.association.plans.get(academic_year=next_year)
    copy = new_plan.items.get()
    assert copy.planned_start == datetime.date(next_year.end_date.year, 4, 1)
    assert copy.status == ItemStatus.PLANNED


def test_put_on_the_agenda_of_a_planned_meeting(world, client, council_plan):
    item = factories.council_item(council_plan, "Жаш адистердин мектеби", quarter=2)
    meeting = plan_meeting(world.council, world.year.start_date + datetime.timedelta(days=80))
    client_for(client, world.users["deputy"])
    url = reverse("plans:council_item_agenda", kwargs={"pk": item.pk})
    assert str(meeting.number) in client.get(url).content.decode()
    assert client.post(url, {"meeting": meeting.pk, "items": [item.pk]}).status_code == 302
    item.refresh_from_db()
    assert item.agenda_item.meeting == meeting
    page = client.get(reverse("plans:council_plan", kwargs={"pk": council_plan.pk}))
    assert reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk}) in page.content.decode()


def test_the_next_meeting_is_chosen_and_several_items_go_on_its_agenda(
    world, school_day, client, council_plan
):
    first = factories.council_item(council_plan, "Жаш адистердин мектеби", quarter=2)
    second = factories.council_item(council_plan, "Ачык сабактардын декадасы", quarter=2)
    other = factories.council_item(council_plan, "Портфолио көргөзмөсү", quarter=3)
    start = world.year.start_date  # school_day is 80 days after it
    plan_meeting(world.council, start + datetime.timedelta(days=10))  # past, not held
    following = plan_meeting(world.council, start + datetime.timedelta(days=85))
    plan_meeting(world.council, start + datetime.timedelta(days=120))
    client_for(client, world.users["deputy"])
    url = reverse("plans:council_item_agenda", kwargs={"pk": first.pk}) + "?group=quarter"
    form = client.get(url).context["form"]
    assert form["meeting"].value() == following.pk
    assert form["items"].value() == [first.pk]
    assert {i.pk for i in form.fields["items"].queryset} == {first.pk, second.pk, other.pk}
    response = client.post(url, {"meeting": following.pk, "items": [first.pk, second.pk]})
    plan_url = reverse("plans:council_plan", kwargs={"pk": council_plan.pk})
    assert response.url == f"{plan_url}?group=quarter#item-{first.pk}"
    for item in (first, second, other):
        item.refresh_from_db()
    assert first.agenda_item.meeting == following == second.agenda_item.meeting
    assert other.agenda_item is None
    page = client.get(response.url).content.decode()
    assert f'id="item-{first.pk}"' in page


# --- Pages do not grow their queries with the items ---


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_plan_pages_query_count_does_not_grow(world, client, plan, council_plan):
    programme = services.programme_create(
        school=world.school, title="Программа", start_year=2020, end_year=2035
    )
    direction = services.direction_create(programme=programme, title="Сапат")

    def add(n):
        for i in range(n):
            person = StaffFactory(school=world.school)
            origin = factories.association_item(
                plan, f"Иш-чара {i}", month=9 + i % 4, direction=direction, responsible=[person]
            )
            services.council_plan_take(plan=council_plan, items=[origin])
            factories.council_item(
                council_plan, f"Кеңеш {i}", quarter=1 + i % 4, responsible=[person]
            )

    client_for(client, world.users["deputy"])
    add(2)
    urls = [
        reverse("plans:association_plan", kwargs={"pk": plan.pk}),
        reverse("plans:council_plan", kwargs={"pk": council_plan.pk}) + "?group=association",
        reverse("plans:council_plan", kwargs={"pk": council_plan.pk}) + "?group=responsible",
        reverse("plans:council_take", kwargs={"pk": council_plan.pk}),
        reverse("plans:index"),
    ]
    few = [_queries(client, url) for url in urls]
    add(8)
    many = [_queries(client, url) for url in urls]
    assert many == few


# --- The document ---


@pytest.mark.parametrize(
    ("lang", "heading", "column", "signer"),
    [
        ("ky", "иш планы", "Аткарылгандыгы жөнүндө белги", "Методикалык кеңештин төрагасы"),
        ("ru", "План работы", "Отметка о выполнении", "Председатель методического совета"),
    ],
)
def test_the_yearly_plan_pdf(world, client, council_plan, lang, heading, column, signer):
    factories.council_item(
        council_plan,
        "Өңүттүү семинар: «Үйрөнүүнүн жаңы ыкмалары»",
        quarter=2,
        responsible=[world.staff["deputy"]],
        expected_result="Методикалык сунуштар",
    )
    client_for(client, world.users["teacher"])
    response = client.get(
        reverse("plans:council_plan_pdf", kwargs={"pk": council_plan.pk}) + f"?lang={lang}"
    )
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape A4
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert heading in text
    assert column in text
    assert signer in text
    assert "Үйрөнүүнүн жаңы ыкмалары" in text
    assert "Методикалык сунуштар" in text
    assert world.staff["deputy"].short_name in text


# --- The development programme (R5.2) ---


def test_the_deputy_keeps_the_programme_and_its_directions(world, client):
    client_for(client, world.users["deputy"])
    response = client.post(
        reverse("plans:programme_create"),
        {"title": "Мектепти өнүктүрүү программасы", "start_year": "2024", "end_year": "2029"},
    )
    assert response.status_code == 302
    programme = world.school.programmes.get()
    url = reverse("plans:direction_create", kwargs={"pk": programme.pk})
    assert client.post(url, {"order": "1", "title": "Сапаттуу билим"}).status_code == 302
    response = client.post(url, {"order": "1", "title": "Санариптик мектеп"})
    assert "order" in response.context["form"].errors
    assert programme.directions.count() == 1
    page = client.get(reverse("plans:programme_list")).content.decode()
    assert "1. Сапаттуу билим" in page


def test_a_programme_ending_before_it_starts(world, client):
    client_for(client, world.users["deputy"])
    response = client.post(
        reverse("plans:programme_create"),
        {"title": "Программа", "start_year": "2029", "end_year": "2024"},
    )
    assert "end_year" in response.context["form"].errors
    assert response.context["form"]["title"].value() == "Программа"
    assert not world.school.programmes.exists()


def test_an_approved_meetings_agenda_is_not_offered(world, client, council_plan):
    from meetings.models import Meeting

    item = factories.council_item(council_plan, quarter=1)
    held = plan_meeting(world.council, world.year.start_date + datetime.timedelta(days=10))
    Meeting.objects.filter(pk=held.pk).update(
        status=Meeting.Status.APPROVED,
        approved_at=datetime.datetime(2026, 9, 12, tzinfo=datetime.UTC),
    )
    client_for(client, world.users["deputy"])
    url = reverse("plans:council_item_agenda", kwargs={"pk": item.pk})
    response = client.post(url, {"meeting": held.pk})
    assert response.status_code == 200
    assert "meeting" in response.context["form"].errors
    item.refresh_from_db()
    assert item.agenda_item is None


def test_the_overview_of_another_year(world, client):
    previous = make_year(world.school, world.year.start_date.year - 1)
    client_for(client, world.users["teacher"])
    response = client.get(reverse("plans:index") + f"?year={previous.pk}")
    assert response.context["year"] == previous
    assert client.get(reverse("plans:index") + f"?year={world.other_year.pk}").status_code == 404


# --- One description per kind of plan; pages built on the shared form and confirm pages ---


def test_each_kind_of_plan_names_its_pages():
    for kind in (kinds.ASSOCIATION, kinds.COUNCIL):
        for part in kinds.URL_PARTS:
            assert reverse(kind.urls[part], kwargs={"pk": 1}).startswith("/")


def test_an_item_edited_shows_its_month_and_no_quarter(world, client, plan):
    item = factories.association_item(plan, "Декабрдагы семинар", month=12)
    client_for(client, world.users["mahead"])
    response = client.get(reverse("plans:association_item_edit", kwargs={"pk": item.pk}))
    form = response.context["form"]
    assert (form["month"].value(), form["quarter"].value()) == (12, None)
    page = response.content.decode()
    assert reverse("plans:association_item_delete", kwargs={"pk": item.pk}) in page
    assert reverse("plans:association_plan", kwargs={"pk": plan.pk}) in page


def test_a_taken_item_is_not_removed_through_the_page(world, client, plan, council_plan):
    item = factories.association_item(plan, "Алынган иш-чара", month=10)
    services.council_plan_take(plan=council_plan, items=[item])
    client_for(client, world.users["mahead"])
    url = reverse("plans:association_item_delete", kwargs={"pk": item.pk})
    assert "Алынган иш-чара" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "plans:association_plan", kwargs={"pk": plan.pk}
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert AssociationPlanItem.objects.filter(pk=item.pk).exists()


def test_the_copy_page_says_what_will_be_copied(world, client, plan):
    next_year = make_year(world.school, world.year.start_date.year + 1)
    factories.association_item(plan, month=10)
    client_for(client, world.users["mahead"])
    page = client.get(reverse("plans:association_plan_copy", kwargs={"pk": plan.pk}))
    assert next_year.name in page.context["text"]
    assert next_year.name in page.context["button"]


def test_the_overview_of_a_year_that_is_no_number(world, client):
    client_for(client, world.users["teacher"])
    assert client.get(reverse("plans:index") + "?year=abc").status_code == 404


def test_no_meeting_to_put_an_item_on(world, client, council_plan):
    item = factories.council_item(council_plan, quarter=1)
    client_for(client, world.users["deputy"])
    page = client.get(reverse("plans:council_item_agenda", kwargs={"pk": item.pk}))
    html = page.content.decode()
    assert "alert-warning" in html
    assert 'name="meeting"' not in html
