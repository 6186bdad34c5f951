"""Failures an operator can see and survive: timeouts, 503 vs 500, logs, /healthz, CSRF page."""

import importlib.util
import json
import logging
import os
import re
import socket
import subprocess
import sys
import textwrap
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings

from config.observability import JsonFormatter
from school.tests.factories import SchoolFactory, UserFactory

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x9#Lq2!vT7@pW4$zR8^nB3&kM6*hJ1(yG5)dF0-sA+eC/uXo0Pi9Ku8Jy7Ht6",
    "ALLOWED_HOSTS": "kenesh.school8.kg,testserver",
    "SECURE_SSL_REDIRECT": "0",
}
# Set by the test settings or the developer's shell: a child process starts without them.
_NOT_INHERITED = {
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "DATABASE_URL",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "KENESH_ENV_FILE",
    "ADMINS",
    "EMAIL_URL",
    "SENTRY_DSN",
    "LOG_FORMAT",
}


def _python(code, env, tmp_path, timeout=60, settings_module="config.settings"):
    """Run code after django.setup() in a fresh interpreter with production settings."""
    base = {k: v for k, v in os.environ.items() if k not in _NOT_INHERITED}
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    return subprocess.run(
        [sys.executable, "-c", "import django\ndjango.setup()\n" + textwrap.dedent(code)],
        cwd=settings.BASE_DIR,
        env={**base, **database, **env, "DJANGO_SETTINGS_MODULE": settings_module},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# --- SECRET_KEY as written -------------------------------------------------------------------

KEY_WITH_DOLLAR = "$Xy7#q!2@pW4$zR8^nB3&kM6*hJ1(yG5)dF0-sA+eC/uXo0Pi9Ku8Jy7Ht6"
SHOW_KEY = "from django.conf import settings\nprint(repr(settings.SECRET_KEY))"


def test_a_secret_key_starting_with_a_dollar_is_read_as_written(tmp_path):
    result = _python(SHOW_KEY, {**PRODUCTION_ENV, "SECRET_KEY": KEY_WITH_DOLLAR}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == repr(KEY_WITH_DOLLAR)


def test_the_env_file_is_read_with_the_key_as_written(tmp_path):
    # The env file of docs/deploy.md: values in single quotes, named by KENESH_ENV_FILE.
    env_file = tmp_path / "kenesh.env"
    env_file.write_text(f"SECRET_KEY='{KEY_WITH_DOLLAR}'\nALLOWED_HOSTS=kenesh.school8.kg\n")
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    code = SHOW_KEY + "\nprint(settings.ALLOWED_HOSTS)"
    result = _python(code, {**env, "KENESH_ENV_FILE": str(env_file)}, tmp_path)
    assert result.returncode == 0, result.stderr
    # The environment wins over the file (ALLOWED_HOSTS), the file fills in the rest.
    assert result.stdout.split("\n")[:2] == [
        repr(KEY_WITH_DOLLAR),
        "['kenesh.school8.kg', 'testserver']",
    ]


# --- /healthz for a local probe --------------------------------------------------------------


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["kenesh.school8.kg"])
def test_healthz_answers_a_plain_http_probe_on_the_gunicorn_port():
    client = Client()
    # As `curl http://127.0.0.1:8001/healthz` sends it: plain HTTP, Host 127.0.0.1:8001.
    response = client.get("/healthz", HTTP_HOST="127.0.0.1:8001")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}
    assert response["X-Request-ID"]
    # Every other path keeps the host check and the redirect to HTTPS.
    assert client.get("/accounts/login/", HTTP_HOST="127.0.0.1:8001").status_code == 400
    response = client.get("/accounts/login/", HTTP_HOST="kenesh.school8.kg")
    assert response.status_code == 301
    assert response["Location"].startswith("https://kenesh.school8.kg/")


# --- 503 only when the database is not reachable -----------------------------------------------


def _deputy_client():
    user = UserFactory(school=SchoolFactory(), role="deputy")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client, user


@pytest.mark.django_db
def test_a_missing_table_is_a_logged_500_not_the_unavailable_page(caplog):
    client, user = _deputy_client()
    assert client.get("/calendar/").status_code == 200
    # A migration not applied: the page's table is not there (SQLite calls it "operational").
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE school_academicyear RENAME TO school_academicyear_gone")
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/calendar/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records and records[-1].levelname == "ERROR"
    assert "school_academicyear" in str(records[-1].exc_info[1])
    assert records[-1].user_id == user.pk
    assert records[-1].school_id == user.school_id
    assert records[-1].request_id == response["X-Request-ID"]


