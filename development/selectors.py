"""Reads for the professional-growth pages. Lists go through
members.permissions.personal_records_q, and a page's number of queries does not grow with its rows."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from council.models import Council
from meetings import selectors as meeting_selectors
from members.models import MethodicalAssociation, Staff
from members.permissions import personal_records_q, staff_of
from observations import selectors as observation_selectors
from observations.models import Observation, Score
from plans.models import AssociationPlanItem, CouncilPlanItem
from school.models import AcademicYear, School
from school.permissions import is_deputy
from school.selectors import academic_year_for_date, current_academic_year, today

from .models import (
    COURSE_WINDOW_YEARS,
    Attestation,
    CategoryRecord,
    Course,
    DevelopmentSettings,
    ProgrammeReview,
    SelfEducation,
    years_after,
)


def course_window_start(day: datetime.date | None = None) -> datetime.date:
    """Courses count when their last day is after this date (the last five years)."""
    return years_after(day or today(), -COURSE_WINDOW_YEARS)


def category_record_of(staff: Staff) -> CategoryRecord | None:
    """The prefetched (select_related) record of when the category was given, or None."""
    try:
        return staff.category_record
    except CategoryRecord.DoesNotExist:
        return None


def next_attestation_on(staff: Staff, cycle_years: int) -> datetime.date:
    """P3.5: a cycle after the category was given; with no date known, after starting work."""
    record = category_record_of(staff)
    return years_after(record.given_on if record else staff.started_on, cycle_years)


def visible_staff(user) -> QuerySet:
    condition = personal_records_q(user)
    if condition is None:
        return Staff.objects.none()
    return Staff.objects.filter(condition)


def pedagogical_q() -> Q:
    """Attested staff: those who teach a subject or hold a category (a librarian does not)."""
    teaches = Staff.subjects.through.objects.filter(staff_id=OuterRef("pk"))
    return Q(Exists(teaches)) | ~Q(category=Staff.Category.NONE)


@dataclass
class TeacherRow:
    staff: Staff
    given_on: datetime.date | None
    next_on: datetime.date
    hours: int
    below_minimum: bool
    pending: int | None  # the attestation in progress, if any
    topic: str = ""

    @property
    def overdue(self) -> bool:
        return self.next_on < today()


def teacher_rows(user, *, year: AcademicYear | None = None) -> list[TeacherRow]:
    """Working staff the user may see: category, next attestation, course hours, topic."""
    school = user.school
    config = DevelopmentSettings.for_school(school)
    window = course_window_start()
    pending = Attestation.objects.filter(staff=OuterRef("pk"), decision="pending").order_by(
        "ends_on"
    )
    staff = (
        visible_staff(user)
        .filter(pedagogical_q(), left_on__isnull=True)
        .select_related("category_record")
        .annotate(
            course_hours=Coalesce(
                Sum(
                    "courses__hours",
                    filter=Q(courses__ends_on__gt=window, courses__ends_on__lte=today()),
                ),
                0,
                output_field=IntegerField(),
            ),
            pending_id=Subquery(pending.values("pk")[:1]),
        )
        .order_by("last_name", "first_name", "patronymic", "pk")
    )
    topics = {}
    if year is not None:
        topics = dict(
            SelfEducation.objects.filter(academic_year=year).values_list("staff_id", "topic")
        )
    rows = []
    for person in staff:
        record = category_record_of(person)
        rows.append(
            TeacherRow(
                staff=person,
                given_on=record.given_on if record else None,
                next_on=next_attestation_on(person, config.attestation_cycle_years),
                hours=person.course_hours,
                below_minimum=person.course_hours < config.minimum_course_hours,
                pending=person.pending_id,
                topic=topics.get(person.pk, ""),
            )
        )
    return rows


def next_year_range(school: School, year: AcademicYear) -> tuple[datetime.date, datetime.date]:
    following = (
        AcademicYear.objects.filter(school=school, start_date__gt=year.end_date)
        .order_by("start_date")
        .first()
    )
    if following is not None:
        return following.start_date, following.end_date
    return years_after(year.start_date, 1), years_after(year.end_date, 1)


@dataclass
class DueLists:
    year: AcademicYear | None
    next_start: datetime.date | None
    next_end: datetime.date | None
    this_year: list = field(default_factory=list)
    next_year: list = field(default_factory=list)


def due_for_attestation(user) -> DueLists:
    """P3.5: teachers due this academic year (overdue ones too) and the next."""
    school = user.school
    year = current_academic_year(school)
    if year is None:
        return DueLists(None, None, None)
    next_start, next_end = next_year_range(school, year)
    lists = DueLists(year, next_start, next_end)
    for row in teacher_rows(user):
        if row.next_on <= year.end_date:
            lists.this_year.append(row)
        elif next_start <= row.next_on <= next_end:
            lists.next_year.append(row)
    lists.this_year.sort(key=lambda r: (r.next_on, r.staff.last_name))
    lists.next_year.sort(key=lambda r: (r.next_on, r.staff.last_name))
    return lists


def attestations_of(staff: Staff) -> QuerySet:
    return (
        Attestation.objects.filter(staff=staff)
        .select_related("characteristic")
        .prefetch_related("documents")
        .order_by("-ends_on", "-pk")
    )


def characteristic_of(attestation: Attestation):
    from .models import Characteristic

    return (
        Characteristic.objects.filter(attestation=attestation).select_related("written_by").first()
    )


def attestation_period(attestation: Attestation, cycle_years: int) -> tuple:
    """The period a characteristic speaks of: since the teacher's previous attestation
    (at most one cycle back), up to the commission's date."""
    previous = (
        Attestation.objects.filter(staff_id=attestation.staff_id, ends_on__lt=attestation.starts_on)
        .order_by("-ends_on")
        .first()
    )
    cycle_start = years_after(attestation.ends_on, -cycle_years)
    start = max(previous.ends_on, cycle_start) if previous else cycle_start
    return start, attestation.ends_on


