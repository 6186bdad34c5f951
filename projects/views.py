from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from school import permissions as school_permissions

from . import permissions, selectors, services
from .forms import AgendaForm, EventFilterForm, EventForm, GroupForm, ProjectForm, StageForm
from .models import EventMaterial, Group, Project, Stage

# One helper per resource: scoped to the user's school (another school's object is a 404).


def _get_event_for_user(request, pk):
    school_permissions.require_school_user(request.user)
    return get_object_or_404(selectors.event_detail(), pk=pk)


def _get_material_for_user(request, pk):
    school_permissions.require_school_user(request.user)
    return get_object_or_404(EventMaterial.objects.select_related("event"), pk=pk)


def _get_group_for_user(request, pk):
    school_permissions.require_school_user(request.user)
    return get_object_or_404(selectors.group_detail(), pk=pk)


def _get_project_for_user(request, pk):
    school_permissions.require_school_user(request.user)
    return get_object_or_404(selectors.project_detail(), pk=pk)


def _get_stage_for_user(request, pk):
    school_permissions.require_school_user(request.user)
    return get_object_or_404(Stage.objects.select_related("project__school"), pk=pk)


# Events (R2.17, P3.1) --------------------------------------------------------------------------


def event_list(request):
    school_permissions.require_school_user(request.user)
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return render(
        request,
        "projects/event_list.html",
        {
            "form": form,
            "events": selectors.events(
                school=request.user.school,
                kind=filters.get("kind", ""),
                status=filters.get("status", ""),
            ),
            "can_manage": permissions.can_manage_events(request.user),
        },
    )


def _event_args(form):
    data = form.cleaned_data
    names = (
        "title",
        "kind",
        "starts_on",
        "ends_on",
        "place",
        "description",
        "guest_participants",
        "status",
        "results",
        "upload",
    )
    args = {name: data.get(name) for name in names}
    for name in ("organisers", "participants", "council_plan_items", "association_plan_items"):
        args[name] = list(data[name])
    return args


def event_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_manage_events(request.user):
        raise PermissionDenied
    school = request.user.school
    form = EventForm(request.POST or None, request.FILES or None, school=school)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(school=school, user=request.user, **_event_args(form))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("projects:event_detail", pk=event.pk)
    return render(request, "projects/event_form.html", {"form": form, "event": None})


def event_detail(request, pk):
    event = _get_event_for_user(request, pk)
    return render(
        request,
        "projects/event_detail.html",
        {"event": event, "can_manage": permissions.can_manage_events(request.user)},
    )


def event_edit(request, pk):
    event = _get_event_for_user(request, pk)
    if not permissions.can_manage_events(request.user):
        raise PermissionDenied
    initial = {
        "title": event.title,
        "kind": event.kind,
        "starts_on": event.starts_on,
        "ends_on": event.ends_on,
        "place": event.place,
        "description": event.description,
        "guest_participants": event.guest_participants,
        "status": event.status,
        "results": event.results,
        "organisers": list(event.organisers.all()),
        "participants": list(event.participants.all()),
        "council_plan_items": list(event.council_plan_items.all()),
        "association_plan_items": list(event.association_plan_items.all()),
    }
    form = EventForm(
        request.POST or None, request.FILES or None, school=event.school, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, user=request.user, **_event_args(form))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Saved."))
            return redirect("projects:event_detail", pk=event.pk)
    return render(request, "projects/event_form.html", {"form": form, "event": event})


def material_download(request, pk):
    """Materials are served only through here, to users of the school (never from MEDIA_URL)."""
    material = _get_material_for_user(request, pk)
    if not permissions.can_view_projects(request.user):
        raise PermissionDenied
    try:
        handle = material.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=material.original_name)


def material_delete(request, pk):
    material = _get_material_for_user(request, pk)
    if not permissions.can_manage_events(request.user):
        raise PermissionDenied
    back = reverse("projects:event_detail", args=[material.event_id])
    if request.method == "POST":
        services.material_remove(material=material)
        messages.success(request, _("The material is removed."))
        return redirect(back)
    return render(
        request,
        "projects/confirm.html",
        {
            "title": _("Remove the material %(name)s?") % {"name": material.original_name},
            "text": material.event.title,
            "back": back,
        },
    )


# Groups (R2.11) -------------------------------------------------------------------------------------


def group_list(request):
    school_permissions.require_school_user(request.user)
    return render(
        request,
        "projects/group_list.html",
        {
            "groups": selectors.groups(school=request.user.school),
            "can_manage": permissions.can_manage_groups(request.user),
        },
    )


def _group_args(form):
    data = form.cleaned_data
    args = {
        n: data[n] for n in ("kind", "name", "goal", "leader", "starts_on", "ends_on", "results")
    }
    args["members"] = list(data["members"])
    return args


def group_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_manage_groups(request.user):
        raise PermissionDenied
    school = request.user.school
    form = GroupForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(school=school, **_group_args(form))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The group is saved."))
            return redirect("projects:group_detail", pk=group.pk)
    return render(request, "projects/group_form.html", {"form": form, "group": None})