@pytest.mark.django_db
def test_a_permission_refused_by_postgresql_is_a_500():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no permissions: this needs DATABASE_URL on PostgreSQL")
    client, _user = _deputy_client()
    with connection.cursor() as cursor:
        # A role without any privilege, as after a restore owned by another user.
        cursor.execute("CREATE ROLE kenesh_test_no_rights")
        cursor.execute("SET ROLE kenesh_test_no_rights")
    response = client.get("/calendar/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def _transactional_world():
    client, user = _deputy_client()
    assert client.get("/calendar/").status_code == 200
    return client


@pytest.mark.django_db(transaction=True)
def test_a_database_that_does_not_answer_gives_503_within_seconds():
    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's: this needs DATABASE_URL on PostgreSQL")
    import psycopg2

    client = _transactional_world()
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == f"{settings.DB_STATEMENT_TIMEOUT}s"
    params = connection.get_connection_params()
    params.pop("options", None)
    other = psycopg2.connect(**params)  # another client holds a lock and never lets go
    try:
        with other.cursor() as cursor:
            cursor.execute("LOCK TABLE django_session IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        response = client.get("/calendar/")
        elapsed = time.monotonic() - started
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert elapsed < settings.DB_STATEMENT_TIMEOUT + 3, elapsed
    finally:
        other.rollback()
        other.close()
    # The lock is gone: served again without a restart.
    assert client.get("/calendar/").status_code == 200


def test_a_server_that_accepts_but_never_answers_gives_503_within_seconds(tmp_path):
    # A TCP port that completes the handshake and then stays silent (a hung server).
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    port = silent.getsockname()[1]
    code = """
        import time
        from django.test import Client
        client = Client(raise_request_exception=False)
        for path in ("/healthz", "/calendar/"):
            client.cookies["sessionid"] = "x" * 32
            started = time.monotonic()
            response = client.get(path)
            print(path, response.status_code, round(time.monotonic() - started, 1))
    """
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": f"postgres://kenesh:secret@127.0.0.1:{port}/kenesh",
        "DB_CONNECT_TIMEOUT": "2",
        "LOG_LEVEL": "CRITICAL",
    }
    try:
        # The test settings: production ones with static files served without collectstatic.
        result = _python(code, env, tmp_path, settings_module="config.test_settings")
    finally:
        silent.close()
    assert result.returncode == 0, result.stderr
    lines = [line.split() for line in result.stdout.strip().splitlines()]
    assert [line[:2] for line in lines] == [["/healthz", "503"], ["/calendar/", "503"]]
    # One connection attempt of DB_CONNECT_TIMEOUT, not one per middleware that asks again.
    assert all(float(line[2]) < 5 for line in lines), lines


# --- Logs ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_one_line_per_request_and_warnings_carry_request_user_and_school(caplog):
    client, user = _deputy_client()
    with caplog.at_level(logging.INFO):
        ok = client.get("/calendar/", HTTP_X_REQUEST_ID="nginx-0123456789abcdef")
        missing = client.get("/calendar/no-such-page/")
    lines = [r for r in caplog.records if r.name == "kenesh.request"]
    assert [r.getMessage().split()[:3] for r in lines] == [
        ["GET", "/calendar/", "200"],
        ["GET", "/calendar/no-such-page/", "404"],
    ]
    # The proxy's request id is kept; otherwise one is made. Both are sent back.
    assert ok["X-Request-ID"] == "nginx-0123456789abcdef"
    assert lines[0].request_id == "nginx-0123456789abcdef"
    assert lines[1].request_id == missing["X-Request-ID"] != ok["X-Request-ID"]
    warning = next(r for r in caplog.records if r.name == "django.request")
    assert warning.levelname == "WARNING"
    assert (warning.request_id, warning.user_id, warning.school_id) == (
        missing["X-Request-ID"],
        user.pk,
        user.school_id,
    )


@pytest.mark.django_db
def test_anonymous_requests_are_logged_without_a_user(caplog):
    with caplog.at_level(logging.INFO, logger="kenesh.request"):
        Client().get("/accounts/login/", HTTP_X_REQUEST_ID="<script>")
    (line,) = [r for r in caplog.records if r.name == "kenesh.request"]
    assert (line.user_id, line.school_id) == ("-", "-")
    assert len(line.request_id) == 32  # a forged id is not copied into the logs


def test_the_log_lines_name_time_level_and_ids_as_text_and_as_json(tmp_path):
    code = """
        import logging
        from django.test import Client
        Client().get("/accounts/login/")
        logging.getLogger("school").warning("a warning outside any request")
    """
    text = _python(code, {**PRODUCTION_ENV}, tmp_path, settings_module="config.test_settings")
    assert text.returncode == 0, text.stderr
    # (Python's own warnings may come first on stderr: "No directory at ... static".)
    logged = [line for line in text.stderr.splitlines() if re.match(r"\d{4}-\d\d-\d\dT", line)]
    request_line, warning_line = logged
    # The time first, ISO 8601 with its offset, then the level, the logger and the ids.
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} INFO kenesh.request ", request_line)
    assert re.search(
        r" request=[0-9a-f]{32} user=- school=- GET /accounts/login/ 200 ", request_line
    )
    assert " WARNING school request=- user=- school=- a warning outside" in warning_line

    as_json = _python(
        code,
        {**PRODUCTION_ENV, "LOG_FORMAT": "json"},
        tmp_path,
        settings_module="config.test_settings",
    )
    assert as_json.returncode == 0, as_json.stderr
    entries = [json.loads(line) for line in as_json.stderr.splitlines() if line.startswith("{")]
    assert [e["level"] for e in entries] == ["INFO", "WARNING"]
    assert entries[0]["message"].startswith("GET /accounts/login/ 200")
    assert set(entries[0]) >= {"time", "level", "logger", "request_id", "user_id", "school_id"}


