"""The one PDF renderer: a template and a context in, PDF bytes out (WeasyPrint).

Documents are rendered inside the language asked for, and may load only the project's
own static and media files: anything else (http, data from elsewhere) is refused.
"""

import functools
import hashlib
import threading
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation


def allowed_roots() -> list[Path]:
    roots = [Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT)]
    roots += [Path(p) for p in settings.STATICFILES_DIRS]
    return [r.resolve() for r in roots]


def static_file_uri(path: str) -> str:
    """A file:// URI of a static file, for fonts and images inside print templates."""
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    return Path(found).resolve().as_uri()


@functools.cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class LocalFilesFetcher(URLFetcher):
        """Fetch only files under the project's static and media folders."""

        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise ValueError(f"Refused to fetch {url!r}: only local static files are allowed.")
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(root) for root in allowed_roots()):
                raise ValueError(f"Refused to fetch {url!r}: outside static and media files.")
            return super().fetch(url, headers)

    return LocalFilesFetcher


def url_fetcher():
    return _fetcher_class()()


_fonts = threading.local()


def font_configuration():
    """The WeasyPrint font configuration of this thread, kept from one render to the next.

    A new one for every document loads all the system's fonts into a new Fontconfig
    configuration and Pango font map, and that native memory is not all given back: a worker
    grew by about 0.3 MB a PDF. Kept, the fonts are loaded once, and a font of an @font-face
    rule is added once (WeasyPrint keeps it by its rule). One per thread: Pango's font maps
    are not shared between threads.
    """
    config = getattr(_fonts, "config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _fonts.config = FontConfiguration()
    return config


def render_pdf(template_name: str, context: dict, *, language: str) -> bytes:
    """Render a print template to PDF in the given language."""
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(template_name, {**context, "LANGUAGE_CODE": language})
        base_url = Path(settings.BASE_DIR).as_uri() + "/"
        document = HTML(string=html, base_url=base_url, url_fetcher=url_fetcher())
        return document.write_pdf(font_config=font_configuration())


@functools.cache
def print_revision(app: str, language: str, *extra: str) -> str:
    """A fingerprint of what shapes an app's documents besides their data: its print
    templates, the print base, its and the project's catalogs in `language`, and `extra`
    files (paths from the project root). A stored PDF made under another one is stale."""
    base = Path(settings.BASE_DIR)
    files = sorted((base / app / "templates" / app / "print").glob("*.html"))
    files += [base / "templates" / "print" / "base.html", *(base / name for name in extra)]
    files += [
        base / app / "locale" / language / "LC_MESSAGES" / "django.mo",
        base / "locale" / language / "LC_MESSAGES" / "django.mo",
    ]
    digest = hashlib.sha256(language.encode())
    for path in files:
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def stored_or_rendered(model, *, slot: dict, key: dict, render) -> bytes:
    """The PDF kept in `model` for `slot` (say a year and a language) while its `key` holds;
    else `render()`ed and kept in place of the slot's older copy. When two requests render
    at once, the second one's copy meets the slot's unique constraint and is only returned:
    the first is as good."""
    stored = model.objects.filter(**slot, **key).first()
    if stored is not None:
        return bytes(stored.pdf)
    pdf = render()
    try:
        with transaction.atomic():
            model.objects.filter(**slot).delete()
            model.objects.create(**slot, **key, pdf=pdf)
    except IntegrityError:
        return pdf
    return pdf


def pdf_response(pdf: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    return response


def document_language(request) -> str:
    """The language asked for with ?lang=, else the page's language."""
    asked = request.GET.get("lang", "")
    available = {code for code, _name in settings.LANGUAGES}
    return asked if asked in available else translation.get_language() or settings.LANGUAGE_CODE
