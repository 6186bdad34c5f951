from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from school import permissions as school_permissions
from school.pages import confirm_page, form_page, main_action
from school.uploads import download_response

from . import permissions, selectors, services
from .forms import AgendaForm, EventFilterForm, EventForm, GroupForm, ProjectForm, StageForm
from .models import EventMaterial, Group, Project, Stage

# One helper per resource: scoped to the user's school (another school's object is a 404).


def _fetch(request, rows, pk):
    school_permissions.require_school_user(request.user)
    return get_object_or_404(rows, pk=pk)


def _get_event_for_user(request, pk):
    return _fetch(request, selectors.event_detail(), pk)


def _get_material_for_user(request, pk):
    return _fetch(request, EventMaterial.objects.select_related("event"), pk)


def _get_group_for_user(request, pk):
    return _fetch(request, selectors.group_detail(), pk)


def _get_project_for_user(request, pk):
    return _fetch(request, selectors.project_detail(), pk)


def _get_stage_for_user(request, pk):
    return _fetch(request, Stage.objects.select_related("project__school"), pk)


def event_url(event):
    return reverse("projects:event_detail", args=[event.pk])


def group_url(group):
    return reverse("projects:group_detail", args=[group.pk])


def project_url(project):
    return reverse("projects:project_detail", args=[project.pk])


# Events (R2.17, P3.1) --------------------------------------------------------------------------


def event_list(request):
    school_permissions.require_school_user(request.user)
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    can_manage = permissions.can_manage_events(request.user)
    return render(
        request,
        "projects/event_list.html",
        {
            "heading": _("Conferences, seminars, exhibitions, readings and master classes"),
            "rows": selectors.events(
                school=request.user.school,
                kind=filters.get("kind", ""),
                status=filters.get("status", ""),
            ),
            "form": form,
            **main_action(can_manage, "projects:event_create", _("New event")),
        },
    )


def event_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_manage_events(request.user):
        raise PermissionDenied
    school = request.user.school
    form = EventForm(request.POST or None, request.FILES or None, school=school)
    return form_page(
        request,
        form,
        save=lambda f: services.event_create(school=school, user=request.user, **f.service_args()),
        done=event_url,
        message=_("The event is saved."),
        context={"heading": _("New event"), "back_url": reverse("projects:event_list")},
    )


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
    form = EventForm(
        request.POST or None,
        request.FILES or None,
        school=event.school,
        initial=EventForm.initial_for(event),
    )
    return form_page(
        request,
        form,
        save=lambda f: services.event_update(event=event, user=request.user, **f.service_args()),
        done=event_url(event),
        message=_("Saved."),
        context={"heading": _("Edit the event"), "back_url": event_url(event)},
    )


def material_download(request, pk):
    """Materials are served only through here, to users of the school (never from MEDIA_URL)."""
    material = _get_material_for_user(request, pk)
    if not permissions.can_view_projects(request.user):
        raise PermissionDenied
    return download_response(material.file, material.original_name)


def material_delete(request, pk):
    material = _get_material_for_user(request, pk)
    if not permissions.can_manage_events(request.user):
        raise PermissionDenied
    back = reverse("projects:event_detail", args=[material.event_id])
    return confirm_page(
        request,
        title=_("Remove the material %(name)s?") % {"name": material.original_name},
        text=material.event.title,
        back=back,
        action=lambda: services.material_remove(material=material),
        done=back,
        message=_("The material is removed."),
    )


# Groups (R2.11) -------------------------------------------------------------------------------------


def group_list(request):
    school_permissions.require_school_user(request.user)
    can_manage = permissions.can_manage_groups(request.user)
    return render(
        request,
        "projects/group_list.html",
        {
            "heading": _("Creative and project groups"),
            "rows": selectors.groups(school=request.user.school),
            **main_action(can_manage, "projects:group_create", _("New group")),
        },
    )


def group_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_manage_groups(request.user):
        raise PermissionDenied
    school = request.user.school
    return form_page(
        request,
        GroupForm(request.POST or None, school=school),
        save=lambda f: services.group_create(school=school, **f.service_args()),
        done=group_url,
        message=_("The group is saved."),
        context={"heading": _("New group"), "back_url": reverse("projects:group_list")},
    )


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
    form = GroupForm(
        request.POST or None, school=group.school, initial=GroupForm.initial_for(group)
    )
    return form_page(
        request,
        form,
        save=lambda f: services.group_update(group=group, **f.service_args()),
        done=group_url(group),
        message=_("Saved."),
        context={"heading": _("Edit the group"), "back_url": group_url(group)},
    )


