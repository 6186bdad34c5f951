"""Time the key pages in-process with Django's test Client under the production settings.

    python -m bench.pages school|district [--repeat 30] [--warmup 3]

Each page is requested `warmup` times, then `repeat` times timed (server time: the whole
request through the middleware, in this process); one more request counts the queries. In
the district database the query counts are taken for a modest school too: the same page
with far fewer rows must make the same number of queries.
"""

import argparse
import gc
import sys
import time

from .common import (
    DISTRICT_DB,
    ROLE_LOGINS,
    SCHOOL_DB,
    median,
    percentile,
    setup_django,
    write_json,
)


def key_pages(school) -> list[tuple[str, str, str]]:
    """(label, role, path) of every key page of a school, on its current year."""
    from django.db.models import Count
    from django.urls import reverse

    from council.models import Council
    from meetings.models import Meeting
    from members.models import Staff
    from observations.models import Observation
    from plans.models import CouncilPlan
    from school.selectors import current_academic_year

    year = current_academic_year(school)
    council = Council.objects.get(academic_year=year)
    protocol = (
        Meeting.objects.filter(council=council, status=Meeting.Status.APPROVED)
        .order_by("-number")
        .first()
    )
    plan = CouncilPlan.objects.get(council=council)
    # The teacher with the most visits over the years.
    busiest = (
        Observation.objects.filter(school=school)
        .values("teacher")
        .annotate(n=Count("pk"))
        .order_by("-n", "teacher")
        .first()["teacher"]
    )
    teacher = Staff.objects.get(pk=busiest)
    return [
        ("home: deputy", "deputy", reverse("reports:home")),
        ("home: director", "director", reverse("reports:home")),
        ("home: teacher", "teacher", reverse("reports:home")),
        ("home: secretary", "secretary", reverse("reports:home")),
        ("home: head of an association", "mahead", reverse("reports:home")),
        ("staff directory", "deputy", reverse("members:staff_list")),
        ("council composition", "deputy", reverse("council:council_detail")),
        ("meetings of a year", "deputy", reverse("meetings:meeting_list") + f"?year={year.pk}"),
        ("protocol page", "deputy", reverse("meetings:meeting_detail", args=[protocol.pk])),
        ("decision register", "deputy", reverse("meetings:decision_register")),
        ("plans", "deputy", reverse("plans:index")),
        ("council's plan", "deputy", reverse("plans:council_plan", args=[plan.pk])),
        ("my visits", "deputy", reverse("observations:mine")),
        ("visits: browse", "deputy", reverse("observations:browse")),
        (
            "teacher's history",
            "deputy",
            reverse("observations:teacher_history", args=[teacher.pk]),
        ),
        ("quarterly report", "director", reverse("reports:quarterly")),
    ]


def clients(prefix: str = ""):
    """A logged-in test Client per role (sessions opened directly, as after a login)."""
    from django.test import Client

    from school.models import User

    result = {}
    for role, login in ROLE_LOGINS.items():
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(username=prefix + login))
        result[role] = client
    return result


def count_queries(client, path) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response.status_code, len(captured.captured_queries)


def measure(school, *, prefix: str, repeat: int, warmup: int) -> list[dict]:
    from django_scopes import scopes_disabled

    with scopes_disabled():
        pages = key_pages(school)
    by_role = clients(prefix)
    rows = []
    for label, role, path in pages:
        client = by_role[role]
        for _ in range(warmup):
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{label} {path}: HTTP {response.status_code}")
        # As a production worker started from a preloaded, frozen application
        # (config/gunicorn.conf.py): what is loaded once is not rescanned by every
        # collection, so a request is not charged for the collector walking the whole app.
        gc.collect()
        gc.freeze()
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        _status, queries = count_queries(client, path)
        rows.append(
            {
                "page": label,
                "role": role,
                "path": path,
                "median_ms": round(median(times), 1),
                "p95_ms": round(percentile(times, 0.95), 1),
                "queries": queries,
            }
        )
        print(
            f"   {label:32} {rows[-1]['median_ms']:7.1f} ms  p95 {rows[-1]['p95_ms']:7.1f} ms"
            f"  {queries:3d} queries",
            flush=True,
        )
    return rows


def modest_queries(school, prefix) -> dict:
    from django_scopes import scopes_disabled

    with scopes_disabled():
        pages = key_pages(school)
    by_role = clients(prefix)
    result = {}
    for label, role, path in pages:
        # One request first, as for the measured school: a page that caches its figures is
        # compared warm with warm.
        by_role[role].get(path)
        status, queries = count_queries(by_role[role], path)
        if status != 200:
            raise SystemExit(f"{label} {path} of {school}: HTTP {status}")
        result[label] = queries
    return result


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kind", choices=["school", "district"])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args(argv)
    setup_django(SCHOOL_DB if args.kind == "school" else DISTRICT_DB)
    from school.models import School

    from .common import MEASURED_SCHOOL

    measured = School.objects.get(name=MEASURED_SCHOOL)
    result = {
        "schools": School.objects.count(),
        "pages": measure(measured, prefix="", repeat=args.repeat, warmup=args.warmup),
    }
    if args.kind == "district":
        modest = School.objects.exclude(pk=measured.pk).order_by("pk").first()
        result["modest_school"] = modest.name
        result["modest_queries"] = modest_queries(modest, "s001-")
    write_json(f"pages-{args.kind}.json", result)


if __name__ == "__main__":
    sys.exit(main())