def test_json_lines_keep_the_traceback():
    try:
        raise ValueError("Кеңеш")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "failed"
    assert "ValueError: Кеңеш" in entry["exception"]


def test_a_500_is_mailed_to_the_admins_when_email_is_configured(tmp_path):
    # An unmigrated database: the session table is missing, a 500 (not the 503 page).
    code = """
        from django.test import Client
        client = Client(raise_request_exception=False)
        client.cookies["sessionid"] = "x" * 32
        print("status", client.get("/calendar/").status_code)
    """
    env = {
        **PRODUCTION_ENV,
        "ADMINS": "Школа №8 IT <it@school8.kg>, director@school8.kg",
        "EMAIL_URL": "consolemail://",
        "SERVER_EMAIL": "kenesh@school8.kg",
        "LOG_LEVEL": "CRITICAL",
    }
    result = _python(code, env, tmp_path, settings_module="config.test_settings")
    assert result.returncode == 0, result.stderr
    assert "status 500" in result.stdout
    assert "To: it@school8.kg, director@school8.kg" in result.stdout
    assert "From: kenesh@school8.kg" in result.stdout
    assert "no such table: django_session" in result.stdout
    # Without EMAIL_URL nothing is sent (and nothing tries to reach a mail server).
    env.pop("EMAIL_URL")
    quiet = _python(code, env, tmp_path, settings_module="config.test_settings")
    assert "status 500" in quiet.stdout
    assert "To:" not in quiet.stdout


def test_sentry_dsn_needs_sentry_sdk_and_says_so(tmp_path):
    env = {**PRODUCTION_ENV, "SENTRY_DSN": "https://public@sentry.example.kg/1"}
    result = _python("print('started')", env, tmp_path)
    if importlib.util.find_spec("sentry_sdk") is None:
        assert result.returncode != 0
        assert "SENTRY_DSN is set but sentry-sdk is not installed" in result.stderr
    else:
        assert result.returncode == 0, result.stderr
        assert "started" in result.stdout


# --- The CSRF failure page ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ky", "Форма жөнөтүлгөн жок"),
        ("ru", "Форма не отправлена"),
        ("en", "The form could not be sent"),
    ],
)
def test_a_failed_csrf_check_shows_our_page_saying_what_to_do(language, text):
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = language
    response = client.post("/accounts/login/", {"username": "deputy", "password": "x"})
    assert response.status_code == 403
    content = response.content.decode()
    assert text in content
    assert 'href="/accounts/login/"' in content
    assert "CSRF" not in content


@pytest.mark.django_db
def test_the_csrf_page_names_the_cause():
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = "en"
    # No cookie at all: the browser refuses cookies (or they were just cleared).
    no_cookie = client.post("/accounts/login/", {"username": "deputy"}).content.decode()
    assert "did not send this site's cookie" in no_cookie
    assert "open for too long" not in no_cookie
    # A cookie but a stale token in the form: the page was open too long, or another tab.
    client.get("/accounts/login/")
    stale = client.post("/accounts/login/", {"csrfmiddlewaretoken": "x" * 64}).content.decode()
    assert "open for too long" in stale
    assert "did not send this site's cookie" not in stale
