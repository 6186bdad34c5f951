"""Who logged in: the director and the deputy read their school's logins and lift lockouts."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import client_for

PROXY = "127.0.0.1"
PAGE = "/calendar/logins/"


def _login(username, password, address):
    """A login from a computer behind the proxy, in a browser of its own."""
    return Client().post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


@pytest.fixture
def history(world):
    """The deputy logged in; the teacher typed five wrong passwords and is locked out;
    another school's deputy failed once and logged in; a name nobody has failed."""
    assert _login("deputy", "kenesh-test", "192.168.1.10").status_code == 302
    statuses = [_login("teacher", "wrong", "192.168.1.20").status_code for _ in range(5)]
    assert statuses[-1] == 429
    _login("other_deputy", "wrong", "10.8.0.5")
    assert _login("other_deputy", "kenesh-test", "10.8.0.5").status_code == 302
    _login("nobody", "wrong", "10.8.0.6")
    return AccessAttempt.objects.get(username="teacher")


def _page(client, user, language="en"):
    client_for(client, user)
    client.cookies["django_language"] = language
    response = client.get(PAGE)
    assert response.status_code == 200
    return response


def test_the_director_sees_the_school_logins_failures_and_lockouts(client, world, history):
    response = _page(client, world.users["director"])
    page = response.content.decode()
    lockouts = response.context["lockouts"]
    assert [row["user"] for row in lockouts] == [world.users["teacher"]]
    assert lockouts[0]["attempt"].ip_address == "192.168.1.20"
    events = [(e.user.username, e.kind, e.address) for e in response.context["events"]]
    # The newest first: the director opening the page (a login without a request address
    # in the test client), the teacher's lockout, four failures, the deputy's login.
    assert events == [
        ("director", "success", None),
        ("teacher", "lockout", "192.168.1.20"),
        *[("teacher", "failure", "192.168.1.20")] * 4,
        ("deputy", "success", "192.168.1.10"),
    ]
    assert "Lift the lockout" in page and "Wrong password; locked out" in page
    # Another school's logins and names of no user never show.
    assert "other_deputy" not in page and "10.8.0.5" not in page
    assert "nobody" not in page and "10.8.0.6" not in page


def test_another_school_sees_only_its_own(client, world, history):
    response = _page(client, world.users["other_school"])
    page = response.content.decode()
    assert response.context["lockouts"] == []
    kinds = [(e.user.username, e.kind) for e in response.context["events"]]
    assert kinds == [("other_deputy", "success")] * 2 + [("other_deputy", "failure")]
    assert "(teacher)" not in page and "192.168.1." not in page
    assert "Nobody is locked out." in page


def test_an_expired_lockout_is_not_listed(client, world, history):
    AccessAttempt.objects.filter(pk=history.pk).update(
        attempt_time=timezone.now() - datetime.timedelta(hours=1)
    )
    assert _page(client, world.users["deputy"]).context["lockouts"] == []


@pytest.mark.parametrize("role", ["teacher", "secretary", "mahead"])
def test_other_roles_may_not_see_the_page_or_lift(client, world, history, role):
    client_for(client, world.users[role])
    assert client.get(PAGE).status_code == 403
    lift = reverse("school:lockout_lift", args=[history.pk])
    assert client.post(lift).status_code == 403
    assert AccessAttempt.objects.filter(pk=history.pk).exists()


def test_the_deputy_lifts_a_lockout_and_the_teacher_logs_in(client, world, history):
    assert _login("teacher", "kenesh-test", "192.168.1.20").status_code == 429
    client_for(client, world.users["deputy"])
    client.cookies["django_language"] = "en"
    response = client.post(reverse("school:lockout_lift", args=[history.pk]), follow=True)
    assert response.redirect_chain == [(PAGE, 302)]
    name = world.users["teacher"].get_full_name()
    assert f"{name} can log in again." in response.content.decode()
    assert not AccessAttempt.objects.filter(username="teacher").exists()
    assert response.context["lockouts"] == []
    # The failures stay on record; the teacher logs in from the same computer.
    assert AccessFailureLog.objects.filter(username="teacher").count() == 6
    assert _login("teacher", "kenesh-test", "192.168.1.20").status_code == 302
    assert AccessLog.objects.filter(username="teacher").exists()


