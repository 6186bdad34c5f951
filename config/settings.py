"""Settings for Kenesh, read from the environment (twelve-factor).

DEBUG is off unless set; with DEBUG off a SECRET_KEY must be given.
DATABASE_URL defaults to an SQLite file under var/.
Variables may also come from a file: KENESH_ENV_FILE, else `.env` next to manage.py
(the environment wins over the file). Every variable is listed in the README.
"""

import os
from email.utils import getaddresses
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
ENV_FILE = Path(os.environ.get("KENESH_ENV_FILE") or BASE_DIR / ".env")
if ENV_FILE.exists():
    environ.Env.read_env(ENV_FILE)

DEBUG = env.bool("DEBUG", default=False)
# Read as written: django-environ would take a value starting with "$" for a reference to
# another variable, and random keys often start with one.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Domain apps, in import order (DESIGN.md): each may import only those above it.
PROJECT_APPS = [
    "school",
    "members",
    "council",
    "meetings",
    "plans",
    "observations",
    "development",
    "experience",
    "projects",
    "reports",
    "demo",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    "simple_history",
    *PROJECT_APPS,
]

MIDDLEWARE = [
    # First: a request id and one log line for every request, whatever happens below.
    "config.observability.RequestLogMiddleware",
    # Before the host check and the HTTPS redirect: a local probe on the gunicorn port.
    "config.observability.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "school.middleware.SchoolLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "school.middleware.PrivateNoStoreMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "school.middleware.SchoolScopeMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

_template_loaders = [
    "django.template.loaders.filesystem.Loader",
    "django.template.loaders.app_directories.Loader",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "school.context_processors.navigation",
            ],
            # Cached loader when DEBUG is off; plain loaders (re-read on change) in development.
            "loaders": _template_loaders
            if DEBUG
            else [("django.template.loaders.cached.Loader", _template_loaders)],
        },
    }
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'kenesh.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A database that accepts connections but does not answer: give up after a few seconds and
# show the "temporarily unavailable" page, well before gunicorn's worker timeout (30 s).
DB_CONNECT_TIMEOUT = env.int("DB_CONNECT_TIMEOUT", default=5)
DB_STATEMENT_TIMEOUT = env.int("DB_STATEMENT_TIMEOUT", default=5)  # seconds; 0 = no limit
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": DB_CONNECT_TIMEOUT,
            "options": f"-c statement_timeout={DB_STATEMENT_TIMEOUT * 1000}",
            # Data sent and not acknowledged (the server's machine gone): drop the connection.
            "tcp_user_timeout": (DB_STATEMENT_TIMEOUT or 30) * 1000 + 5000,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "school.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reports:home"
LOGOUT_REDIRECT_URL = "login"

# django-axes: lock a username on one address after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Keep each failed login too (django-axes keeps successful ones by default): the director and
# the deputy read both on their school's "Who logged in" page.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The client's address: the reverse proxies in front of Django append it to X-Forwarded-For.
# The default matches the documented deployment (gunicorn on 127.0.0.1 behind one nginx);
# 0 when Django serves clients directly, so that the header is never believed.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
AXES_CLIENT_IP_CALLABLE = "school.proxy.client_address"

LANGUAGE_CODE = "ky"
LANGUAGES = [
    ("ky", "Кыргызча"),
    ("ru", "Русский"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = env("TIME_ZONE", default="Asia/Bishkek")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Security. Behind a TLS-terminating reverse proxy in production.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# No inline scripts anywhere: every script is a static file of our own (django-csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=60 * 60 * 8)
SESSION_SAVE_EVERY_REQUEST = True  # the session age counts from the last request: an idle timeout
SESSION_COOKIE_HTTPONLY = True
# The project's own page when a form's CSRF check fails: translated, says what to do.
CSRF_FAILURE_VIEW = "config.views.csrf_failure"

# Uploads: size cap for attachments, in bytes.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Failures an operator sees. Every record carries the time, the level, the request id, the
# user id and the school id (config/observability.py); one INFO line per request on the
# `kenesh.request` logger (LOG_REQUESTS=0 turns it off). LOG_FORMAT=json for a log collector.
# A 500 is e-mailed to ADMINS when EMAIL_URL is set, and sent to Sentry when SENTRY_DSN is.
LOG_LEVEL = env("LOG_LEVEL", default="WARNING").upper()
LOG_FORMAT = env("LOG_FORMAT", default="text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured("LOG_FORMAT must be text or json.")
ADMINS = [
    (name or address, address) for name, address in getaddresses(env.list("ADMINS", default=[]))
]
SERVER_EMAIL = env("SERVER_EMAIL", default="kenesh@localhost")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default=SERVER_EMAIL)
_mail_admins = bool(ADMINS) and "EMAIL_URL" in os.environ
if "EMAIL_URL" in os.environ:
    vars().update(env.email_url("EMAIL_URL"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_context": {"()": "config.observability.RequestContextFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s request=%(request_id)s "
            "user=%(user_id)s school=%(school_id)s %(message)s",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        },
        "json": {"()": "config.observability.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_context"],
            "formatter": LOG_FORMAT,
            "level": LOG_LEVEL,
        },
        "requests": {
            "class": "logging.StreamHandler",
            "filters": ["request_context"],
            "formatter": LOG_FORMAT,
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own records go to the root's handler, which applies LOG_LEVEL (no second
        # copy in development); ERROR and above are mailed when e-mail is configured.
        "django": {"handlers": ["mail_admins"] if _mail_admins else [], "level": "INFO"},
        # One line per request, whatever LOG_LEVEL says (LOG_REQUESTS=0 turns it off).
        "kenesh.request": {
            "handlers": ["requests"],
            "level": "INFO" if env.bool("LOG_REQUESTS", default=True) else "WARNING",
            "propagate": False,
        },
    },
}

SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    try:
        import sentry_sdk
    except ImportError as error:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install sentry-sdk"
        ) from error
    # Django's integration is on by default: unhandled errors with their request, without
    # personal data (no user names, addresses or cookies).
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        send_default_pii=False,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
    )
