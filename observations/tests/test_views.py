import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from hypothesis import strategies as st
from pypdf import PdfReader

from conftest import client_for
from members.models import Subject
from observations import services
from observations.models import CriteriaSet, Observation, ObservationNote, Score
from observations.tests.factories import make_criteria_set, make_observation
from school.selectors import today
from tests.fuzz import DATES, NUMBERS, TEXT, fuzz_form, ids


def ky(message, **params):
    """A message as the Kyrgyz page shows it (and check that it is translated)."""
    with translation.override("ky"):
        text = gettext(message)
    assert text != message, f"not translated: {message}"
    return text % params if params else text


@pytest.fixture
def card(world):
    return services.criteria_set_default_for(world.school)


@pytest.fixture
def subject(world):
    return Subject.objects.create(school=world.school, name="Математика")


def _post_data(world, card, subject, *, action="submit", score=4, **overrides):
    data = {
        "teacher": world.staff["teacher"].pk,
        "date": (today() - datetime.timedelta(days=1)).isoformat(),
        "lesson_number": "3",
        "grade": "7",
        "class_letter": "Б",
        "subject": subject.pk,
        "topic": "Бөлчөктөрдү кошуу",
        "lesson_type": "combined",
        "purpose": "young_specialist",
        "strengths": "Окуучулар активдүү.",
        "shortcomings": "",
        "recommendations": "Дифференциалдык тапшырмалар.",
        "conclusion": "Сабак жакшы өттү.",
        "follow_up_on": "",
        "action": action,
    }
    for criterion in card.criteria.all():
        data[f"score_{criterion.pk}"] = str(score) if score is not None else ""
    data.update(overrides)
    return data


def test_the_new_visit_form_creates_the_default_card(client, world):
    client_for(client, world.users["mahead"])
    response = client.get(reverse("observations:create"))
    assert response.status_code == 200
    card = CriteriaSet.objects.get(school=world.school)
    page = response.content.decode()
    assert "Сабактын максаты коюлган жана ага жетишилген" in page
    assert 'class="btn-check"' in page
    assert "observations/visit_form.js" in page
    # Oneself is not offered as the observed teacher.
    assert (
        f'value="{world.staff["mahead"].pk}"'
        not in page.split('name="teacher"')[1].split("</select>")[0]
    )
    assert card.criteria.count() == 10


def test_submit_a_visit(client, world, card, subject):
    client_for(client, world.users["mahead"])
    response = client.post(reverse("observations:create"), _post_data(world, card, subject))
    visit = Observation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("observations:detail", args=[visit.pk]) + "?saved=1"
    assert visit.is_submitted and visit.observer == world.staff["mahead"]
    assert visit.scores.count() == 10 and visit.class_label == "7-Б"
    page = client.get(response["Location"]).content.decode()
    # The saved page tells the form script to forget the typed text.
    assert "data-clear-keys" in page


