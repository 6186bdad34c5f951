"""Writes on events, groups, research projects and their hearings at meetings."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from meetings import services as meeting_services
from meetings.models import Meeting
from members.models import Staff
from members.services import check_on_staff
from school.calendar import short_date
from school.models import School
from school.selectors import today
from school.uploads import check_upload

from .models import Event, EventMaterial, Group, Hearing, Project, Stage


def _term_errors(starts_on, ends_on) -> dict:
    if starts_on and ends_on and ends_on < starts_on:
        return {"ends_on": _("The end cannot be before the start.")}
    return {}


# Events (R2.17, P3.1) -----------------------------------------------------------------------------


def _check_plan_items(school: School, council_items, association_items) -> None:
    for item in council_items:
        if item.plan.council.academic_year.school_id != school.pk:
            raise ValidationError(
                {"council_plan_items": _("Choose items of this school's plans.")},
                code="other_school",
            )
    for item in association_items:
        if item.plan.association.school_id != school.pk:
            raise ValidationError(
                {"association_plan_items": _("Choose items of this school's plans.")},
                code="other_school",
            )


def _event_write(
    event: Event,
    *,
    user,
    organisers,
    participants,
    council_plan_items,
    association_plan_items,
    upload,
) -> Event:
    school = event.school
    errors = _term_errors(event.starts_on, event.ends_on)
    organisers = check_on_staff(school.pk, organisers, "organisers")
    participants = check_on_staff(school.pk, participants, "participants")
    council_plan_items = list(council_plan_items or [])
    association_plan_items = list(association_plan_items or [])
    _check_plan_items(school, council_plan_items, association_plan_items)
    event.title = (event.title or "").strip()
    event.results = (event.results or "").strip()
    if not organisers:
        errors["organisers"] = _("Name at least one organiser.")
    if event.status == Event.Status.HELD:
        if event.starts_on and event.starts_on > today():
            errors["status"] = _("The event starts on %(date)s: it cannot be held yet.") % {
                "date": short_date(event.starts_on)
            }
        if not event.results:
            errors["results"] = _("Write the results of the event that was held.")
    if upload is not None:
        try:
            check_upload(upload, field="upload")
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    event.full_clean()
    event.save()
    event.organisers.set(organisers)
    event.participants.set(participants)
    event.council_plan_items.set(council_plan_items)
    event.association_plan_items.set(association_plan_items)
    if upload is not None:
        EventMaterial.from_upload(upload, user=user, event=event)
    return event


@transaction.atomic
def event_create(
    *,
    school: School,
    user,
    title: str,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    organisers,
    place: str = "",
    description: str = "",
    participants=(),
    guest_participants: str = "",
    council_plan_items=(),
    association_plan_items=(),
    status: str = Event.Status.PLANNED,
    results: str = "",
    upload=None,
) -> Event:
    event = Event(
        school=school,
        title=title,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        place=place,
        description=description,
        guest_participants=guest_participants,
        status=status,
        results=results,
        created_by=user,
    )
    return _event_write(
        event,
        user=user,
        organisers=organisers,
        participants=participants,
        council_plan_items=council_plan_items,
        association_plan_items=association_plan_items,
        upload=upload,
    )


@transaction.atomic
def event_update(
    *,
    event: Event,
    user,
    title: str,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    organisers,
    place: str = "",
    description: str = "",
    participants=(),
    guest_participants: str = "",
    council_plan_items=(),
    association_plan_items=(),
    status: str = Event.Status.PLANNED,
    results: str = "",
    upload=None,
) -> Event:
    event.title, event.kind, event.place = title, kind, place
    event.starts_on, event.ends_on = starts_on, ends_on
    event.description, event.guest_participants = description, guest_participants
    event.status, event.results = status, results
    return _event_write(
        event,
        user=user,
        organisers=organisers,
        participants=participants,
        council_plan_items=council_plan_items,
        association_plan_items=association_plan_items,
        upload=upload,
    )


@transaction.atomic
def material_remove(*, material: EventMaterial) -> None:
    """The row goes now, the file once the removal is committed."""
    material.remove()


# Groups (R2.11) ----------------------------------------------------------------------------------


def _group_write(group: Group, *, members) -> Group:
    school = group.school
    errors = _term_errors(group.starts_on, group.ends_on)
    check_on_staff(school.pk, [group.leader], "leader")
    members = check_on_staff(school.pk, members, "members")
    group.name = " ".join((group.name or "").split())
    group.goal = (group.goal or "").strip()
    if not members:
        errors["members"] = _("A group needs at least one member.")
    if not group.goal:
        errors["goal"] = _("Write the group's goal.")
    duplicate = Group.objects.filter(school=school, name=group.name, starts_on=group.starts_on)
    if group.pk:
        duplicate = duplicate.exclude(pk=group.pk)
    if group.name and group.starts_on and duplicate.exists():
        errors["name"] = _("A group of this name already starts on this day.")
    if errors:
        raise ValidationError(errors)
    group.full_clean()
    group.save()
    group.members.set(members)
    return group


@transaction.atomic
def group_create(
    *,
    school: School,
    kind: str,
    name: str,
    goal: str,
    leader: Staff,
    members,
    starts_on: datetime.date,
    ends_on: datetime.date,
    results: str = "",
) -> Group:
    """A temporary creative or project group (R2.11); it has at least one member."""
    group = Group(
        school=school,
        kind=kind,
        name=name,
        goal=goal,
        leader=leader,
        starts_on=starts_on,
        ends_on=ends_on,
        results=(results or "").strip(),
    )
    return _group_write(group, members=members)


@transaction.atomic
def group_update(
    *,
    group: Group,
    kind: str,
    name: str,
    goal: str,
    leader: Staff,
    members,
    starts_on: datetime.date,
    ends_on: datetime.date,
    results: str = "",
) -> Group:
    group.kind, group.name, group.goal, group.leader = kind, name, goal, leader
    group.starts_on, group.ends_on = starts_on, ends_on
    group.results = (results or "").strip()
    return _group_write(group, members=members)


# Research projects (R2.6, R2.8, R2.9, R2.12) ----------------------------------------------------------------


def _project_write(project: Project, *, participants) -> Project:
    school = project.school
    errors = _term_errors(project.starts_on, project.ends_on)
    check_on_staff(school.pk, [project.leader], "leader")
    participants = check_on_staff(school.pk, participants, "participants")
    project.title = " ".join((project.title or "").split())
    project.results = (project.results or "").strip()
    if project.group_id and project.group.school_id != school.pk:
        errors["group"] = _("Choose a group of this school.")
    if project.status == Project.Status.COMPLETED and not project.results:
        errors["results"] = _("Write the results of the completed project.")
    if (
        project.status == Project.Status.ACTIVE
        and project.starts_on
        and project.starts_on > today()
    ):
        errors["status"] = _("The project starts on %(date)s: it cannot be in progress yet.") % {
            "date": short_date(project.starts_on)
        }
    if project.pk and project.starts_on and project.ends_on:
        outside = project.stages.filter(starts_on__lt=project.starts_on) | project.stages.filter(
            ends_on__gt=project.ends_on
        )
        stage = outside.order_by("position").first()
        if stage is not None:
            errors["ends_on"] = _(
                "Stage %(number)s (%(start)s – %(end)s) would fall outside the project's term."
            ) % {
                "number": stage.position,
                "start": short_date(stage.starts_on),
                "end": short_date(stage.ends_on),
            }
    if errors:
        raise ValidationError(errors)
    project.full_clean()
    project.save()
    project.participants.set(participants)
    return project


@transaction.atomic
def project_create(
    *,
    school: School,
    title: str,
    problem: str,
    leader: Staff,
    starts_on: datetime.date,
    ends_on: datetime.date,
    participants=(),
    group: Group | None = None,
    status: str = Project.Status.PLANNED,
    results: str = "",
) -> Project:
    project = Project(
        school=school,
        title=title,
        problem=problem,
        leader=leader,
        group=group,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        results=results,
    )
    return _project_write(project, participants=participants)


@transaction.atomic
def project_update(
    *,
    project: Project,
    title: str,
    problem: str,
    leader: Staff,
    starts_on: datetime.date,
    ends_on: datetime.date,
    participants=(),
    group: Group | None = None,
    status: str = Project.Status.PLANNED,
    results: str = "",
) -> Project:
    project.title, project.problem, project.leader, project.group = title, problem, leader, group
    project.starts_on, project.ends_on = starts_on, ends_on
    project.status, project.results = status, results
    return _project_write(project, participants=participants)


def _stage_errors(stage: Stage) -> dict:
    project = stage.project
    errors = _term_errors(stage.starts_on, stage.ends_on)
    term = {"start": short_date(project.starts_on), "end": short_date(project.ends_on)}
    if stage.starts_on and stage.starts_on < project.starts_on:
        errors["starts_on"] = _("The project runs from %(start)s to %(end)s.") % term
    if stage.ends_on and stage.ends_on > project.ends_on:
        errors["ends_on"] = _("The project runs from %(start)s to %(end)s.") % term
    if stage.starts_on and "starts_on" not in errors:
        stages = Stage.objects.filter(project=project).exclude(pk=stage.pk)
        before = stages.filter(position__lt=stage.position).order_by("-position").first()
        after = stages.filter(position__gt=stage.position).order_by("position").first()
        # Stages follow each other: none starts before the one it follows.
        if before is not None and stage.starts_on < before.starts_on:
            errors["starts_on"] = _(
                "Stage %(number)s starts on %(date)s: a later stage cannot start earlier."
            ) % {"number": before.position, "date": short_date(before.starts_on)}
        elif after is not None and stage.starts_on > after.starts_on:
            errors["starts_on"] = _(
                "Stage %(number)s starts on %(date)s: an earlier stage cannot start later."
            ) % {"number": after.position, "date": short_date(after.starts_on)}
    if stage.status == Stage.Status.DONE and stage.ends_on and stage.starts_on > today():
        errors["status"] = _("A stage that has not started cannot be done.")
    return errors


@transaction.atomic
def stage_add(
    *,
    project: Project,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    status: str = Stage.Status.PLANNED,
    outcome: str = "",
) -> Stage:
    """A new stage at the end of the project's stages."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    last = Stage.objects.filter(project=project).aggregate(n=Max("position"))["n"] or 0
    stage = Stage(
        project=project,
        position=last + 1,
        title=" ".join((title or "").split()),
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        outcome=(outcome or "").strip(),
    )
    errors = _stage_errors(stage)
    if errors:
        raise ValidationError(errors)
    stage.full_clean()
    stage.save()
    return stage


