"""Reads for the observation pages. Every list goes through observations_visible_to(user),
and a page's number of queries does not grow with its visits."""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Count,
    FloatField,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from members.models import MethodicalAssociation, Staff
from members.permissions import personal_records_q, staff_of
from school.calendar import short_date
from school.models import AcademicYear
from school.selectors import today

from .models import (
    CriteriaSet,
    Criterion,
    Observation,
    ObservationNote,
    Score,
    YoungSpecialistConclusion,
)
from .permissions import (
    can_view_young_conclusion,
    observation_visibility_q,
)


def observations_visible_to(user) -> QuerySet:
    """Every visit the user may see (permissions.can_view_observation, as a query)."""
    condition = observation_visibility_q(user)
    if condition is None:
        return Observation.objects.none()
    return Observation.objects.filter(condition)


def for_list(queryset: QuerySet) -> QuerySet:
    """A list of visits with what a row shows; each visit's average score is a column worked
    out in the database (for the rows fetched only), not its scores loaded one by one."""
    average = (
        Score.objects.filter(observation=OuterRef("pk"))
        .order_by()
        .values("observation")
        .annotate(average=Avg("value"))
        .values("average")
    )
    return queryset.select_related("observer", "teacher", "subject", "criteria_set").annotate(
        scores_average=Subquery(average, output_field=FloatField())
    )


def observation_for_page(pk: int) -> Observation:
    """One visit with everything its card shows (the caller checks visibility)."""
    return (
        Observation.objects.select_related(
            "observer", "teacher", "subject", "criteria_set", "school"
        )
        .prefetch_related(
            Prefetch("scores", queryset=Score.objects.select_related("criterion")),
            Prefetch("criteria_set__criteria", queryset=Criterion.objects.order_by("order")),
            Prefetch("notes", queryset=ObservationNote.objects.select_related("author")),
        )
        .get(pk=pk)
    )


def average_score(observation: Observation):
    """(average value, scale) of a visit's scores, from the prefetched scores; None if unscored."""
    scores = list(observation.scores.all())
    if not scores:
        return None
    return sum(s.value for s in scores) / len(scores)


def with_averages(observations) -> list[Observation]:
    """The visits with `average` set: from the list's column (for_list), else from their
    loaded scores."""
    result = list(observations)
    for observation in result:
        if hasattr(observation, "scores_average"):
            observation.average = observation.scores_average
        else:
            observation.average = average_score(observation)
    return result


def my_observations(user) -> QuerySet:
    """The visits the user made, newest first."""
    staff = staff_of(user)
    if staff is None:
        return Observation.objects.none()
    return for_list(observations_visible_to(user).filter(observer=staff))


def observations_about(user) -> QuerySet:
    """Submitted and acknowledged visits about the user (drafts stay with their authors)."""
    staff = staff_of(user)
    if staff is None:
        return Observation.objects.none()
    return for_list(
        observations_visible_to(user).filter(teacher=staff).exclude(status=Observation.Status.DRAFT)
    )


def in_year(queryset: QuerySet, year: AcademicYear | None) -> QuerySet:
    if year is None:
        return queryset
    return queryset.filter(date__gte=year.start_date, date__lte=year.end_date)


def browse_visits(user, *, association=None, purpose="", year=None, status="") -> QuerySet:
    """The visits the user can see, by methodical association, purpose, year and state."""
    queryset = in_year(observations_visible_to(user), year)
    if association is not None:
        queryset = queryset.filter(
            teacher__in=Staff.objects.filter(associations=association).values("pk")
        )
    if purpose:
        queryset = queryset.filter(purpose=purpose)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def purpose_counts(queryset: QuerySet) -> dict:
    rows = queryset.order_by().values("purpose").annotate(n=Count("pk"))
    return {row["purpose"]: row["n"] for row in rows}


