"""Render one document of the heavy school and report its time and peak memory.

    python -m bench.documents protocol|archive|quarterly [--repeat 3]

Run in a fresh process per document, so that the peak resident memory (ru_maxrss) belongs
to that document alone: the growth is the peak minus the resident memory after Django is
set up and the data is read. The first render is cold (fonts and templates loaded); the
time reported is the median of the warm renders that follow it.
"""

import argparse
import resource
import sys
import time

from .common import MEASURED_SCHOOL, SCHOOL_DB, median, rss_kib, setup_django, write_json


def renderer(kind: str):
    """A function that renders the document from the database, as the view does."""
    from meetings import documents as meeting_documents
    from meetings.models import Meeting
    from reports import metrics
    from reports.selectors import default_quarter
    from school.documents import render_pdf
    from school.models import AcademicYear, School
    from school.selectors import current_academic_year

    school = School.objects.get(name=MEASURED_SCHOOL)
    year = current_academic_year(school)
    if kind == "protocol":
        meeting = (
            Meeting.objects.filter(council__academic_year=year, status=Meeting.Status.APPROVED)
            .order_by("-number")
            .first()
        )
        # The protocol rendered afresh (not the stored copy an approved protocol keeps).
        return f"protocol No. {meeting.number}", lambda: meeting_documents.render_protocol(
            meeting, language="ky"
        )
    if kind == "archive":
        # Last year's archive: all ten approved protocols of a finished year.
        previous = (
            AcademicYear.objects.filter(school=school, start_date__lt=year.start_date)
            .order_by("-start_date")
            .first()
        )
        return f"archive {previous.name}", lambda: meeting_documents.archive_pdf(
            previous, language="ky"
        )
    quarter = default_quarter(school)

    def quarterly():
        report = metrics.quarterly_report(quarter)
        return render_pdf(
            "reports/print/quarterly.html",
            {"school": report.school, "report": report, "for_print": True},
            language="ky",
        )

    return f"quarterly report {quarter.academic_year.name} {quarter.roman}", quarterly


def pages_of(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kind", choices=["protocol", "archive", "quarterly"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    setup_django(SCHOOL_DB)
    from django_scopes import scopes_disabled

    with scopes_disabled():
        label, render = renderer(args.kind)
        baseline = rss_kib()
        started = time.perf_counter()
        pdf = render()
        cold = time.perf_counter() - started
        warm = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            pdf = render()
            warm.append(time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    result = {
        "document": args.kind,
        "label": label,
        "cold_s": round(cold, 2),
        "median_s": round(median(warm), 2),
        "peak_growth_mb": round((peak - baseline) / 1024, 1),
        "peak_rss_mb": round(peak / 1024, 1),
        "pages": pages_of(pdf),
        "size_kib": len(pdf) // 1024,
    }
    print(
        f"   {label}: {result['median_s']} s warm, {result['cold_s']} s cold, "
        f"{result['pages']} pages, peak memory +{result['peak_growth_mb']} MB",
        flush=True,
    )
    write_json(f"document-{args.kind}.json", result)


if __name__ == "__main__":
    sys.exit(main())
