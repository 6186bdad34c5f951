"""The periods a report counts (a quarter, the year so far, the whole year), the spans a
query groups their days by, and the counting every figure shares."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from school.models import AcademicYear, Quarter, School
from school.selectors import Calendar


def report_calendar(school: School, *, day: datetime.date | None = None) -> Calendar:
    """The school's calendar as the reports read it, as of the day (today unless given): the
    years, their quarters and each year's council, in one query."""
    return Calendar.of(school, day=day, related=("council",))


def council_of(calendar: Calendar, year: AcademicYear | None):
    """The year's council (read with the calendar), or None."""
    return calendar.related(year, "council")


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    quarters: tuple[int, ...]

    @classmethod
    def of_quarter(cls, quarter: Quarter) -> "Period":
        return cls(quarter.start_date, quarter.end_date, (quarter.number,))

    @classmethod
    def year_to(cls, quarter: Quarter) -> "Period":
        """The academic year from its first day to the end of the quarter."""
        year = quarter.academic_year
        return cls(year.start_date, quarter.end_date, tuple(range(1, quarter.number + 1)))

    @classmethod
    def of_year(cls, year: AcademicYear) -> "Period":
        return cls(year.start_date, year.end_date, (1, 2, 3, 4))

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def dated(self, path: str = "date") -> Q:
        """The rows whose date (at `path`) lies in the period."""
        return Q(**{f"{path}__gte": self.start, f"{path}__lte": self.end})


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def count_of(queryset, link: str | None = None):
    """The number of `queryset`'s rows for the outer row: a correlated subquery, 0 if none.
    `link` groups the rows by the column the outer row is matched on; a queryset already
    grouped by one column (values()) needs none."""
    grouped = queryset.order_by().values(link) if link else queryset
    counted = grouped.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


@dataclass(frozen=True)
class Spans:
    """The days of a report's periods cut into spans that each lie wholly inside or wholly
    outside every period: rows are counted once per span (one GROUP BY), and a period's
    figures are the sums of its spans."""

    bounds: tuple[datetime.date, ...]  # span k: from bounds[k] to the day before bounds[k + 1]

    @classmethod
    def of(cls, periods: list[Period]) -> "Spans":
        after = datetime.timedelta(days=1)
        return cls(tuple(sorted({p.start for p in periods} | {p.end + after for p in periods})))

    def _pairs(self):
        return list(zip(self.bounds, self.bounds[1:], strict=False))

    def span(self, path: str) -> Case:
        """The span of the row's date, as a column."""
        return Case(
            *(
                When(**{f"{path}__gte": first, f"{path}__lt": after}, then=Value(k))
                for k, (first, after) in enumerate(self._pairs())
            ),
            output_field=IntegerField(),
        )

    def within(self, period: Period) -> set[int]:
        after = period.end + datetime.timedelta(days=1)
        return {
            k
            for k, (first, end) in enumerate(self._pairs())
            if period.start <= first and end <= after
        }
