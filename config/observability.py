"""What an operator sees: one log line per request, every record tagged with the request.

- `RequestLogMiddleware` (first in MIDDLEWARE) gives each request an id (the proxy's
  `X-Request-ID` when it looks like one, else a new one), sends it back in `X-Request-ID`,
  and logs one line per request on the `kenesh.request` logger.
- `RequestContextFilter` adds `request_id`, `user_id` and `school_id` to every log record
  written while a request is served ("-" outside a request or before the login is known).
- `JsonFormatter` writes one JSON object a line (`LOG_FORMAT=json`) for a log collector.
- `HealthCheckMiddleware` answers `/healthz` before the host check and the HTTPS redirect,
  so a local probe on the gunicorn port over plain HTTP gets the real answer.
"""

import contextvars
import json
import logging
import re
import time
import uuid

from django.core.signals import request_finished

_current_request = contextvars.ContextVar("kenesh_request", default=None)
_REQUEST_ID = re.compile(r"\A[A-Za-z0-9._-]{8,64}\Z")
request_logger = logging.getLogger("kenesh.request")


def _known_user(request):
    """The user if the request already loaded it: never a database query from here."""
    user = getattr(request, "_cached_user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return user
    return None


class RequestContextFilter(logging.Filter):
    def filter(self, record):
        request = _current_request.get()
        user = _known_user(request) if request is not None else None
        record.request_id = getattr(request, "request_id", "-") if request is not None else "-"
        record.user_id = user.pk if user is not None else "-"
        school_id = getattr(user, "school_id", None) if user is not None else None
        record.school_id = school_id if school_id is not None else "-"
        return True


class JsonFormatter(logging.Formatter):
    FIELDS = ("request_id", "user_id", "school_id")

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in self.FIELDS:
            entry[name] = getattr(record, name, "-")
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = offered if _REQUEST_ID.match(offered) else uuid.uuid4().hex
        # Kept until the response is closed (request_finished): Django logs a 404 or a 500
        # after the middleware has returned, and that record must carry the ids too.
        _current_request.set(request)
        started = time.monotonic()
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        request_logger.info(
            "%s %s %s %d ms",
            request.method,
            request.get_full_path()[:500],
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return response


def _forget_request(**kwargs):
    _current_request.set(None)


request_finished.connect(_forget_request, dispatch_uid="kenesh-forget-request")


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            from .views import healthz  # noqa: PLC0415 (the views need the app registry)

            return healthz(request)
        return self.get_response(request)
