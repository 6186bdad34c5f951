"""Expected statuses of every projects URL for every role (the permission walk).

In the test world the project's leader is the head of the association (mahead): they keep
the project's progress; the deputy manages everything.
"""

from tests.permission_table import Row, deputy_only, object_page, school_page


def _objects(w):
    if not hasattr(w, "_projects"):
        from experience.tests.factories import pdf_upload
        from projects.tests import factories

        event = factories.event(w, upload=pdf_upload("программа.pdf"))
        project = factories.project(w)
        w._projects = {
            "event": event,
            "material": event.materials.get(),
            "group": factories.group(w),
            "project": project,
            "stage": factories.stage(project),
        }
    return w._projects


def _pk(name):
    return lambda w: {"pk": _objects(w)[name].pk}


LEADER_OR_DEPUTY = object_page(403, mahead=200, deputy=200)

ROWS = {
    "projects:project_list": Row(expect=school_page()),
    "projects:project_create": Row(expect=deputy_only(school_page, other_school=200)),
    "projects:project_detail": Row(kwargs=_pk("project"), expect=object_page()),
    "projects:project_edit": Row(kwargs=_pk("project"), expect=LEADER_OR_DEPUTY),
    "projects:project_agenda": Row(kwargs=_pk("project"), expect=deputy_only()),
    "projects:stage_create": Row(kwargs=_pk("project"), expect=LEADER_OR_DEPUTY),
    "projects:stage_edit": Row(kwargs=_pk("stage"), expect=LEADER_OR_DEPUTY),
    "projects:group_list": Row(expect=school_page()),
    "projects:group_create": Row(expect=deputy_only(school_page, other_school=200)),
    "projects:group_detail": Row(kwargs=_pk("group"), expect=object_page()),
    "projects:group_edit": Row(kwargs=_pk("group"), expect=deputy_only()),
    "projects:group_agenda": Row(kwargs=_pk("group"), expect=deputy_only()),
    "projects:event_list": Row(expect=school_page()),
    "projects:event_create": Row(expect=deputy_only(school_page, other_school=200)),
    "projects:event_detail": Row(kwargs=_pk("event"), expect=object_page()),
    "projects:event_edit": Row(kwargs=_pk("event"), expect=deputy_only()),
    "projects:material_download": Row(kwargs=_pk("material"), expect=object_page()),
    "projects:material_delete": Row(kwargs=_pk("material"), expect=deputy_only()),
}
