"""Time the quarterly and annual report PDFs of a school (the demo school by default).

    python manage.py bench_reports [--school NAME] [--lang ky] [--repeat 3]

The issue's budget: the quarterly report PDF of the demo year renders in at most 2 s.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scope, scopes_disabled

from school.documents import render_pdf
from school.models import Quarter, School
from school.selectors import current_academic_year

from ... import metrics

DEMO_SCHOOL_NAME = "Жалал-Абад шаарындагы №8 орто мектеби"


class Command(BaseCommand):
    help = "Time the quarterly and annual report PDFs of a school (the demo school by default)."

    def add_arguments(self, parser):
        parser.add_argument("--school", default=DEMO_SCHOOL_NAME)
        parser.add_argument("--lang", default="ky")
        parser.add_argument("--repeat", type=int, default=3)

    def handle(self, *args, school, lang, repeat, **options):
        with scopes_disabled():
            found = School.objects.filter(name=school).first()
        if found is None:
            raise CommandError(f"No school named {school!r}: load the demo with seed_demo.")
        with scope(school=found):
            year = current_academic_year(found)
            if year is None:
                raise CommandError("The school has no academic year.")
            for quarter in Quarter.objects.filter(academic_year=year).order_by("number"):
                self._time(
                    f"quarterly {year.name} {quarter.roman}",
                    lambda q=quarter: render_pdf(
                        "reports/print/quarterly.html",
                        {
                            "school": found,
                            "report": metrics.quarterly_report(q),
                            "for_print": True,
                        },
                        language=lang,
                    ),
                    repeat,
                )
            self._time(
                f"annual {year.name}",
                lambda: render_pdf(
                    "reports/print/annual.html",
                    {"school": found, "report": metrics.annual_report(year), "for_print": True},
                    language=lang,
                ),
                repeat,
            )

    def _time(self, label, render, repeat):
        times, size = [], 0
        for _ in range(repeat):
            start = time.perf_counter()
            size = len(render())
            times.append(time.perf_counter() - start)
        self.stdout.write(
            f"{label}: best {min(times):.2f} s, worst {max(times):.2f} s "
            f"over {repeat} runs ({size // 1024} KiB)"
        )