def association_counts(user, queryset: QuerySet) -> list[tuple[MethodicalAssociation, int]]:
    """How many of the visits in `queryset` (browse_visits) are about each association's
    teachers: counted per association from those visits, not over every visit of its teachers."""
    counted = (
        queryset.order_by()
        .filter(teacher__associations=OuterRef("pk"))
        .values("teacher__associations")
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    associations = MethodicalAssociation.objects.filter(school_id=user.school_id).annotate(
        n=Coalesce(Subquery(counted, output_field=IntegerField()), 0)
    )
    return [(a, a.n) for a in associations]


def visible_teachers(user, year: AcademicYear | None = None) -> QuerySet:
    """Teachers whose history the user may open, with the number of visits they can see."""
    condition = personal_records_q(user)
    if condition is None:
        return Staff.objects.none()
    visits = observations_visible_to(user).exclude(status=Observation.Status.DRAFT)
    visits = in_year(visits, year).values("pk")
    return (
        Staff.objects.filter(condition)
        .annotate(
            visit_count=Count(
                "observations_received",
                filter=Q(observations_received__in=visits),
                distinct=True,
            )
        )
        .order_by("last_name", "first_name")
    )


# ---- a teacher's history and trends (P2.1, P2.5) ----


@dataclass
class TrendPoint:
    date: datetime.date
    value: float  # the score (an average when a visit scored the criterion more than once)
    scale_min: int
    scale_max: int
    observation_id: int

    @property
    def share(self) -> float:
        return (self.value - self.scale_min) / (self.scale_max - self.scale_min)


@dataclass
class CriterionTrend:
    text: str
    order: int
    set_name: str = ""
    points: list = field(default_factory=list)

    @property
    def average_share(self) -> float | None:
        if not self.points:
            return None
        return sum(p.share for p in self.points) / len(self.points)

    @property
    def average_percent(self):
        share = self.average_share
        return None if share is None else round(share * 100)

    @property
    def change_percent(self):
        """Last score minus first, in per cent of the scale (positive: improving)."""
        if len(self.points) < 2:
            return None
        return round((self.points[-1].share - self.points[0].share) * 100)

    @property
    def average_value(self):
        """The average value when all points share one scale, else None."""
        scales = {(p.scale_min, p.scale_max) for p in self.points}
        if len(scales) != 1:
            return None
        return sum(p.value for p in self.points) / len(self.points)

    @property
    def scale_label(self):
        scales = sorted({(p.scale_min, p.scale_max) for p in self.points})
        return ", ".join(f"{lo}–{hi}" for lo, hi in scales)


def teacher_visits(user, teacher: Staff, year: AcademicYear | None = None) -> QuerySet:
    """The submitted and acknowledged visits about a teacher that the user can see."""
    queryset = (
        observations_visible_to(user)
        .filter(teacher=teacher)
        .exclude(status=Observation.Status.DRAFT)
    )
    return in_year(queryset, year)


def teacher_history(user, teacher: Staff, year: AcademicYear | None = None) -> QuerySet:
    """The teacher's visits for the list, newest first (the page shows a page of them, with
    their averages: with_averages)."""
    return for_list(teacher_visits(user, teacher, year)).order_by("-date", "-lesson_number", "-pk")


def _trends_from(point_rows):
    """CriterionTrends from rows (set name, criterion text, order, TrendPoint) in date order."""
    trends: dict[tuple, CriterionTrend] = {}
    for set_name, text, order, point in point_rows:
        trend = trends.get((set_name, text))
        if trend is None:
            trend = trends[(set_name, text)] = CriterionTrend(
                text=text, order=order, set_name=set_name
            )
        trend.points.append(point)
    used = {}
    for trend in trends.values():
        used[trend.set_name] = used.get(trend.set_name, 0) + len(trend.points)
    return sorted(trends.values(), key=lambda t: (-used[t.set_name], t.set_name, t.order))


def criterion_trends(observations: list[Observation]) -> list[CriterionTrend]:
    """One trend per criterion, by date, grouped by criteria set (the most used set first),
    from visits loaded with their scores and criteria.

    Versions of a set share a criterion when its text is the same, so a trend runs on across
    a new version of the card.
    """
    return _trends_from(
        (
            observation.criteria_set.name,
            score.criterion.text,
            score.criterion.order,
            TrendPoint(
                date=observation.date,
                value=score.value,
                scale_min=score.scale_min,
                scale_max=score.scale_max,
                observation_id=observation.pk,
            ),
        )
        for observation in observations
        for score in observation.scores.all()
    )


def teacher_trends(user, teacher: Staff, year: AcademicYear | None = None) -> list[CriterionTrend]:
    """criterion_trends() of every visit about the teacher the user can see (P2.1, P2.5),
    over all years unless one is chosen, aggregated in the database: one row per visit and
    criterion (the average of its scores there), not a model object per score."""
    rows = (
        Score.objects.filter(observation__in=teacher_visits(user, teacher, year).values("pk"))
        .values(
            "observation_id",
            "observation__date",
            "observation__lesson_number",
            "observation__criteria_set__name",
            "criterion__text",
            "scale_min",
            "scale_max",
        )
        .annotate(average=Avg("value"), order=Min("criterion__order"))
        .order_by("observation__date", "observation__lesson_number", "observation_id", "order")
    )
    return _trends_from(
        (
            row["observation__criteria_set__name"],
            row["criterion__text"],
            row["order"],
            TrendPoint(
                date=row["observation__date"],
                value=row["average"],
                scale_min=row["scale_min"],
                scale_max=row["scale_max"],
                observation_id=row["observation_id"],
            ),
        )
        for row in rows
    )


# ---- criteria sets ----


def criteria_sets(school) -> list[CriteriaSet]:
    """The current sets with their criteria and older versions, and how many visits use each."""
    sets = (
        CriteriaSet.objects.filter(school=school)
        .annotate(visit_count=Count("observations", distinct=True))
        .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("order")))
        .order_by("-is_current", "-is_default", "name", "-version")
    )
    return list(sets)


