"""Infrastructure views: no domain code here."""

import sys

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache


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

    Django calls this inside the exception handler, so the exception is at hand. The page
    is rendered without touching the database (no user, no session).
    """
    exception = sys.exc_info()[1]
    if isinstance(exception, DatabaseError):
        body = loader.get_template("503.html").render({})
        response = HttpResponseServerError(body)
        response.status_code = 503
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render({}))
