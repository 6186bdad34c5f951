"""Who may do what with events, groups and research projects.

Everyone of the school reads events, groups and projects. The deputy director manages
them: adds and edits events (with their materials), groups and projects, and puts a group
or a project on a meeting's agenda to be heard (P4.3). A project's leader keeps its
progress: edits the project, its stages, status and results (R2.9 control stays with the
council, which hears the project). Another school's objects answer 404 before any
predicate is asked.
"""

from members.permissions import staff_of
from school.permissions import is_deputy, is_school_user


def can_view_projects(user) -> bool:
    return is_school_user(user)


def can_manage_events(user) -> bool:
    return is_deputy(user)


def can_manage_groups(user) -> bool:
    return is_deputy(user)


def can_create_project(user) -> bool:
    return is_deputy(user)


def can_edit_project(user, project) -> bool:
    if is_deputy(user):
        return True
    staff = staff_of(user)
    return staff is not None and project.leader_id == staff.pk


def can_put_on_agenda(user) -> bool:
    return is_deputy(user)
