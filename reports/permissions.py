"""Who may read the dashboards and the reports.

The home page is every school user's own (what it shows follows the role). The quarterly
and annual reports are the director's (R0.4, P5.3: the council reports to the school
administration) and the deputy's, who runs the council and prepares them. A head of a
methodical association does not read the school-wide reports: the home page shows them
their association's plan progress, and the plans and visits of their teachers are open to
them in those apps. Everyone else of the school gets 403; another school's user reads
their own school's reports (the pages name no object of a school).
"""

from school.permissions import is_administration, is_school_user


def can_view_dashboard(user) -> bool:
    return is_school_user(user)


def can_view_reports(user) -> bool:
    """R0.4, P5.3: the director and the deputy director."""
    return is_administration(user)
