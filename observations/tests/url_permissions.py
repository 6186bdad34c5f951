"""Permission rows for the observation pages (R6.1: who sees a visit).

In these rows the visit is made by the association head (`mahead`) about `teacher`, a member
of that association. The secretary is a colleague: they may not open the visit, and get 404
(a visit's existence is not revealed). Acting on a visit one may see but not act on is 403.
POST-only actions answer a GET with 405; their rights are checked by POST in
test_permissions.py.
"""

from observations.models import Observation
from observations.tests.factories import make_observation
from tests.permission_table import (
    LOGIN_REDIRECT,
    ROLES,
    Row,
    deputy_only,
    object_page,
    school_page,
)

S = Observation.Status


def _visit(status):
    def kwargs(world):
        observation = make_observation(world.staff["mahead"], world.staff["teacher"], status=status)
        return {"pk": observation.pk}

    return kwargs


def _set(world):
    from observations.tests.factories import make_criteria_set

    return {"pk": make_criteria_set(world.school).pk}


def _young(world):
    import datetime

    teacher = world.staff["teacher"]
    teacher.started_on = world.year.start_date - datetime.timedelta(days=365)
    teacher.save()
    return {"staff_pk": teacher.pk, "year_pk": world.year.pk}


def _conclusion(world):
    from django_scopes import scope

    from observations.services import young_specialist_conclusion_save

    kwargs = _young(world)
    with scope(school=world.school.pk):
        conclusion = young_specialist_conclusion_save(
            staff=world.staff["teacher"],
            academic_year=world.year,
            text="Жаш адистин иши канааттандырарлык.",
            by=world.staff["deputy"],
        )
    assert kwargs["staff_pk"] == conclusion.staff_id
    return {"pk": conclusion.pk}


# Who may see a submitted visit by mahead about teacher: the author, the teacher, the
# association head (mahead again), the deputy and the director; the secretary may not.
seen = object_page(secretary=404)
post_only = {**dict.fromkeys(ROLES, 405), "anonymous": LOGIN_REDIRECT}

ROWS = {
    "observations:mine": Row(expect=school_page()),
    "observations:about_me": Row(expect=school_page()),
    "observations:browse": Row(expect=school_page()),
    "observations:teachers": Row(expect=school_page()),
    "observations:create": Row(expect=school_page()),
    "observations:detail": Row(kwargs=_visit(S.SUBMITTED), expect=seen),
    # A draft: the author and the deputy only; the teacher and the director do not see it yet.
    "observations:pdf": Row(
        kwargs=_visit(S.DRAFT), expect=object_page(404, mahead=200, deputy=200)
    ),
    "observations:edit": Row(
        kwargs=_visit(S.DRAFT), expect=object_page(404, mahead=200, deputy=403)
    ),
    "observations:delete": Row(
        kwargs=_visit(S.DRAFT), expect=object_page(404, mahead=200, deputy=403)
    ),
    # POST-only actions: a GET is refused (405) before anything is looked up; who may POST
    # them is checked in test_permissions.test_post_only_actions_check_rights_on_post.
    "observations:withdraw": Row(kwargs=_visit(S.SUBMITTED), expect=post_only),
    "observations:acknowledge": Row(kwargs=_visit(S.SUBMITTED), expect=post_only),
    "observations:note_add": Row(kwargs=_visit(S.ACKNOWLEDGED), expect=post_only),
    # The teacher's own history: the teacher, their association head, the administration.
    "observations:teacher_history": Row(
        kwargs=lambda w: {"pk": w.staff["teacher"].pk}, expect=object_page(secretary=403)
    ),
    "observations:criteria_list": Row(expect=deputy_only(school_page, other_school=200)),
    "observations:criteria_create": Row(expect=deputy_only(school_page, other_school=200)),
    "observations:criteria_edit": Row(kwargs=_set, expect=deputy_only(object_page)),
    "observations:young_specialists": Row(
        expect=deputy_only(school_page, director=200, other_school=200)
    ),
    "observations:young_conclusion": Row(
        kwargs=_young, expect=deputy_only(object_page, director=200)
    ),
    # R2.18: the saved conclusion as a PDF: the administration and the teacher it is about;
    # a colleague is not told it exists.
    "observations:young_conclusion_pdf": Row(
        kwargs=_conclusion, expect=object_page(404, teacher=200, deputy=200, director=200)
    ),
}