@transaction.atomic
def stage_update(
    *,
    stage: Stage,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    status: str,
    outcome: str = "",
) -> Stage:
    Project.objects.select_for_update().filter(pk=stage.project_id).first()
    stage.title = " ".join((title or "").split())
    stage.starts_on, stage.ends_on, stage.status = starts_on, ends_on, status
    stage.outcome = (outcome or "").strip()
    errors = _stage_errors(stage)
    if errors:
        raise ValidationError(errors)
    stage.full_clean()
    stage.save()
    return stage


# Hearing at a meeting (P4.3) --------------------------------------------------------------------


@transaction.atomic
def put_on_agenda(
    *,
    meeting: Meeting,
    title: str,
    user,
    group: Group | None = None,
    project: Project | None = None,
) -> Hearing:
    """Put a group or a project on the meeting's agenda; its leader is the speaker."""
    subject = group or project
    if (group is None) == (project is None):
        raise ValidationError(_("Choose a group or a project."), code="subject")
    if meeting.council.academic_year.school_id != subject.school_id:
        raise ValidationError(
            {"meeting": _("Choose a meeting of this school.")}, code="other_school"
        )
    if meeting.is_approved:
        raise ValidationError(
            {"meeting": _("The protocol of this meeting is approved: choose a meeting to come.")},
            code="approved",
        )
    already = Hearing.objects.filter(agenda_item__meeting=meeting, group=group, project=project)
    if already.exists():
        raise ValidationError(
            {"meeting": _("It is already on the agenda of this meeting.")}, code="duplicate"
        )
    item = meeting_services.agenda_item_add(
        meeting=meeting, title=title, speakers=[subject.leader], user=user
    )
    hearing = Hearing(agenda_item=item, group=group, project=project)
    hearing.full_clean()
    hearing.save()
    return hearing
