"""Render one document of the heavy school and report its time and peak memory.

    python -m bench.documents protocol|archive|quarterly|stress|archive-again [--repeat 3]

Run in a fresh process per document, so that the peak resident memory (ru_maxrss) belongs
to that document alone: the growth is the peak minus the resident memory after Django is
set up and the data is read. The first render is cold (fonts and templates loaded); the
time reported is the median of the warm renders that follow it.

`stress` renders the stress protocol (25 items, 2,000-character Kyrgyz texts in every field,
19 members, 21 guests, 30 decisions; from its snapshot data, no database rows needed) and,
as WeasyPrint's floor for the same pages, the same texts as bare paragraphs in the same
fonts and page size. `archive-again` is the second download of an unchanged archive: read
back from storage, not rendered (the figure is in milliseconds).
"""

import argparse
import resource
import sys
import time

from .common import MEASURED_SCHOOL, SCHOOL_DB, median, rss_kib, setup_django, write_json


def renderer(kind: str):
    """A function that renders the document from the database, as the view does."""
    from meetings import documents as meeting_documents
    from meetings import snapshot
    from meetings.models import Meeting
    from reports import metrics
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
        protocol = snapshot.current(meeting)
        return f"protocol No. {meeting.number}", lambda: meeting_documents.render_protocol(
            protocol, language="ky"
        )
    if kind in ("archive", "archive-again"):
        # Last year's archive: all ten approved protocols of a finished year.
        previous = (
            AcademicYear.objects.filter(school=school, start_date__lt=year.start_date)
            .order_by("-start_date")
            .first()
        )
        if kind == "archive-again":
            meeting_documents.archive_pdf(previous, language="ky")  # the first download
            return (
                f"archive {previous.name}, second download",
                lambda: meeting_documents.archive_pdf(previous, language="ky"),
            )
        # Rendered afresh each time (not the stored copy a second download reads).
        return f"archive {previous.name}", lambda: meeting_documents.render_archive(
            previous, meeting_documents.archive_protocols(previous), language="ky"
        )
    quarter = metrics.report_calendar(school).default_quarter

    def quarterly():
        report = metrics.quarterly_report(metrics.report_calendar(school), quarter)
        return render_pdf(
            "reports/print/quarterly.html",
            {"school": report.school, "report": report, "for_print": True},
            language="ky",
        )

    return f"quarterly report {quarter.academic_year.name} {quarter.roman}", quarterly


def stress_renderers():
    """The stress protocol through the protocol template, and WeasyPrint's floor: the same
    texts as bare paragraphs in the same fonts and page size."""
    from django.utils.html import escape
    from weasyprint import HTML

    from meetings import documents as meeting_documents
    from meetings import snapshot
    from meetings.tests.factories import stress_snapshot
    from school.documents import font_configuration, static_file_uri

    data = stress_snapshot()
    protocol = snapshot.view(data)
    texts = [g["name"] + " — " + g["position"] for g in data["guests"]]
    for item in data["items"]:
        texts += [item["title"], item["heard_summary"]]
        texts += [c["summary"] for c in item["contributions"]]
        texts += [d["text"] for d in item["decisions"]]
    font = static_file_uri("fonts/DejaVuSans.ttf")
    bare = (
        "<html><head><style>"
        f'@font-face {{ font-family: "DejaVu Sans"; src: url("{font}"); }}'
        "@page { size: A4; margin: 18mm 15mm 20mm 25mm; }"
        'html { font-family: "DejaVu Sans"; font-size: 10.5pt; line-height: 1.35; }'
        "</style></head><body>" + "".join(f"<p>{escape(t)}</p>" for t in texts) + "</body></html>"
    )

    def floor():
        return HTML(string=bare).write_pdf(font_config=font_configuration())

    def stress():
        return meeting_documents.render_protocol(protocol, language="ky")

    return stress, floor


def _timed(render, repeat: int) -> tuple[float, float, bytes]:
    started = time.perf_counter()
    pdf = render()
    cold = time.perf_counter() - started
    warm = []
    for _ in range(repeat):
        started = time.perf_counter()
        pdf = render()
        warm.append(time.perf_counter() - started)
    return cold, median(warm), pdf


def stress_main(repeat: int) -> None:
    stress, floor = stress_renderers()
    cold, warm, pdf = _timed(stress, repeat)
    _floor_cold, floor_warm, floor_pdf = _timed(floor, repeat)
    result = {
        "document": "stress",
        "label": "stress protocol (25 items, 19 members, 21 guests, 30 decisions)",
        "cold_s": round(cold, 2),
        "median_s": round(warm, 2),
        "pages": pages_of(pdf),
        "floor_s": round(floor_warm, 2),
        "floor_pages": pages_of(floor_pdf),
        "ratio": round(warm / floor_warm, 2) if floor_warm else None,
    }
    print(
        f"   {result['label']}: {result['median_s']} s warm ({result['pages']} pages); "
        f"floor {result['floor_s']} s ({result['floor_pages']} pages); ×{result['ratio']}",
        flush=True,
    )
    write_json("document-stress.json", result)


def pages_of(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "kind", choices=["protocol", "archive", "quarterly", "stress", "archive-again"]
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    setup_django(SCHOOL_DB)
    from django_scopes import scopes_disabled

    if args.kind == "stress":
        return stress_main(args.repeat)

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
        "median_ms": round(median(warm) * 1000, 1),
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