@dataclass
class VisitsOfPeriod:
    start: datetime.date | None
    end: datetime.date
    visits: list
    trends: list


def visits_of_period(user, teacher: Staff, start, end) -> VisitsOfPeriod:
    """Submitted visits about the teacher in the period that the user may see, with the
    per-criterion averages (read from the observations app)."""
    queryset = (
        observation_selectors.observations_visible_to(user)
        .filter(teacher=teacher, date__lte=end)
        .exclude(status=Observation.Status.DRAFT)
        .select_related("observer", "subject", "criteria_set")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .order_by("date", "lesson_number", "pk")
    )
    if start is not None:
        queryset = queryset.filter(date__gte=start)
    visits = observation_selectors.with_averages(queryset)
    return VisitsOfPeriod(start, end, visits, observation_selectors.criterion_trends(visits))


def characteristic_context(user, attestation: Attestation) -> dict:
    config = DevelopmentSettings.for_school(attestation.school)
    start, end = attestation_period(attestation, config.attestation_cycle_years)
    year = academic_year_for_date(school=attestation.school, day=attestation.ends_on)
    council = (
        Council.objects.filter(academic_year=year).select_related("chair").first() if year else None
    )
    return {
        "attestation": attestation,
        "staff": attestation.staff,
        "period": visits_of_period(user, attestation.staff, start, end),
        "characteristic": characteristic_of(attestation),
        "council": council,
    }


def self_education_rows(user, year: AcademicYear) -> list:
    """Working staff the user may see, each with their topic of the year (or None)."""
    records = SelfEducation.objects.filter(academic_year=year).select_related(
        "report_item__plan__association"
    )
    staff = (
        visible_staff(user)
        .filter(pedagogical_q(), left_on__isnull=True)
        .prefetch_related(Prefetch("self_education", queryset=records, to_attr="year_records"))
        .order_by("last_name", "first_name", "patronymic", "pk")
    )
    return [(person, person.year_records[0] if person.year_records else None) for person in staff]


def reviews(user, *, open_only: bool = False) -> QuerySet:
    """Working-programme reviews of teachers the user may see; open ones first."""
    condition = personal_records_q(user)
    if condition is None:
        return ProgrammeReview.objects.none()
    visible = Staff.objects.filter(condition).values("pk")
    queryset = ProgrammeReview.objects.filter(teacher__in=visible)
    if open_only:
        queryset = queryset.filter(open_q())
    return queryset.select_related(
        "teacher", "subject", "reviewer", "follows", "follow_up"
    ).order_by("-reviewed_on", "-pk")


def reviewable_teachers(user) -> QuerySet:
    """R6.1: the working teachers whose programmes the user may review: everyone for the
    deputy, the association's teachers for its head; never oneself."""
    staff = staff_of(user)
    teachers = Staff.objects.filter(school=user.school, left_on__isnull=True)
    if not is_deputy(user):
        teachers = teachers.filter(associations__head=staff)
    if staff is not None:
        teachers = teachers.exclude(pk=staff.pk)
    return teachers.distinct().order_by("last_name", "first_name")


def open_q() -> Q:
    """R6.1: returned and not yet followed up (a follow-up takes the chain over)."""
    return Q(result=ProgrammeReview.Result.RETURNED, follow_up__isnull=True)


def is_open(review: ProgrammeReview) -> bool:
    if not review.is_returned:
        return False
    try:
        review.follow_up  # noqa: B018
    except ProgrammeReview.DoesNotExist:
        return True
    return False


def courses_of(staff: Staff) -> list[Course]:
    return list(Course.objects.filter(staff=staff).order_by("-ends_on", "-pk"))


def hours_in_window(courses: list[Course], day: datetime.date | None = None) -> int:
    day = day or today()
    window = course_window_start(day)
    return sum(c.hours for c in courses if window < c.ends_on <= day)