def group_detail(request, pk):
    group = _get_group_for_user(request, pk)
    return render(
        request,
        "projects/group_detail.html",
        {
            "group": group,
            "can_manage": permissions.can_manage_groups(request.user),
            "can_put_on_agenda": permissions.can_put_on_agenda(request.user),
        },
    )


def group_edit(request, pk):
    group = _get_group_for_user(request, pk)
    if not permissions.can_manage_groups(request.user):
        raise PermissionDenied
    initial = {
        "kind": group.kind,
        "name": group.name,
        "goal": group.goal,
        "leader": group.leader,
        "members": list(group.members.all()),
        "starts_on": group.starts_on,
        "ends_on": group.ends_on,
        "results": group.results,
    }
    form = GroupForm(request.POST or None, school=group.school, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(group=group, **_group_args(form))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Saved."))
            return redirect("projects:group_detail", pk=group.pk)
    return render(request, "projects/group_form.html", {"form": form, "group": group})


def _agenda(request, *, group: Group | None = None, project: Project | None = None):
    if not permissions.can_put_on_agenda(request.user):
        raise PermissionDenied
    subject = group or project
    if group is not None:
        default_title = _("Report of the %(kind)s «%(name)s» (leader: %(leader)s)") % {
            "kind": group.get_kind_display(),
            "name": group.name,
            "leader": group.leader.short_name,
        }
        back = reverse("projects:group_detail", args=[group.pk])
    else:
        default_title = _("Progress of the research project «%(title)s» (leader: %(leader)s)") % {
            "title": project.title,
            "leader": project.leader.short_name,
        }
        back = reverse("projects:project_detail", args=[project.pk])
    form = AgendaForm(request.POST or None, school=subject.school, initial={"title": default_title})
    if request.method == "POST" and form.is_valid():
        try:
            hearing = services.put_on_agenda(
                meeting=form.cleaned_data["meeting"],
                title=form.cleaned_data["title"],
                user=request.user,
                group=group,
                project=project,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("Put on the agenda of meeting No. %(number)s.")
                % {"number": hearing.agenda_item.meeting.number},
            )
            return redirect(back)
    return render(
        request,
        "projects/agenda_form.html",
        {"form": form, "subject": subject, "back": back},
    )


def group_agenda(request, pk):
    group = _get_group_for_user(request, pk)
    return _agenda(request, group=group)


# Research projects (R2.6, R2.8, R2.9, R2.12) -------------------------------------------------------------------


def project_list(request):
    school_permissions.require_school_user(request.user)
    status = request.GET.get("status", "")
    if status not in Project.Status.values:
        status = ""
    return render(
        request,
        "projects/project_list.html",
        {
            "projects": selectors.projects(school=request.user.school, status=status),
            "status": status,
            "statuses": Project.Status.choices,
            "can_create": permissions.can_create_project(request.user),
        },
    )


def _project_args(form):
    data = form.cleaned_data
    names = ("title", "problem", "leader", "group", "starts_on", "ends_on", "status", "results")
    args = {n: data[n] for n in names}
    args["participants"] = list(data["participants"])
    return args


def project_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_create_project(request.user):
        raise PermissionDenied
    school = request.user.school
    form = ProjectForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(school=school, **_project_args(form))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The project is saved."))
            return redirect("projects:project_detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": None})


def project_detail(request, pk):
    project = _get_project_for_user(request, pk)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "can_edit": permissions.can_edit_project(request.user, project),
            "can_put_on_agenda": permissions.can_put_on_agenda(request.user),
        },
    )


def project_edit(request, pk):
    project = _get_project_for_user(request, pk)
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied
    initial = {
        "title": project.title,
        "problem": project.problem,
        "leader": project.leader,
        "participants": list(project.participants.all()),
        "group": project.group,
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "status": project.status,
        "results": project.results,
    }
    form = ProjectForm(request.POST or None, school=project.school, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(project=project, **_project_args(form))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Saved."))
            return redirect("projects:project_detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


def project_agenda(request, pk):
    project = _get_project_for_user(request, pk)
    return _agenda(request, project=project)


def _stage_args(form):
    return {n: form.cleaned_data[n] for n in ("title", "starts_on", "ends_on", "status", "outcome")}


def stage_create(request, pk):
    project = _get_project_for_user(request, pk)
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied
    form = StageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_add(project=project, **_stage_args(form))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The stage is added."))
            return redirect(reverse("projects:project_detail", args=[project.pk]) + "#stages")
    return render(
        request, "projects/stage_form.html", {"form": form, "project": project, "stage": None}
    )


def stage_edit(request, pk):
    stage = _get_stage_for_user(request, pk)
    project = stage.project
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied
    initial = {
        "title": stage.title,
        "starts_on": stage.starts_on,
        "ends_on": stage.ends_on,
        "status": stage.status,
        "outcome": stage.outcome,
    }
    form = StageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_update(stage=stage, **_stage_args(form))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("projects:project_detail", args=[project.pk]) + "#stages")
    return render(
        request, "projects/stage_form.html", {"form": form, "project": project, "stage": stage}
    )
