"""Expected statuses of every experience URL for every role (the permission walk).

In the test world the manuscript's author is the teacher and its reviewer the head of the
association (mahead); the award recommendation is about the head of the association.
"""

from tests.permission_table import Row, deputy_only, object_page, school_page


def _objects(w):
    if not hasattr(w, "_experience"):
        from experience.tests import factories

        entry = factories.entry(w, upload=factories.pdf_upload())
        item, review = factories.reviewed_manuscript(w)
        w._experience = {
            "entry": entry,
            "file": entry.files.get(),
            "publication": factories.publication(w),
            "manuscript": item,
            "review": review,
            "award": factories.award(w),
        }
    return w._experience


def _pk(name):
    return lambda w: {"pk": _objects(w)[name].pk}


def involved(**overrides):
    """The manuscript's author (teacher), its reviewer (mahead), the deputy and the director."""
    return object_page(403, teacher=200, mahead=200, deputy=200, director=200, **overrides)


# The teacher is the entry's author and the publication's author: they edit their own.
OWNER_OR_DEPUTY = object_page(403, teacher=200, deputy=200)

ROWS = {
    "experience:entry_list": Row(expect=school_page()),
    "experience:entry_create": Row(expect=school_page()),
    "experience:entry_detail": Row(kwargs=_pk("entry"), expect=object_page()),
    "experience:entry_edit": Row(kwargs=_pk("entry"), expect=OWNER_OR_DEPUTY),
    "experience:entry_delete": Row(kwargs=_pk("entry"), expect=OWNER_OR_DEPUTY),
    "experience:file_download": Row(kwargs=_pk("file"), expect=object_page()),
    "experience:file_delete": Row(kwargs=_pk("file"), expect=OWNER_OR_DEPUTY),
    "experience:publication_list": Row(expect=school_page()),
    "experience:publication_create": Row(expect=school_page()),
    "experience:publication_edit": Row(kwargs=_pk("publication"), expect=OWNER_OR_DEPUTY),
    "experience:publication_delete": Row(kwargs=_pk("publication"), expect=OWNER_OR_DEPUTY),
    "experience:manuscript_list": Row(expect=school_page()),
    "experience:manuscript_create": Row(expect=school_page()),
    "experience:manuscript_detail": Row(kwargs=_pk("manuscript"), expect=involved()),
    "experience:manuscript_file": Row(kwargs=_pk("manuscript"), expect=involved()),
    "experience:manuscript_reviewers": Row(kwargs=_pk("manuscript"), expect=deputy_only()),
    "experience:manuscript_decide": Row(kwargs=_pk("manuscript"), expect=deputy_only()),
    # Only the reviewer writes the review; others who see it are refused the form.
    "experience:review_write": Row(kwargs=_pk("review"), expect=object_page(403, mahead=200)),
    # A written review is not removed.
    "experience:review_remove": Row(kwargs=_pk("review"), expect=object_page(403)),
    "experience:review_pdf": Row(kwargs=_pk("review"), expect=involved()),
    "experience:award_list": Row(expect=school_page()),
    "experience:award_create": Row(expect=deputy_only(school_page, other_school=200)),
    "experience:award_detail": Row(
        kwargs=_pk("award"), expect=object_page(403, mahead=200, deputy=200, director=200)
    ),
    "experience:award_edit": Row(kwargs=_pk("award"), expect=deputy_only()),
    "experience:award_pdf": Row(
        kwargs=_pk("award"), expect=object_page(403, mahead=200, deputy=200, director=200)
    ),
}