def _agenda_title(*, group: Group | None, project: Project | None) -> str:
    """The agenda item proposed for a hearing: what is heard, and its leader as the speaker."""
    if group is not None:
        return _("Report of the %(kind)s «%(name)s» (leader: %(leader)s)") % {
            "kind": group.get_kind_display(),
            "name": group.name,
            "leader": group.leader.short_name,
        }
    return _("Progress of the research project «%(title)s» (leader: %(leader)s)") % {
        "title": project.title,
        "leader": project.leader.short_name,
    }


def _agenda(request, *, back: str, group: Group | None = None, project: Project | None = None):
    if not permissions.can_put_on_agenda(request.user):
        raise PermissionDenied
    subject = group or project
    form = AgendaForm(
        request.POST or None,
        school=subject.school,
        initial={"title": _agenda_title(group=group, project=project)},
    )
    return form_page(
        request,
        form,
        save=lambda f: services.put_on_agenda(
            user=request.user, group=group, project=project, **f.service_args()
        ),
        done=back,
        message=lambda hearing: (
            _("Put on the agenda of meeting No. %(number)s.")
            % {"number": hearing.agenda_item.meeting.number}
        ),
        context={
            "heading": _("Put on a meeting's agenda"),
            "back_url": back,
            "back_label": str(subject),
            "lead": _(
                "The leader is named as the speaker. Only meetings whose protocol is not "
                "approved are listed."
            ),
        },
    )


def group_agenda(request, pk):
    group = _get_group_for_user(request, pk)
    return _agenda(request, back=group_url(group), group=group)


# Research projects (R2.6, R2.8, R2.9, R2.12) -------------------------------------------------------------------


def project_list(request):
    school_permissions.require_school_user(request.user)
    status = request.GET.get("status", "")
    if status not in Project.Status.values:
        status = ""
    can_create = permissions.can_create_project(request.user)
    return render(
        request,
        "projects/project_list.html",
        {
            "heading": _("Research and innovation projects"),
            "rows": selectors.projects(school=request.user.school, status=status),
            "status": status,
            "statuses": Project.Status.choices,
            **main_action(can_create, "projects:project_create", _("New research project")),
        },
    )


def project_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_create_project(request.user):
        raise PermissionDenied
    school = request.user.school
    return form_page(
        request,
        ProjectForm(request.POST or None, school=school),
        save=lambda f: services.project_create(school=school, **f.service_args()),
        done=project_url,
        message=_("The project is saved."),
        context={
            "heading": _("New research project"),
            "back_url": reverse("projects:project_list"),
        },
    )


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
    form = ProjectForm(
        request.POST or None, school=project.school, initial=ProjectForm.initial_for(project)
    )
    return form_page(
        request,
        form,
        save=lambda f: services.project_update(project=project, **f.service_args()),
        done=project_url(project),
        message=_("Saved."),
        context={"heading": _("Edit the project"), "back_url": project_url(project)},
    )


def project_agenda(request, pk):
    project = _get_project_for_user(request, pk)
    return _agenda(request, back=project_url(project), project=project)


def _stage_page(request, project, form, *, save, message, heading):
    return form_page(
        request,
        form,
        save=save,
        done=project_url(project) + "#stages",
        message=message,
        context={"heading": heading, "back_url": project_url(project), "back_label": project.title},
    )


def stage_create(request, pk):
    project = _get_project_for_user(request, pk)
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied
    return _stage_page(
        request,
        project,
        StageForm(request.POST or None),
        save=lambda f: services.stage_add(project=project, **f.service_args()),
        message=_("The stage is added."),
        heading=_("New stage"),
    )


def stage_edit(request, pk):
    stage = _get_stage_for_user(request, pk)
    project = stage.project
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied
    return _stage_page(
        request,
        project,
        StageForm(request.POST or None, initial=StageForm.initial_for(stage)),
        save=lambda f: services.stage_update(stage=stage, **f.service_args()),
        message=_("Saved."),
        heading=_("Stage %(number)s") % {"number": stage.position},
    )
