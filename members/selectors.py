"""Reads for the pages of people and methodical associations, scoped to one school."""

import datetime

from django.db.models import Count, Q, QuerySet

from school.models import School
from school.selectors import today

from .models import YOUNG_SPECIALIST_YEARS, MethodicalAssociation, Staff, Subject


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def young_specialist_q(day: datetime.date | None = None) -> Q:
    """Staff.is_young_specialist() as a filter: started within the last three years."""
    day = day or today()
    return Q(started_on__gt=_years_before(day, YOUNG_SPECIALIST_YEARS), started_on__lte=day)


def staff_directory(
    *,
    school: School,
    query: str = "",
    association: MethodicalAssociation | None = None,
    subject: Subject | None = None,
    category: str = "",
    young: bool = False,
    status: str = "active",
) -> QuerySet[Staff]:
    """The staff directory with its search and filters; one row per person."""
    staff = Staff.objects.filter(school=school).prefetch_related(
        "subjects", "associations", "headed_associations"
    )
    for word in query.split():
        # SQLite folds only ASCII case: also try the word as names are written ("Сыдык").
        match = Q()
        for variant in {word, word.lower(), word.capitalize(), word.upper()}:
            match |= (
                Q(last_name__icontains=variant)
                | Q(first_name__icontains=variant)
                | Q(patronymic__icontains=variant)
            )
        staff = staff.filter(match)
    if association is not None:
        staff = staff.filter(Q(associations=association) | Q(headed_associations=association))
    if subject is not None:
        staff = staff.filter(subjects=subject)
    if category:
        staff = staff.filter(category=category)
    if young:
        staff = staff.filter(young_specialist_q())
    if status == "active":
        staff = staff.filter(left_on__isnull=True)
    elif status == "left":
        staff = staff.filter(left_on__isnull=False)
    return staff.distinct().order_by("last_name", "first_name", "patronymic", "pk")


def active_staff(school: School) -> QuerySet[Staff]:
    """The people on the school's staff now (not left), in the staff's order: the choices of
    every form that picks people."""
    return Staff.objects.filter(school=school, left_on__isnull=True)


def staff_profile(staff: Staff) -> dict:
    """Everything about a person that the staff page shows, in a fixed number of queries."""
    memberships = (
        staff.council_memberships.select_related("council__academic_year")
        .prefetch_related("roles")
        .order_by("-council__academic_year__start_date", "-joined_on")
    )
    return {
        "subjects": list(staff.subjects.all()),
        "headed_associations": list(staff.headed_associations.all()),
        "associations": list(staff.associations.select_related("head")),
        "memberships": list(memberships),
        "chaired_years": {c.academic_year_id for c in staff.chaired_councils.all()},
        "secretary_years": {c.academic_year_id for c in staff.councils_as_secretary.all()},
    }


def subjects(school: School) -> QuerySet[Subject]:
    return Subject.objects.filter(school=school).annotate(
        teacher_count=Count("teachers", filter=Q(teachers__left_on__isnull=True), distinct=True)
    )


def associations(school: School) -> QuerySet[MethodicalAssociation]:
    return (
        MethodicalAssociation.objects.filter(school=school)
        .select_related("head")
        .prefetch_related("subjects")
        .annotate(
            teacher_count=Count("teachers", filter=Q(teachers__left_on__isnull=True), distinct=True)
        )
    )


def association_detail(association: MethodicalAssociation) -> dict:
    teachers = association.teachers.prefetch_related("subjects").order_by(
        "left_on", "last_name", "first_name"
    )
    return {
        "teachers": [t for t in teachers if t.left_on is None],
        "former_teachers": [t for t in teachers if t.left_on is not None],
        "subjects": list(association.subjects.all()),
    }
