"""The skeleton every page is built on, written once for all apps.

A view fetches its object through its app's one ``_get_<thing>_for_user`` helper, checks its
app's permission predicate, and hands the rest to these helpers:

- ``form_page``: bind the form, call the service, show a service's ``ValidationError`` next to
  the field it names (the user's typed text stays in the form), say what was done, redirect.
- ``confirm_page``: a question on GET, the action on POST; with a form when the action needs
  one (a meeting's version and amendment reason).
- ``paginate``: one page of a list with the page numbers to link and the filters kept.
- ``main_action``: a list page's main button, for those allowed to press it.
- ``year_from_query``: the school year a page was asked for (``?year=``), else the current one.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from .models import AcademicYear
from .selectors import current_academic_year

FORM_TEMPLATE = "form_page.html"
CONFIRM_TEMPLATE = "confirm.html"


def _resolve(target, result):
    return target(result) if callable(target) else target


def form_page(
    request,
    form,
    *,
    save: Callable[[Any], Any],
    done: str | Callable[[Any], str],
    message: str | Callable[[Any], str] | None = None,
    template: str = FORM_TEMPLATE,
    context: dict | None = None,
):
    """GET shows the form; a valid POST calls ``save(form)`` (which calls the service).

    ``done`` and ``message`` are a URL and a text, or callables given what ``save`` returned.
    A ``ValidationError`` from the service lands on the form, which is shown again as typed.
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if message:
                messages.success(request, _resolve(message, result))
            return redirect(_resolve(done, result))
    return render(request, template, {"form": form, **(context or {})})


def confirm_page(
    request,
    *,
    action: Callable[..., Any],
    done: str | Callable[[Any], str],
    message: str | Callable[[Any], str] | None,
    title: str,
    back: str,
    text: str = "",
    button: str = "",
    danger: bool = True,
    form=None,
    template: str = CONFIRM_TEMPLATE,
    context: dict | None = None,
):
    """A confirmation: GET asks ``title`` (and ``text``); POST calls ``action()``.

    With a ``form`` the action is called as ``action(form)`` once the form is valid, and a
    service's ``ValidationError`` lands on the form; without one it is shown as a message on
    the page it came from (``back``), so nothing the user typed is lost.
    """
    if request.method == "POST":
        if form is None:
            try:
                result = action()
            except ValidationError as error:
                for text_error in error.messages:
                    messages.error(request, text_error)
                return redirect(back)
            if message:
                messages.success(request, _resolve(message, result))
            return redirect(_resolve(done, result))
        if form.is_valid():
            try:
                result = action(form)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                if message:
                    messages.success(request, _resolve(message, result))
                return redirect(_resolve(done, result))
    return render(
        request,
        template,
        {
            "title": title,
            "text": text,
            "button": button,
            "danger": danger,
            "back": back,
            "form": form,
            **(context or {}),
        },
    )


def paginate(request, rows, *, per_page: int) -> dict:
    """One page of ``rows`` (``?page=``), the page numbers to link (elided), and the query
    string that keeps the other filters on those links; for ``includes/pagination.html``."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "page_query": f"{encoded}&" if encoded else "",
    }


def main_action(allowed: bool, url_name: str, label: str, *args) -> dict:
    """A list page's main action (list_page.html: "New …", "Record …"), given only to a user
    allowed to take it."""
    return {"action_url": reverse(url_name, args=args) if allowed else None, "action_label": label}


def year_from_query(request, *, strict: bool = False) -> AcademicYear | None:
    """The year ``?year=`` names among the user's school's years, else the current one.

    ``strict``: a year that is asked for and not found is a 404 rather than the current year
    (for pages whose address names the year, so a wrong link does not show another year).
    """
    school = request.user.school
    asked = request.GET.get("year", "")
    if asked:
        year = (
            AcademicYear.objects.filter(school=school, pk=int(asked)).first()
            if asked.isdecimal()
            else None
        )
        if year is not None:
            return year
        if strict:
            raise Http404
    return current_academic_year(school)