def current_criteria_sets(school) -> QuerySet:
    return CriteriaSet.objects.filter(school=school, is_current=True).order_by(
        "-is_default", "name"
    )


# ---- young specialists (R2.18) ----


def is_young_in_year(staff: Staff, year: AcademicYear, day: datetime.date | None = None) -> bool:
    """A young specialist at some time of the year (up to today)."""
    last = min(year.end_date, day or today())
    return staff.is_young_specialist(on=year.start_date) or (
        last >= year.start_date and staff.is_young_specialist(on=last)
    )


def young_specialists(school, year: AcademicYear) -> list[Staff]:
    """The school's young specialists of a year, with their visit counts and conclusion."""
    visits = Observation.objects.filter(
        school=school, date__gte=year.start_date, date__lte=year.end_date
    ).exclude(status=Observation.Status.DRAFT)
    candidates = (
        Staff.objects.filter(school=school, started_on__lte=year.end_date)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=year.start_date))
        .annotate(
            visit_count=Count(
                "observations_received",
                filter=Q(observations_received__in=visits.values("pk")),
                distinct=True,
            )
        )
    )
    conclusions = {
        c.staff_id: c
        for c in YoungSpecialistConclusion.objects.filter(academic_year=year, school=school)
    }
    result = []
    for staff in candidates:
        if is_young_in_year(staff, year):
            staff.conclusion = conclusions.get(staff.pk)
            result.append(staff)
    return result


@dataclass
class YoungSpecialistYear:
    staff: Staff
    year: AcademicYear
    visits: list
    trends: list
    conclusion: YoungSpecialistConclusion | None

    @property
    def text(self) -> str:
        """The saved conclusion, else a starting text prepared from the year's visits."""
        return self.conclusion.text if self.conclusion else young_conclusion_draft(self)


def young_specialist_year(staff: Staff, year: AcademicYear) -> YoungSpecialistYear:
    visits = (
        Observation.objects.filter(
            teacher=staff, date__gte=year.start_date, date__lte=year.end_date
        )
        .exclude(status=Observation.Status.DRAFT)
        .select_related("observer", "subject", "criteria_set")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .order_by("date", "lesson_number")
    )
    visits = with_averages(visits)
    conclusion = YoungSpecialistConclusion.objects.filter(staff=staff, academic_year=year).first()
    return YoungSpecialistYear(staff, year, visits, criterion_trends(visits), conclusion)


def young_conclusion_draft(summary: YoungSpecialistYear) -> str:
    """A starting text for the deputy: the year's visits, averages and recommendations."""
    staff, year = summary.staff, summary.year
    lines = [
        _(
            "Conclusion on the work of the young specialist %(name)s (%(position)s), %(year)s academic year."
        )
        % {"name": staff.full_name, "position": staff.position, "year": year.name},
        "",
    ]
    if not summary.visits:
        lines.append(_("No lessons were visited in this academic year."))
        return "\n".join(lines)
    lines.append(
        _("%(count)s lessons were visited: %(dates)s.")
        % {
            "count": len(summary.visits),
            "dates": ", ".join(short_date(v.date) for v in summary.visits),
        }
    )
    lines += ["", _("Average scores by criterion:")]
    for trend in summary.trends:
        average = trend.average_value
        if average is not None:
            shown = _("%(average)s of %(scale)s") % {
                "average": number_format(average, 1),
                "scale": trend.scale_label,
            }
        else:
            shown = f"{trend.average_percent}%"
        lines.append(f"– {trend.text}: {shown}")
    strong = [t for t in summary.trends if (t.average_share or 0) >= 0.75]
    weak = [t for t in summary.trends if t.average_share is not None and t.average_share < 0.5]
    if strong:
        lines += ["", _("Strong sides: %(list)s.") % {"list": "; ".join(t.text for t in strong)}]
    if weak:
        lines += ["", _("Needs attention: %(list)s.") % {"list": "; ".join(t.text for t in weak)}]
    recommendations = list(
        dict.fromkeys(
            v.recommendations.strip() for v in summary.visits if v.recommendations.strip()
        )
    )
    if recommendations:
        lines += ["", _("Recommendations given during the year:")]
        lines += [f"– {text}" for text in recommendations]
    lines += ["", _("Conclusion of the methodical council:"), ""]
    return "\n".join(lines)


def young_conclusions_for(user, staff: Staff) -> list[YoungSpecialistConclusion]:
    """R2.18: a teacher's saved young-specialist conclusions that the user may read (the
    teacher themself and the administration), the latest year first."""
    conclusions = (
        YoungSpecialistConclusion.objects.filter(staff=staff)
        .select_related("academic_year")
        .order_by("-academic_year__start_date")
    )
    return [c for c in conclusions if can_view_young_conclusion(user, c)]