def test_another_school_cannot_lift_a_lockout(client, world, history):
    client_for(client, world.users["other_school"])
    assert client.post(reverse("school:lockout_lift", args=[history.pk])).status_code == 404
    client.logout()
    client_for(client, world.users["admin"])  # a site admin has no school
    assert client.post(reverse("school:lockout_lift", args=[history.pk])).status_code == 404
    assert AccessAttempt.objects.filter(pk=history.pk).exists()


def _attempt(username, address, *, failures):
    """A record of wrong passwords as django-axes keeps it."""
    return AccessAttempt.objects.create(
        username=username,
        ip_address=address,
        user_agent="x",
        failures_since_start=failures,
        get_data="",
        post_data="",
    )


def test_only_a_lockout_in_force_of_the_school_is_lifted(client, world, history):
    client_for(client, world.users["deputy"])
    other = _attempt("other_deputy", "10.8.0.5", failures=5)
    below_limit = _attempt("secretary", "192.168.1.30", failures=2)
    for attempt in (other, below_limit):
        response = client.post(reverse("school:lockout_lift", args=[attempt.pk]))
        assert response.status_code == 404
    assert AccessAttempt.objects.filter(pk__in=[other.pk, below_limit.pk]).count() == 2


def test_lifting_is_a_post_with_the_csrf_token(world, history):
    client = Client(enforce_csrf_checks=True)
    client_for(client, world.users["deputy"])
    lift = reverse("school:lockout_lift", args=[history.pk])
    assert client.get(lift).status_code == 405
    assert client.post(lift).status_code == 403  # no token
    assert AccessAttempt.objects.filter(pk=history.pk).exists()
    page = client.get(PAGE).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert client.post(lift, {"csrfmiddlewaretoken": token}).status_code == 302
    assert not AccessAttempt.objects.filter(pk=history.pk).exists()


def _add_events(world, count):
    for n in range(count):
        for role in ("teacher", "secretary", "mahead"):
            AccessLog.objects.create(username=role, ip_address=f"192.168.2.{n}", user_agent="x")
            AccessFailureLog.objects.create(username=role, ip_address="10.0.0.1", user_agent="x")
            AccessAttempt.objects.get_or_create(
                username=role,
                ip_address=f"192.168.3.{n}",
                user_agent="x",
                defaults={"failures_since_start": 9, "get_data": "", "post_data": ""},
            )


def test_the_page_query_count_does_not_grow_with_its_rows(
    client, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client_for(client, world.users["deputy"])
    _add_events(world, 1)
    with CaptureQueriesContext(connection) as few:
        client.get(PAGE)
    _add_events(world, 30)
    with django_assert_max_num_queries(len(few)):
        response = client.get(PAGE)
    assert len(response.context["events"]) == 100  # the latest hundred
    assert len(response.context["lockouts"]) == 90


@pytest.mark.parametrize(
    ("language", "words"),
    [("ky", ["Ким кирди", "Азыр бөгөттөлгөндөр"]), ("ru", ["Кто входил", "Заблокированы сейчас"])],
)
def test_the_page_is_translated(client, world, history, language, words):
    page = _page(client, world.users["director"], language).content.decode()
    for word in words:
        assert word in page
    assert "Lift the lockout" not in page and "Wrong password" not in page


def test_the_menu_links_the_page_for_the_director_and_the_deputy_only(client, world):
    for role, shown in [("director", True), ("deputy", True), ("teacher", False)]:
        client.logout()
        client_for(client, world.users[role])
        assert (f'href="{PAGE}"' in client.get("/").content.decode()) is shown, role
