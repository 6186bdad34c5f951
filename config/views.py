"""Infrastructure views: no domain code here."""

import sqlite3
import sys

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.utils import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponseForbidden, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache

# PostgreSQL error classes that mean "the server cannot serve us now", not "our query is
# wrong": connection exceptions (08), operator intervention (57: shutdown, restart, a
# statement cancelled by statement_timeout), too many connections, a lock not available.
_UNREACHABLE_SQLSTATE_CLASSES = ("08", "57")
_UNREACHABLE_SQLSTATES = {"53300", "55P03"}
# SQLite: the file is locked by another writer or cannot be opened.
_UNREACHABLE_SQLITE_MESSAGES = ("database is locked", "unable to open database file")


def database_unreachable(exception) -> bool:
    """True when a database error means the server is down, unreachable or not answering.

    A missing table, a permission refused, a broken constraint: False (a bug or a
    misconfiguration, a logged 500), even though SQLite calls "no such table" operational.
    """
    if isinstance(exception, InterfaceError):
        return True
    if not isinstance(exception, OperationalError):
        return False
    cause = exception.__cause__
    if isinstance(cause, sqlite3.Error):
        return any(text in str(cause) for text in _UNREACHABLE_SQLITE_MESSAGES)
    if cause is not None and hasattr(cause, "pgcode"):  # psycopg2
        code = cause.pgcode
        if code is None:  # raised by the client library: refused, timed out, connection lost
            return True
        return code[:2] in _UNREACHABLE_SQLSTATE_CLASSES or code in _UNREACHABLE_SQLSTATES
    return True


@login_not_required
@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})


def server_error(request):
    """500, or 503 "temporarily unavailable" when the database does not answer.

    Django calls this inside the exception handler, so the exception is at hand (and
    already logged by `django.request`). The page is rendered without touching the
    database (no user, no session).
    """
    exception = sys.exc_info()[1]
    if database_unreachable(exception):
        # Do not save the session on the way out: that would wait for the database again.
        if hasattr(request, "session"):
            del request.session
        body = loader.get_template("503.html").render({})
        response = HttpResponseServerError(body)
        response.status_code = 503
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render({}))


def csrf_failure(request, reason=""):
    """The form's security check failed: say why it usually happens and what to do."""
    context = {"no_cookie": reason == "CSRF cookie not set."}
    body = loader.get_template("403_csrf.html").render(context, request)
    return HttpResponseForbidden(body)
