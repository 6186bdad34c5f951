"""Activate the tenant scope (django-scopes) for every request.

A user of a school sees only that school's rows: every scoped manager filters by it,
and an object of another school is simply not found (404). Users with no school
(anonymous, a site admin outside the admin site) see no school's rows at all.
"""

from django.urls import reverse
from django_scopes import scope, scopes_disabled


class SchoolScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        user = request.user
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        if (
            user.is_authenticated
            and user.is_superuser
            and user.school_id is None
            and request.path.startswith(self.admin_prefix)
        ):
            with scopes_disabled():
                return self.get_response(request)
        school_id = user.school_id if user.is_authenticated else None
        with scope(school=school_id if school_id else []):
            return self.get_response(request)


class SchoolLocaleMiddleware:
    """Kyrgyz by default; the language chosen with the switcher (a cookie) wins.

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is not consulted:
    school computers often run an English or Russian browser, and Kenesh opens in Kyrgyz.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        available = {code for code, _name in settings.LANGUAGES}
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response


class PrivateNoStoreMiddleware:
    """Nothing a logged-in user is sent stays in the browser's cache (or a proxy's).

    School computers are shared: a protocol, a visit card or a report opened in the staff
    room must not be read back from the disk cache by the next person after logout. Every
    response to a logged-in user (pages, PDFs, files, redirects, errors) is marked
    `private, no-store`, replacing whatever the view set; the response to the request that
    logs a user out or in counts too. Static files never get here: WhiteNoise serves them,
    with their long cache, before the session is read.
    """

    VALUE = "private, no-store"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        logged_in = request.user.is_authenticated
        response = self.get_response(request)
        if logged_in or request.user.is_authenticated:
            response.headers["Cache-Control"] = self.VALUE
            response.headers.pop("Expires", None)
        return response