def test_save_a_draft_with_missing_scores_then_submit_asks_for_them(client, world, card, subject):
    client_for(client, world.users["mahead"])
    data = _post_data(world, card, subject, action="draft", score=None, conclusion="")
    first = card.criteria.order_by("order").first()
    data[f"score_{first.pk}"] = "5"
    response = client.post(reverse("observations:create"), data)
    visit = Observation.objects.get()
    assert response["Location"] == reverse("observations:edit", args=[visit.pk]) + "?saved=1"
    assert visit.is_draft and visit.scores.count() == 1
    data["action"] = "submit"
    response = client.post(reverse("observations:edit", args=[visit.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count(ky("Give a score for this criterion before submitting.")) == 9
    assert ky("Write the conclusion before submitting.") in page
    # What was typed is kept.
    assert "Бөлчөктөрдү кошуу" in page and "Окуучулар активдүү." in page
    visit.refresh_from_db()
    assert visit.is_draft and visit.scores.count() == 1


@pytest.mark.parametrize(
    ("override", "field", "message"),
    [
        ("score", "score", ky("The score must be from %(min)s to %(max)s.", min=1, max=5)),
        ("self", "teacher", ky("A teacher cannot observe their own lesson.")),
        ("future", "date", ky("A visit cannot be submitted before the lesson has taken place.")),
        ("other_school", "teacher", ky("Choose a teacher of your school.")),
    ],
)
def test_bad_input_is_refused_next_to_the_field(
    client, world, card, subject, override, field, message
):
    client_for(client, world.users["mahead"])
    data = _post_data(world, card, subject)
    if override == "score":
        data[f"score_{card.criteria.first().pk}"] = "7"
    elif override == "self":
        data["teacher"] = world.staff["mahead"].pk
    elif override == "future":
        data["date"] = (today() + datetime.timedelta(days=2)).isoformat()
    elif override == "other_school":
        data["teacher"] = world.staff["other_school"].pk
    response = client.post(reverse("observations:create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    key = f"score_{card.criteria.first().pk}" if field == "score" else field
    assert form.errors[key] == [message]
    assert message in response.content.decode()
    assert "Сабак жакшы өттү." in response.content.decode()  # typed text kept
    assert not Observation.objects.exists() and not Score.objects.exists()


def test_the_observed_teacher_acknowledges(client, world):
    visit = make_observation(world.staff["mahead"], world.staff["teacher"])
    client_for(client, world.users["teacher"])
    about = client.get(reverse("observations:about_me")).content.decode()
    assert reverse("observations:detail", args=[visit.pk]) in about
    url = reverse("observations:acknowledge", args=[visit.pk])
    detail = client.get(reverse("observations:detail", args=[visit.pk])).content.decode()
    assert ky("I have read it") in detail and 'name="familiarised"' not in detail
    response = client.post(url, {"response": "Макулмун."})  # one button, no tick box
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.is_acknowledged and visit.teacher_response == "Макулмун."
    page = client.get(reverse("observations:detail", args=[visit.pk])).content.decode()
    assert "Макулмун." in page
    # Locked: the author cannot edit it any more, but may add a note.
    client.logout()
    client_for(client, world.users["mahead"])
    assert client.get(reverse("observations:edit", args=[visit.pk])).status_code == 403
    client.post(reverse("observations:note_add", args=[visit.pk]), {"text": "Кайра катыштым."})
    assert ObservationNote.objects.get().author == world.staff["mahead"]


def test_a_colleague_gets_404_for_another_teachers_visit(client, world):
    visit = make_observation(world.staff["mahead"], world.staff["teacher"])
    client_for(client, world.users["secretary"])
    for name in ("detail", "pdf", "edit"):
        assert client.get(reverse(f"observations:{name}", args=[visit.pk])).status_code == 404
    # Acknowledging is a POST: a GET is refused before anything is looked up.
    assert client.get(reverse("observations:acknowledge", args=[visit.pk])).status_code == 405
    assert (
        client.post(
            reverse("observations:acknowledge", args=[visit.pk]), {"familiarised": "on"}
        ).status_code
        == 404
    )
    assert "Бөлчөктөрдү кошуу" not in client.get(reverse("observations:browse")).content.decode()
    visit.refresh_from_db()
    assert visit.is_submitted


def test_withdraw_and_delete_a_draft(client, world):
    visit = make_observation(world.staff["mahead"], world.staff["teacher"])
    client_for(client, world.users["mahead"])
    client.post(reverse("observations:withdraw", args=[visit.pk]))
    visit.refresh_from_db()
    assert visit.is_draft
    client.post(reverse("observations:delete", args=[visit.pk]))
    assert not Observation.objects.exists()


@pytest.mark.parametrize(
    ("language", "heading"), [("ky", "Сабакка катышуунун картасы"), ("ru", "Карта посещения урока")]
)
def test_the_card_pdf_in_the_language_asked(client, world, language, heading):
    visit = make_observation(world.staff["mahead"], world.staff["teacher"])
    client_for(client, world.users["teacher"])
    response = client.get(reverse("observations:pdf", args=[visit.pk]) + f"?lang={language}")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert heading in text
    assert world.staff["teacher"].full_name in text
    assert "7-Б" in text and "Бөлчөктөрдү кошуу" in text


def _add_visits(world, count):
    """`count` submitted visits about the teacher, written in bulk."""
    template = make_observation(world.staff["mahead"], world.staff["teacher"])
    criteria = list(template.criteria_set.criteria.all())
    visits = []
    for n in range(count):
        visits.append(
            Observation(
                school=world.school,
                observer=template.observer,
                teacher=template.teacher,
                date=today() - datetime.timedelta(days=n + 1),
                lesson_number=1 + n % 12,
                grade=template.grade,
                class_letter=template.class_letter,
                subject=template.subject,
                topic=f"Тема {n}",
                lesson_type=template.lesson_type,
                purpose=template.purpose,
                criteria_set=template.criteria_set,
                status=Observation.Status.ACKNOWLEDGED,
                submitted_on=today(),
                acknowledged_on=today(),
            )
        )
    visits = Observation.objects.bulk_create(visits)
    Score.objects.bulk_create(
        Score(observation=v, criterion=c, value=1 + (i + j) % 5, scale_min=1, scale_max=5)
        for i, v in enumerate(visits)
        for j, c in enumerate(criteria)
    )


def _history_queries(client, world):
    url = reverse("observations:teacher_history", args=[world.staff["teacher"].pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_teacher_history_query_count_does_not_grow(client, world):
    """The by-teacher page answers 500 visits with as many queries as 3."""
    client_for(client, world.users["deputy"])
    _add_visits(world, 2)
    few, _response = _history_queries(client, world)
    _add_visits(world, 499)
    many, response = _history_queries(client, world)
    assert many == few
    assert many <= 15
    page = response.content.decode()
    assert page.count('class="sparkline"') == 3  # one line per criterion
    assert "Максат коюлган" in page
    # The list shows a page of the visits, newest first; the trend runs over all of them,
    # across the academic years they fall in.
    assert response.context["page"].paginator.count == 503
    assert len(response.context["visits"]) == 50
    assert response.context["visits"][0].date == today() - datetime.timedelta(days=1)
    assert len(response.context["trends"][0].points) == 503
    assert response.context["trends"][0].points[0].date == today() - datetime.timedelta(days=499)
    url = reverse("observations:teacher_history", args=[world.staff["teacher"].pk])
    seen = set()
    for number in range(1, 12):
        visits = client.get(url, {"page": number}).context["visits"]
        seen.update(v.pk for v in visits)
    assert len(seen) == 503  # following the pages shows every visit once
    assert len(visits) == 3


def test_teacher_history_trend_is_aggregated_per_visit(client, world):
    """Each point of a criterion's trend is that visit's score, in date order (P2.5)."""
    first = make_observation(
        world.staff["mahead"], world.staff["teacher"], date=today() - datetime.timedelta(days=9)
    )
    second = make_observation(
        world.staff["mahead"], world.staff["teacher"], date=today() - datetime.timedelta(days=2)
    )
    criterion = first.criteria_set.criteria.order_by("order").first()
    Score.objects.filter(observation=first, criterion=criterion).update(value=2)
    Score.objects.filter(observation=second, criterion=criterion).update(value=5)
    client_for(client, world.users["deputy"])
    url = reverse("observations:teacher_history", args=[world.staff["teacher"].pk])
    response = client.get(url)
    trend = next(t for t in response.context["trends"] if t.text == criterion.text)
    assert [(p.observation_id, p.value) for p in trend.points] == [(first.pk, 2), (second.pk, 5)]
    assert trend.average_value == 3.5
    assert trend.change_percent == 75  # from 2 to 5 on a 1–5 scale
    page = response.content.decode()
    assert "3,5" in page or "3.5" in page
    assert "+75%" in page


def test_lists_query_count_does_not_grow(client, world, school_day):
    client_for(client, world.users["mahead"])
    _add_visits(world, 2)
    counts = {}
    for name in ("mine", "browse"):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse(f"observations:{name}"))
        counts[name] = len(queries)
    _add_visits(world, 60)
    for name in ("mine", "browse"):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse(f"observations:{name}"))
        assert len(queries) == counts[name], name
    client.logout()
    client_for(client, world.users["teacher"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("observations:about_me")).content.decode()
    assert len(queries) < 20
    assert page.count("text-bg-success") >= 60


def test_teacher_history_is_closed_to_a_colleague(client, world):
    client_for(client, world.users["secretary"])
    url = reverse("observations:teacher_history", args=[world.staff["teacher"].pk])
    assert client.get(url).status_code == 403


def test_browse_by_association_and_purpose(client, world, school_day):
    make_observation(
        world.staff["deputy"], world.staff["teacher"], purpose="control", topic="Тема А"
    )
    make_observation(
        world.staff["deputy"], world.staff["secretary"], purpose="attestation", topic="Тема Б"
    )
    client_for(client, world.users["deputy"])
    url = reverse("observations:browse")
    page = client.get(url, {"association": world.association.pk}).content.decode()
    assert "Тема А" in page and "Тема Б" not in page
    page = client.get(url, {"purpose": "attestation"}).content.decode()
    assert "Тема Б" in page and "Тема А" not in page


def test_criteria_edit_in_use_makes_a_version(client, world):
    criteria_set = make_criteria_set(world.school, criteria=["Биринчи", "Экинчи"])
    make_observation(world.staff["mahead"], world.staff["teacher"], criteria_set=criteria_set)
    client_for(client, world.users["deputy"])
    response = client.post(
        reverse("observations:criteria_edit", args=[criteria_set.pk]),
        {"name": criteria_set.name, "scale_min": 1, "scale_max": 5, "criteria": "Биринчи\nҮчүнчү"},
    )
    assert response.status_code == 302
    assert CriteriaSet.objects.filter(school=world.school).count() == 2
    current = CriteriaSet.objects.get(is_current=True)
    assert current.version == 2
    assert list(current.criteria.values_list("text", flat=True)) == ["Биринчи", "Үчүнчү"]
    # Bad scale: an error next to the field, nothing changed.
    response = client.post(
        reverse("observations:criteria_edit", args=[current.pk]),
        {"name": "X", "scale_min": 4, "scale_max": 2, "criteria": "a"},
    )
    assert response.context["form"].errors["scale_max"]
    current.refresh_from_db()
    assert current.name != "X"


def test_young_specialist_conclusion(client, world, school_day):
    teacher = world.staff["teacher"]
    teacher.started_on = world.year.start_date
    teacher.save()
    make_observation(world.staff["mahead"], teacher, recommendations="Рефлексияга убакыт калтыруу.")
    client_for(client, world.users["deputy"])
    listing = client.get(reverse("observations:young_specialists")).content.decode()
    assert teacher.full_name in listing
    url = reverse("observations:young_conclusion", args=[teacher.pk, world.year.pk])
    page = client.get(url).content.decode()
    assert "Рефлексияга убакыт калтыруу." in page  # the draft gathers the recommendations
    client.post(url, {"text": "Жаш адистин иши канааттандырарлык."})
    assert teacher.young_specialist_conclusions.get().text == "Жаш адистин иши канааттандырарлык."
    client.logout()
    client_for(client, world.users["director"])
    assert "Жаш адистин иши канааттандырарлык." in client.get(url).content.decode()
    assert client.post(url, {"text": "x"}).status_code == 403


def test_the_visit_form_survives_any_input(client, world, card, subject):
    client_for(client, world.users["mahead"])
    fixed = _post_data(world, card, subject)
    criteria = list(card.criteria.all())

    def check_saved(data):
        visit = Observation.objects.get(topic=data["topic"].strip())
        assert visit.teacher_id == int(data["teacher"])
        assert visit.scores.count() == len(criteria)

    fuzz_form(
        client,
        reverse("observations:create"),
        fields={
            "teacher": ids(
                [world.staff["teacher"].pk, world.staff["mahead"].pk],
                [world.staff["other_school"].pk],
            ),
            "date": DATES,
            "topic": TEXT,
            "grade": NUMBERS,
            "class_letter": st.one_of(st.sampled_from(["Б", "Ң", "b", ""]), TEXT),
            f"score_{criteria[0].pk}": NUMBERS,
            "conclusion": TEXT,
            "follow_up_on": DATES,
        },
        fixed=fixed,
        models=[Observation, Score],
        check_saved=check_saved,
    )


def _visit_on(world, day, topic, **kwargs):
    return make_observation(
        kwargs.pop("observer", world.staff["mahead"]),
        world.staff["teacher"],
        date=day,
        topic=topic,
        **kwargs,
    )


def test_my_visits_show_the_current_year_unless_another_is_chosen(client, world, school_day):
    this_year = _visit_on(world, today() - datetime.timedelta(days=1), "Быйылкы сабак")
    last_year = _visit_on(
        world, world.year.start_date - datetime.timedelta(days=30), "Былтыркы сабак"
    )
    client_for(client, world.users["mahead"])
    url = reverse("observations:mine")
    response = client.get(url)
    page = response.content.decode()
    assert list(response.context["rows"]) == [this_year]
    assert response.context["form"]["year"].value() == str(world.year.pk)
    assert f'<option value="{world.year.pk}" selected>' in page
    # "All years" (an empty year) shows both, newest first.
    response = client.get(url, {"year": ""})
    assert list(response.context["rows"]) == [this_year, last_year]


def test_my_visits_are_paginated_and_the_pages_keep_the_year(client, world):
    client_for(client, world.users["mahead"])
    _add_visits(world, 120)  # 121 visits by the association head, over two academic years
    in_year = Observation.objects.filter(
        date__gte=world.year.start_date, date__lte=world.year.end_date
    ).count()
    url = reverse("observations:mine")
    response = client.get(url, {"year": ""})
    assert response.context["page"].paginator.count == 121
    assert len(response.context["rows"]) == 50
    page = response.content.decode()
    assert 'class="pagination' in page
    assert 'href="?year=&amp;page=2"' in page and 'href="?year=&amp;page=3"' in page
    response = client.get(url, {"year": "", "page": 3})
    assert len(response.context["rows"]) == 21
    # Without a year in the query the pages stay in the current year.
    response = client.get(url)
    assert response.context["page"].paginator.count == in_year


def test_browse_shows_the_current_year_and_counts_every_visit_of_it(client, world):
    client_for(client, world.users["deputy"])
    _add_visits(world, 120)
    old = _visit_on(
        world,
        world.year.start_date - datetime.timedelta(days=400),
        "Эски сабак",
        purpose="attestation",
    )
    in_year = Observation.objects.filter(
        date__gte=world.year.start_date, date__lte=world.year.end_date
    ).count()
    url = reverse("observations:browse")
    response = client.get(url)
    assert response.context["form"]["year"].value() == str(world.year.pk)
    assert response.context["total"] == in_year  # the totals, not the rows of the page
    assert len(response.context["page"].object_list) == min(in_year, 50)
    assert old not in response.context["page"].object_list
    response = client.get(url, {"year": "", "purpose": "attestation"})
    assert list(response.context["page"].object_list) == [old]
    assert response.context["total"] == 1
    response = client.get(url, {"year": ""})
    assert response.context["total"] == 122
    last = client.get(url, {"year": "", "page": 3}).context["page"]
    assert len(last.object_list) == 22 and old in last.object_list


def test_the_visit_form_tells_its_script_where_to_keep_the_typed_text(client, world):
    """visit_form.js finds the form beside the marker (#visit-form) and keeps the text under
    its key; after a save the marker says so, and the two buttons sit inside the form."""
    client_for(client, world.users["mahead"])
    html = client.get(reverse("observations:create")).content.decode()
    marker = html.index('id="visit-form"')
    form = html.index('<form method="post"', marker)
    assert f'data-draft-key="kenesh-visit-new-{world.users["mahead"].pk}"' in html[marker:form]
    assert "data-saved" not in html[marker:form]
    end = html.index("</form>", form)
    for action in ("draft", "submit"):
        assert f'name="action" type="submit" value="{action}"' in html[form:end]
    visit = make_observation(world.staff["mahead"], world.staff["teacher"], status="draft")
    html = client.get(reverse("observations:edit", args=[visit.pk]) + "?saved=1").content.decode()
    marker = html.index('id="visit-form"')
    assert 'data-saved="1"' in html[marker : html.index('<form method="post"', marker)]


def test_the_lists_show_their_empty_text_and_then_their_rows(client, world, school_day):
    client_for(client, world.users["deputy"])
    mine = client.get(reverse("observations:mine"))
    assert mine.status_code == 200 and mine.context["heading"] == gettext("My visits")
    assert mine.context["action_url"] == reverse("observations:create")
    assert ky("No visits in this academic year.") in mine.content.decode()
    assert ky("No visits match.") in client.get(reverse("observations:browse")).content.decode()
    young = client.get(reverse("observations:young_specialists")).content.decode()
    assert ky("No young specialists in this year.") in young
    teachers = client.get(reverse("observations:teachers"))
    assert teachers.status_code == 200
    assert world.staff["teacher"].full_name in teachers.content.decode()
    history = reverse("observations:teacher_history", args=[world.staff["teacher"].pk])
    assert ky("No visits yet.") in client.get(history).content.decode()
    make_observation(world.staff["deputy"], world.staff["teacher"], topic="Бөлчөктөр")
    for name in ("observations:mine", "observations:browse"):
        page = client.get(reverse(name)).content.decode()
        assert "Бөлчөктөр" in page and ky("No visits match.") not in page
    assert world.staff["deputy"].short_name in client.get(history).content.decode()


def test_a_plain_acknowledgement_is_one_click_without_a_response(client, world):
    visit = make_observation(world.staff["mahead"], world.staff["teacher"])
    client_for(client, world.users["teacher"])
    response = client.post(reverse("observations:acknowledge", args=[visit.pk]))
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.is_acknowledged and visit.teacher_response == ""
