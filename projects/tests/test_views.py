"""The pages: bad input keeps what was typed and saves nothing; the lists keep a fixed
number of queries; materials only through a permission-checked view."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from experience.tests.factories import pdf_upload
from meetings.models import AgendaItem
from meetings.tests.factories import plan_meeting
from projects.models import Event, Group, Stage

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"


def _group_post(world, **overrides):
    data = {
        "kind": "creative",
        "name": "Инсандык-багытталган окутуу тобу",
        "goal": "Ар бир окуучунун жеке траекториясын түзүү ыкмаларын иштеп чыгуу.",
        "leader": world.staff["mahead"].pk,
        "members": [world.staff["teacher"].pk],
        "starts_on": world.year.start_date.isoformat(),
        "ends_on": world.year.end_date.isoformat(),
        "results": "",
    }
    data.update(overrides)
    return data


def test_a_group_with_no_members_is_refused_on_the_page(world, client):
    client_for(client, world.users["deputy"])
    response = client.post(reverse("projects:group_create"), _group_post(world, members=[]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "is-invalid" in page
    assert 'value="Инсандык-багытталган окутуу тобу"' in page
    assert "жеке траекториясын" in page
    assert not Group.objects.exists()


def test_another_schools_member_id_is_refused_on_the_page(world, client):
    client_for(client, world.users["deputy"])
    data = _group_post(world, members=[world.staff["other_school"].pk])
    response = client.post(reverse("projects:group_create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert 'value="Инсандык-багытталган окутуу тобу"' in page
    assert not Group.objects.exists()


def test_a_group_is_created_and_put_on_the_agenda(world, client):
    client_for(client, world.users["deputy"])
    response = client.post(reverse("projects:group_create"), _group_post(world))
    group = Group.objects.get()
    assert response.url == reverse("projects:group_detail", args=[group.pk])
    meeting = plan_meeting(world.council)
    agenda_url = reverse("projects:group_agenda", args=[group.pk])
    form_page = client.get(agenda_url).content.decode()
    assert "Инсандык-багытталган окутуу тобу" in form_page
    response = client.post(
        agenda_url, {"meeting": meeting.pk, "title": "Чыгармачыл топтун жарым жылдык отчету"}
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting, title="Чыгармачыл топтун жарым жылдык отчету")
    assert list(item.speakers.all()) == [world.staff["mahead"]]
    page = client.get(response.url).content.decode()
    assert f"#item-{item.pk}" in page


def test_the_leader_adds_a_stage_a_bad_date_is_refused(world, client):
    project = factories.project(world)
    client_for(client, world.users["mahead"])
    url = reverse("projects:stage_create", args=[project.pk])
    outside = project.ends_on + datetime.timedelta(days=5)
    data = {
        "title": "Жыйынтыктарды жалпылоо",
        "starts_on": project.starts_on.isoformat(),
        "ends_on": outside.isoformat(),
        "status": "planned",
        "outcome": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "The project runs from" in response.content.decode()
    assert not Stage.objects.exists()
    data["ends_on"] = project.ends_on.isoformat()
    assert client.post(url, data).status_code == 302
    assert Stage.objects.get().title == "Жыйынтыктарды жалпылоо"


def test_an_event_with_an_oversize_material_is_refused(world, client, settings):
    settings.UPLOAD_MAX_BYTES = 50
    client_for(client, world.users["deputy"])
    day = world.year.start_date + datetime.timedelta(days=40)
    response = client.post(
        reverse("projects:event_create"),
        {
            "title": "Педагогикалык окуулар",
            "kind": "readings",
            "starts_on": day.isoformat(),
            "ends_on": day.isoformat(),
            "organisers": [world.staff["deputy"].pk],
            "status": "planned",
            "upload": pdf_upload(content=b"%PDF-1.4\n" + b"1" * 100),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "at most 50" in page
    assert 'value="Педагогикалык окуулар"' in page
    assert not Event.objects.exists()


def test_a_material_is_downloaded_through_the_view(world, client):
    event = factories.event(world, upload=pdf_upload("программа.pdf"))
    material = event.materials.get()
    client_for(client, world.users["teacher"])
    response = client.get(reverse("projects:material_download", args=[material.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert (
        "/media/"
        not in client.get(reverse("projects:event_detail", args=[event.pk])).content.decode()
    )


def test_edit_pages_show_the_record_and_save_it(world, client):
    event = factories.event(world, description="Программа")
    project = factories.project(world)
    stage = factories.stage(project)
    client_for(client, world.users["deputy"])
    page = client.get(reverse("projects:event_edit", args=[event.pk])).content.decode()
    assert "Edit the event" in page
    assert 'value="Акт залы"' in page
    assert f'value="{world.staff["teacher"].pk}" checked' in page
    assert "At most" in page  # the file's help text from the settings
    page = client.get(reverse("projects:stage_edit", args=[stage.pk])).content.decode()
    assert "Stage 1" in page and f'value="{stage.title}"' in page
    assert project.title in page  # the link back names the project
    data = {
        "title": "Жаңы аталыш",
        "starts_on": stage.starts_on.isoformat(),
        "ends_on": stage.ends_on.isoformat(),
        "status": "active",
        "outcome": "",
    }
    response = client.post(reverse("projects:stage_edit", args=[stage.pk]), data)
    assert response.url == reverse("projects:project_detail", args=[project.pk]) + "#stages"
    stage.refresh_from_db()
    assert (stage.title, stage.status) == ("Жаңы аталыш", "active")
    assert 'data-status="active"' in client.get(response.url).content.decode()


def test_a_material_is_removed_after_a_confirmation(world, client):
    event = factories.event(world, upload=pdf_upload("программа.pdf"))
    material = event.materials.get()
    url = reverse("projects:material_delete", args=[material.pk])
    client_for(client, world.users["deputy"])
    page = client.get(url).content.decode()
    assert "Remove the material программа.pdf?" in page
    assert event.materials.exists()
    response = client.post(url)
    assert response.url == reverse("projects:event_detail", args=[event.pk])
    assert not event.materials.exists()


@pytest.mark.parametrize("name", ["event_list", "group_list", "project_list"])
def test_list_pages_do_not_grow_with_rows(world, client, name):
    def build(n, offset):
        for i in range(offset, offset + n):
            factories.event(world, title=f"Семинар {i}", upload=pdf_upload())
            factories.group(world, name=f"Топ {i}")
            project = factories.project(world, title=f"Долбоор {i}")
            factories.stage(project)

    client_for(client, world.users["deputy"])
    url = reverse(f"projects:{name}")
    build(2, 0)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    build(6, 2)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_events_are_listed_newest_first(world, client):
    first = world.year.start_date + datetime.timedelta(days=10)
    factories.event(world, title="Эрте семинар", kind="seminar", starts_on=first, ends_on=first)
    later = first + datetime.timedelta(days=20)
    factories.event(world, title="Кийинки семинар", kind="seminar", starts_on=later, ends_on=later)
    client_for(client, world.users["teacher"])
    page = client.get(reverse("projects:event_list")).content.decode()
    assert page.index("Кийинки семинар") < page.index("Эрте семинар")


@pytest.mark.parametrize(
    ("name", "heading", "empty", "action"),
    [
        (
            "event_list",
            "Conferences, seminars, exhibitions, readings and master classes",
            "No events.",
            "event_create",
        ),
        ("group_list", "Creative and project groups", "No groups.", "group_create"),
        (
            "project_list",
            "Research and innovation projects",
            "No research projects.",
            "project_create",
        ),
    ],
)
def test_a_list_page_shows_its_rows_or_says_there_are_none(
    world, client, name, heading, empty, action
):
    client_for(client, world.users["deputy"])
    url = reverse(f"projects:{name}")
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert heading in page and empty in page and "<tbody>" not in page
    assert reverse(f"projects:{action}") in page
    factories.event(world, title="Семинар-практикум")
    factories.group(world, name="Чыгармачыл топ")
    factories.project(world, title="Изилдөө долбоору")
    page = client.get(url).content.decode()
    assert empty not in page
    assert any(title in page for title in ("Семинар-практикум", "Чыгармачыл топ", "Изилдөө"))


def test_a_teacher_is_not_offered_the_main_action_of_the_lists(world, client):
    client_for(client, world.users["teacher"])
    page = client.get(reverse("projects:event_list")).content.decode()
    assert reverse("projects:event_create") not in page
