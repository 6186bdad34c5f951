"""The shared page skeleton (school.pages), form helpers, badges, dates and file removal."""

import datetime

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from django_scopes import scopes_disabled

from meetings.models import Decision
from school.calendar import short_date
from school.forms import DateInput, ServiceErrorsMixin
from school.models import AcademicYear, delete_on_commit
from school.pages import confirm_page, form_page, paginate, year_from_query
from school.tests.factories import make_year
from tests.transactions import rolled_back


class NoteForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label="Title")
    on = forms.DateField(label="On", widget=DateInput)
    initial_fields = {"on": "start_date"}


def _request(world, method="get", data=None, path="/page/"):
    request = getattr(RequestFactory(), method)(path, data or {})
    request.user = world.users["deputy"]
    request._messages = CookieStorage(request)
    return request


def _texts(request):
    return [str(message) for message in get_messages(request)]


def test_form_page_shows_the_form_with_its_heading_and_back_link(world):
    request = _request(world)
    response = form_page(
        request,
        NoteForm(),
        save=lambda form: None,
        done="/done/",
        context={"heading": "A new note", "back_url": "/notes/"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "A new note" in html
    assert 'href="/notes/"' in html
    assert 'enctype="multipart/form-data"' not in html


def test_form_page_saves_then_says_so_and_redirects(world):
    request = _request(world, "post", {"title": "Семинар", "on": "2026-10-01"})
    saved = []

    def save(form):
        saved.append(form.service_args())
        return 7

    response = form_page(
        request,
        NoteForm(request.POST),
        save=save,
        done=lambda pk: f"/notes/{pk}/",
        message=lambda pk: f"Note {pk} saved.",
    )
    assert response.status_code == 302 and response.url == "/notes/7/"
    assert saved == [{"title": "Семинар", "on": datetime.date(2026, 10, 1)}]
    assert _texts(request) == ["Note 7 saved."]


def test_a_service_refusal_lands_next_to_its_field_and_the_typed_text_stays(world):
    request = _request(world, "post", {"title": "Семинар жыйыны", "on": "2026-10-01"})

    def save(form):
        raise ValidationError({"title": "This title is taken."})

    response = form_page(
        request,
        NoteForm(request.POST),
        save=save,
        done="/done/",
        context={"heading": "A new note"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This title is taken." in html
    assert 'value="Семинар жыйыны"' in html
    assert _texts(request) == []


def test_initial_for_reads_the_record_through_the_field_map(world):
    assert NoteForm.initial_for(world.year) == {"on": world.year.start_date}


def test_confirm_page_asks_first_and_acts_only_on_post(world):
    done = []
    kwargs = dict(
        action=lambda: done.append(1),
        done="/done/",
        message="Removed.",
        title="Remove the note?",
        back="/notes/1/",
    )
    response = confirm_page(_request(world), **kwargs)
    assert response.status_code == 200 and "Remove the note?" in response.content.decode()
    assert done == []
    request = _request(world, "post")
    response = confirm_page(request, **kwargs)
    assert response.status_code == 302 and response.url == "/done/"
    assert done == [1] and _texts(request) == ["Removed."]


def test_a_refused_confirmation_goes_back_with_the_reason(world):
    def refuse():
        raise ValidationError("The note is on an approved protocol.")

    request = _request(world, "post")
    response = confirm_page(
        request, action=refuse, done="/done/", message="Removed.", title="?", back="/notes/1/"
    )
    assert response.status_code == 302 and response.url == "/notes/1/"
    assert _texts(request) == ["The note is on an approved protocol."]


def test_paginate_keeps_the_other_filters_on_the_page_links(world):
    request = _request(world, data={"status": "open", "page": "2"})
    context = paginate(request, list(range(120)), per_page=50)
    assert context["page"].number == 2
    assert list(context["page"].object_list) == list(range(50, 100))
    assert context["page_query"] == "status=open&"
    html = Template('{% include "includes/pagination.html" %}').render(Context(context))
    assert 'href="?status=open&amp;page=3"' in html


def test_the_year_asked_for_is_one_of_the_users_school_else_the_current_one(world):
    older = make_year(world.school, start_year=world.year.start_date.year - 1)
    assert year_from_query(_request(world, data={"year": str(older.pk)})) == older
    assert year_from_query(_request(world)) == world.year
    assert year_from_query(_request(world, data={"year": "x"})) == world.year
    with scopes_disabled():
        foreign = AcademicYear.objects.get(pk=world.other_year.pk)
    asked_foreign = _request(world, data={"year": str(foreign.pk)})
    assert year_from_query(asked_foreign) == world.year
    with pytest.raises(Http404):
        year_from_query(asked_foreign, strict=True)


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_short_date_is_written_day_month_year(language):
    with translation.override(language):
        assert short_date(datetime.date(2026, 9, 1)) == "01.09.2026"
    assert short_date(None) == ""


def test_status_badge_takes_the_colour_from_the_model(world, monkeypatch):
    monkeypatch.setattr(Decision, "STATUS_BADGES", {"done": "text-bg-success"}, raising=False)
    decision = Decision(status="done")
    html = Template("{% load kenesh %}{% status_badge decision %}").render(
        Context({"decision": decision})
    )
    assert 'class="badge text-bg-success"' in html
    assert decision.get_status_display() in html
    overdue = Template(
        '{% load kenesh %}{% status_badge decision status="overdue" label="late" %}'
    ).render(Context({"decision": decision}))
    assert 'class="badge text-bg-light border"' in overdue and "late" in overdue


@pytest.mark.django_db(transaction=True)
def test_a_file_is_deleted_only_when_the_removal_commits(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    name = default_storage.save("tests/delete-on-commit.txt", ContentFile(b"protocol"))
    stored = _FieldFile(name)
    try:
        with rolled_back():
            delete_on_commit(stored)
        assert default_storage.exists(name)
        with transaction.atomic():
            delete_on_commit(stored)
            assert default_storage.exists(name)
        assert not default_storage.exists(name)
    finally:
        default_storage.delete(name)


class _FieldFile:
    """The part of a FieldFile that delete_on_commit reads."""

    def __init__(self, name):
        self.name, self.storage = name, default_storage

    def __bool__(self):
        return bool(self.name)


def test_the_list_page_draws_a_row_for_each_record_or_says_there_is_none(rf, world):
    page = Template(
        '{% extends "list_page.html" %}'
        "{% block columns %}<th>Name</th>{% endblock %}"
        "{% block row %}<td>{{ row }}</td>{% endblock %}"
    )
    request = rf.get("/")
    request.user = world.users["deputy"]
    html = page.render(Context({"request": request, "heading": "Groups", "rows": ["A", "B"]}))
    assert "<td>A</td>" in html and "<td>B</td>" in html and "Groups" in html
    with translation.override("en"):
        empty = page.render(Context({"request": request, "heading": "Groups", "rows": []}))
    assert "<td>" not in empty and "Nothing yet." in empty
