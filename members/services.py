"""Writes on the school's people, subjects and methodical associations (R2.19).

People are never deleted: a person who leaves the school gets a "left on" date, so the
protocols, plans and council compositions that name them stay whole.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from school.models import School, User

from .models import MethodicalAssociation, Staff, Subject

STAFF_FIELDS = (
    "last_name",
    "first_name",
    "patronymic",
    "position",
    "category",
    "started_on",
    "phone",
    "email",
    "left_on",
)


def check_on_staff(school_id: int, people, field: str) -> list[Staff]:
    """The people a record names (organisers, authors, speakers…) are on this school's staff:
    one check for every app, with the message next to ``field``; ``None`` entries are left out."""
    people = [p for p in (people or []) if p is not None]
    for person in people:
        if person.school_id != school_id:
            raise ValidationError(
                {field: _("%(name)s is not on the staff of this school.") % {"name": person}},
                code="other_school",
            )
    return people


def _same_name(queryset, name: str):
    """The row whose name equals `name` ignoring case (Cyrillic too, on every database)."""
    wanted = name.casefold()
    return next((obj for obj in queryset if obj.name.casefold() == wanted), None)


def _check_same_school(school: School, field: str, objects) -> None:
    """Another school's subject, person or login can never be attached."""
    for obj in objects:
        if obj is not None and obj.school_id != school.pk:
            raise ValidationError({field: _("Choose from this school only.")}, code="other_school")


def _check_login(school: School, user: User | None, staff: Staff | None) -> None:
    if user is None:
        return
    _check_same_school(school, "user", [user])
    taken = Staff.objects.with_scopes_disabled().filter(user=user)
    if staff is not None and staff.pk:
        taken = taken.exclude(pk=staff.pk)
    if taken.exists():
        raise ValidationError(
            {"user": _("This login already belongs to another person.")}, code="login_taken"
        )


def _subjects_with_new(school: School, subjects, new_subject_names) -> list[Subject]:
    """The chosen subjects plus those typed in: an existing name is reused, a new one added."""
    subjects = list(subjects)
    _check_same_school(school, "subjects", subjects)
    for raw in new_subject_names:
        name = " ".join(raw.split())
        if not name:
            continue
        existing = _same_name(Subject.objects.with_scopes_disabled().filter(school=school), name)
        subject = existing or subject_create(school=school, name=name)
        if subject not in subjects:
            subjects.append(subject)
    return subjects


@transaction.atomic
def staff_create(
    *,
    school: School,
    last_name: str,
    first_name: str,
    position: str,
    started_on: datetime.date,
    patronymic: str = "",
    category: str = Staff.Category.NONE,
    phone: str = "",
    email: str = "",
    left_on: datetime.date | None = None,
    subjects=(),
    new_subject_names=(),
    user: User | None = None,
) -> Staff:
    _check_login(school, user, None)
    staff = Staff(
        school=school,
        last_name=last_name.strip(),
        first_name=first_name.strip(),
        patronymic=patronymic.strip(),
        position=position.strip(),
        category=category,
        started_on=started_on,
        phone=phone.strip(),
        email=email.strip(),
        left_on=left_on,
        user=user,
    )
    staff.full_clean()
    staff.save()
    staff.subjects.set(_subjects_with_new(school, subjects, new_subject_names))
    return staff


@transaction.atomic
def staff_update(*, staff: Staff, subjects=None, new_subject_names=(), user=..., **fields) -> Staff:
    """Change a person's card; `left_on` records leaving the school (nobody is deleted)."""
    unknown = set(fields) - set(STAFF_FIELDS)
    if unknown:
        raise TypeError(f"Unknown staff fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(staff, name, value.strip() if isinstance(value, str) else value)
    if user is not ...:
        _check_login(staff.school, user, staff)
        staff.user = user
    if subjects is not None:
        _check_same_school(staff.school, "subjects", subjects)
    staff.full_clean()
    staff.save()
    if subjects is not None or new_subject_names:
        current = staff.subjects.all() if subjects is None else subjects
        staff.subjects.set(_subjects_with_new(staff.school, current, new_subject_names))
    return staff


@transaction.atomic
def subject_create(*, school: School, name: str) -> Subject:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the subject's name.")}, code="required")
    if _same_name(Subject.objects.with_scopes_disabled().filter(school=school), name):
        raise ValidationError(
            {"name": _("The subject “%(name)s” already exists.") % {"name": name}},
            code="duplicate",
        )
    subject = Subject(school=school, name=name)
    subject.full_clean()
    subject.save()
    return subject


def _check_association_name(school, name, association=None):
    same = MethodicalAssociation.objects.with_scopes_disabled().filter(school=school)
    if association is not None:
        same = same.exclude(pk=association.pk)
    if _same_name(same, name):
        raise ValidationError(
            {"name": _("An association with this name already exists.")}, code="duplicate"
        )


def _save_association(association, *, name, head, teachers, subjects):
    school = association.school
    teachers, subjects = list(teachers), list(subjects)
    _check_same_school(school, "head", [head])
    _check_same_school(school, "teachers", teachers)
    _check_same_school(school, "subjects", subjects)
    name = " ".join(name.split())
    _check_association_name(school, name, association if association.pk else None)
    association.name, association.head = name, head
    association.full_clean()
    association.save()
    # The head is one of the association's teachers.
    if head is not None and head not in teachers:
        teachers.append(head)
    association.teachers.set(teachers)
    association.subjects.set(subjects)
    return association


@transaction.atomic
def association_create(
    *, school: School, name: str, head: Staff | None = None, teachers=(), subjects=()
) -> MethodicalAssociation:
    return _save_association(
        MethodicalAssociation(school=school),
        name=name,
        head=head,
        teachers=teachers,
        subjects=subjects,
    )


@transaction.atomic
def association_update(
    *, association: MethodicalAssociation, name: str, head: Staff | None, teachers, subjects
) -> MethodicalAssociation:
    return _save_association(
        association, name=name, head=head, teachers=teachers, subjects=subjects
    )
