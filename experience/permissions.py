"""Who may do what in the experience bank, publications, manuscripts and awards.

- Everyone of the school reads the bank and the register of publications.
- A teacher adds their own bank entries (they are one of its authors) and their own
  publications (they are an author or the pupils' supervisor), and edits them later;
  only the deputy links an entry to the council's decision that recommends it (P3.3).
- A teacher submits their own manuscript (P4.5); the deputy assigns reviewers and records
  the council's decision; each reviewer writes their own review. A manuscript and its
  reviews are seen by the author, its reviewers, the deputy and the director.
- Award recommendations (P4.6) are prepared by the deputy; the director reads them all,
  a teacher reads the recommendations about themselves.
Another school's objects are out of scope (404) before any predicate is asked.
"""

from members.permissions import staff_of
from school.permissions import is_administration, is_deputy, is_school_user

# The bank ---------------------------------------------------------------------------------


def can_view_bank(user) -> bool:
    return is_school_user(user)


def can_add_entry(user) -> bool:
    return is_deputy(user) or staff_of(user) is not None


def can_edit_entry(user, entry) -> bool:
    if is_deputy(user):
        return True
    staff = staff_of(user)
    return staff is not None and any(a.pk == staff.pk for a in entry.authors.all())


def can_recommend_entry(user) -> bool:
    """Linking an entry to the council's decision: the deputy (P3.3)."""
    return is_deputy(user)


# Publications -------------------------------------------------------------------------------


def can_add_publication(user) -> bool:
    return is_deputy(user) or staff_of(user) is not None


def can_edit_publication(user, publication) -> bool:
    if is_deputy(user):
        return True
    staff = staff_of(user)
    if staff is None:
        return False
    return publication.supervisor_id == staff.pk or any(
        a.pk == staff.pk for a in publication.staff_authors.all()
    )


# Manuscripts and reviews ------------------------------------------------------------------------


def can_submit_manuscript(user) -> bool:
    return staff_of(user) is not None


def _reviews_it(staff, manuscript) -> bool:
    return any(r.reviewer_id == staff.pk for r in manuscript.reviews.all())


def can_view_manuscript(user, manuscript) -> bool:
    if is_administration(user):
        return True
    staff = staff_of(user)
    if staff is None:
        return False
    return manuscript.author_id == staff.pk or _reviews_it(staff, manuscript)


def can_assign_reviewers(user, manuscript) -> bool:
    return is_deputy(user) and not manuscript.is_decided


def can_record_manuscript_decision(user, manuscript) -> bool:
    return is_deputy(user) and not manuscript.is_decided


def can_view_review(user, review) -> bool:
    """The author, the manuscript's reviewers, the deputy and the director."""
    return can_view_manuscript(user, review.manuscript)


def can_write_review(user, review) -> bool:
    staff = staff_of(user)
    return staff is not None and review.reviewer_id == staff.pk and not review.manuscript.is_decided


def can_remove_reviewer(user, review) -> bool:
    return is_deputy(user) and not review.is_written and not review.manuscript.is_decided


# Award recommendations --------------------------------------------------------------------------


def can_view_award(user, award) -> bool:
    if is_administration(user):
        return True
    staff = staff_of(user)
    return staff is not None and award.teacher_id == staff.pk


def can_manage_awards(user) -> bool:
    return is_deputy(user)