def plan_items_of(staff: Staff) -> list:
    """Plan items the person is responsible for, in associations' and the council's plans."""
    association_items = (
        AssociationPlanItem.objects.filter(responsible=staff)
        .select_related("plan__association", "plan__academic_year")
        .order_by("-plan__academic_year__start_date", "planned_start", "pk")
    )
    council_items = (
        CouncilPlanItem.objects.filter(responsible=staff)
        .select_related("plan__council__academic_year")
        .order_by("-plan__council__academic_year__start_date", "planned_start", "pk")
    )
    items = []
    for item in association_items:
        item.owner_label = item.plan.association.name
        item.year = item.plan.academic_year
        items.append(item)
    for item in council_items:
        item.owner_label = None
        item.year = item.plan.council.academic_year
        items.append(item)
    items.sort(key=lambda i: (-i.year.start_date.toordinal(), i.planned_start, i.pk))
    return items


def portfolio(user, staff: Staff) -> dict:
    """Everything the portfolio page and PDF show about one teacher, in a fixed number of
    queries: category and attestations, self-education, courses, reviews, visits, decisions
    and plan items."""
    config = DevelopmentSettings.for_school(staff.school)
    record = CategoryRecord.objects.filter(staff=staff).first()
    base = record.given_on if record else staff.started_on
    courses = courses_of(staff)
    hours = hours_in_window(courses)
    review_list = list(
        ProgrammeReview.objects.filter(teacher=staff)
        .select_related("subject", "reviewer", "follow_up")
        .order_by("-reviewed_on", "-pk")
    )
    for review in review_list:
        review.open = is_open(review)
    visits = visits_of_period(user, staff, None, today())
    return {
        "staff": staff,
        "settings": config,
        "category_given_on": record.given_on if record else None,
        "next_attestation_on": years_after(base, config.attestation_cycle_years),
        "attestations": list(attestations_of(staff)),
        "self_education": list(
            SelfEducation.objects.filter(staff=staff)
            .select_related("academic_year", "report_item__plan__association")
            .order_by("-academic_year__start_date")
        ),
        "courses": courses,
        "hours": hours,
        "below_minimum": hours < config.minimum_course_hours,
        "window_start": course_window_start(),
        "reviews": review_list,
        "open_reviews": sum(1 for r in review_list if r.open),
        "visits": visits.visits,
        "trends": visits.trends,
        "decisions": list(meeting_selectors.decisions_of(staff)),
        "plan_items": plan_items_of(staff),
        "current_year": current_academic_year(staff.school),
        "young_conclusions": observation_selectors.young_conclusions_for(user, staff),
    }


@dataclass
class ScheduleRow:
    staff: Staff
    attestation: Attestation | None  # None: due in the year, no attestation opened yet
    due_on: datetime.date | None
    reviewers: list


def attestation_schedule(school: School, year: AcademicYear) -> list[ScheduleRow]:
    """P3.5: the attestation schedule of an academic year, for the council to approve.

    Every attestation whose period meets the year, then every working teacher due in the
    year (their category's term ends by the year's end) who has no attestation in it yet.
    Who reviews: the author of the characteristic once it is written, else the heads of the
    teacher's methodical associations (they visit the lessons and prepare it).
    """
    config = DevelopmentSettings.for_school(school)
    staff_related = Prefetch(
        "staff__associations", queryset=MethodicalAssociation.objects.select_related("head")
    )
    attestations = list(
        Attestation.objects.filter(
            school=school, starts_on__lte=year.end_date, ends_on__gte=year.start_date
        )
        .select_related("staff", "characteristic__written_by")
        .prefetch_related(staff_related)
        .order_by("ends_on", "staff__last_name", "staff__first_name", "pk")
    )

    def reviewers(staff, attestation=None):
        characteristic = getattr(attestation, "characteristic", None) if attestation else None
        if characteristic is not None and characteristic.written_by is not None:
            return [characteristic.written_by]
        heads = {a.head.pk: a.head for a in staff.associations.all() if a.head is not None}
        return [head for pk, head in sorted(heads.items()) if pk != staff.pk]

    rows = [ScheduleRow(a.staff, a, None, reviewers(a.staff, a)) for a in attestations]
    scheduled = {a.staff_id for a in attestations}
    due = (
        Staff.objects.filter(pedagogical_q(), school=school, left_on__isnull=True)
        .exclude(pk__in=scheduled)
        .select_related("category_record")
        .prefetch_related(
            Prefetch("associations", queryset=MethodicalAssociation.objects.select_related("head"))
        )
        .order_by("last_name", "first_name", "patronymic", "pk")
    )
    waiting = []
    for person in due:
        due_on = next_attestation_on(person, config.attestation_cycle_years)
        if due_on <= year.end_date:
            waiting.append(ScheduleRow(person, None, due_on, reviewers(person)))
    waiting.sort(key=lambda r: r.due_on)
    return rows + waiting
