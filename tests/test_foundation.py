"""Settings, health, login, lockout, tenancy and the demo school."""

import os
import subprocess
import sys
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.utils import OperationalError
from django.test import override_settings
from django_scopes import scope, scopes_disabled
from django_scopes.exceptions import ScopeError

from conftest import build_world
from council.models import Council, CouncilMembership, LeaveReason
from members.models import MethodicalAssociation, Staff
from school.models import School, User

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x9#Lq2!vT7@pW4$zR8^nB3&kM6*hJ1(yG5)dF0-sA+eC/uXo0Pi9Ku8Jy7Ht6",
    "ALLOWED_HOSTS": "kenesh.school8.kg",
    "DATABASE_URL": "sqlite:////tmp/kenesh-deploy-check.sqlite3",
}


def _manage(*args, env):
    unset = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    base.pop("SECURE_SSL_REDIRECT", None)
    base.pop("SESSION_COOKIE_SECURE", None)
    base.pop("CSRF_COOKIE_SECURE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**base, **env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_secret_key_is_required_without_debug():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}


def test_healthz_answers_503_when_the_database_does_not(client, db):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] is False


def test_pages_need_a_login(client, db):
    response = client.get("/calendar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_login_page_is_kyrgyz_by_default(client, db):
    content = client.get("/accounts/login/").content.decode()
    assert '<html lang="ky">' in content
    assert "Кирүү" in content


def test_repeated_failures_lock_out_with_a_translated_message(client, world):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "teacher", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "teacher", "password": "kenesh-test"})
    assert response.status_code == 429
    assert "Аккаунт бөгөттөлдү" in response.content.decode()
    # Another user on the same computer is not locked.
    response = client.post("/accounts/login/", {"username": "deputy", "password": "kenesh-test"})
    assert response.status_code == 302


def test_login_and_logout(client, world):
    response = client.post("/accounts/login/", {"username": "deputy", "password": "kenesh-test"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    session_key = client.session.session_key
    assert client.post("/accounts/logout/").status_code == 302
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=session_key).exists()
    assert client.get("/").status_code == 302


def test_scoped_queries_need_a_scope_and_stay_inside_it(world):
    from django_scopes import scopes_disabled

    with scopes_disabled():
        total = Staff.objects.count()
    assert total > Staff.objects.filter(school=world.school).count()
    with scope(school=world.other_school.pk):
        assert set(Staff.objects.values_list("school", flat=True)) == {world.other_school.pk}


def test_a_query_without_a_school_scope_is_refused(db):
    with scopes_disabled():
        build_world()
    with pytest.raises(ScopeError):
        list(Staff.objects.all())


@override_settings(DEBUG=True)  # seed_demo refuses with DEBUG off (demo/tests/test_seed_demo.py)
def test_demo_school_is_complete_and_idempotent(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for login in ["director", "deputy", "secretary", "mahead", "teacher", "admin"]:
        assert login in out
    with scopes_disabled():
        counts = {
            model: model.objects.count()
            for model in (School, User, Staff, MethodicalAssociation, Council, CouncilMembership)
        }
    call_command("seed_demo")
    assert "nothing changed" in capsys.readouterr().out
    with scopes_disabled():
        assert counts == {model: model.objects.count() for model in counts}
        school = School.objects.get()
    with scope(school=school.pk):
        _demo_school_is_complete(school)


def _demo_school_is_complete(school):
    assert 38 <= Staff.objects.filter(school=school).count() <= 45
    assert MethodicalAssociation.objects.filter(school=school).count() == 6
    current = Council.objects.order_by("-academic_year__start_date").first()
    assert current.memberships.filter(left_on__isnull=True).count() == 11
    removed = CouncilMembership.objects.get(leave_reason=LeaveReason.REMOVED_DUTIES)
    assert removed.left_on is not None
    for login in ["director", "deputy", "secretary", "mahead", "teacher"]:
        user = User.objects.get(username=login)
        assert user.school == school
        assert user.check_password("kenesh-demo")
    assert User.objects.get(username="admin").is_superuser


def test_security_headers(client, world):
    client.force_login(world.users["teacher"])
    response = client.get("/calendar/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_scripts(client, world):
    client.force_login(world.users["deputy"])
    for url in ["/", "/calendar/", "/accounts/password/"]:
        content = client.get(url).content.decode()
        for chunk in content.split("<script")[1:]:
            assert chunk.lstrip().startswith("src="), f"inline script on {url}"


def test_database_outage_answers_503_and_recovers(world):
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(world.users["deputy"])
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("server closed the connection"),
    ):
        response = client.get("/calendar/")
    assert response.status_code == 503
    assert "Убактылуу жеткиликсиз" in response.content.decode()
    # The database is back: the same client is served again, without a restart.
    assert client.get("/calendar/").status_code == 200


def test_an_idle_session_expires(client, world):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(world.users["teacher"])
    response = client.get("/calendar/")
    assert response.status_code == 200
    # Each request renews the session for SESSION_IDLE_SECONDS: the timeout counts idle time.
    session = Session.objects.get(session_key=client.session.session_key)
    remaining = session.expire_date - timezone.now()
    assert abs(remaining.total_seconds() - settings.SESSION_COOKIE_AGE) < 60
    session.expire_date = timezone.now() - timedelta(seconds=1)
    session.save()
    response = client.get("/calendar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
