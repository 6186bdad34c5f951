"""Report PDFs kept while the school's data is unchanged (R0.4: the director downloads the
quarterly report, often more than once): the key is the school's data version
(freshness.py), the day (a report counts overdue items as of today), the language and a
fingerprint of the print templates and translations."""

import hashlib

from school.documents import print_revision, stored_or_rendered
from school.selectors import today

from . import freshness
from .models import StoredReport

# Besides the print templates: the report bodies they share with the pages, and the charts.
SHAPED_BY = (
    "reports/charts.py",
    "reports/templatetags/report_charts.py",
    *(
        f"reports/templates/reports/{name}.html"
        for name in ("_quarterly_body", "_annual_body", "_plan_table", "_chart")
    ),
)


def report_key(school, name: str, language: str) -> str:
    own, every = freshness.versions(school)
    parts = [
        name,
        str(own),
        str(every),
        today().isoformat(),
        print_revision("reports", language, *SHAPED_BY),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def stored_pdf(*, school, name: str, language: str, render) -> bytes:
    """The report `name` of the school as PDF: read back while its key holds, else
    `render()`ed and kept in place of the older copy."""
    return stored_or_rendered(
        StoredReport,
        slot={"school": school, "name": name, "language": language},
        key={"key": report_key(school, name, language)},
        render=render,
    )
