"""Permission rows for the home page and the reports.

The home page is every school user's (a site admin without a school sees the pointer to the
administration). The reports are the director's and the deputy's (R0.4, P5.3); everyone
else of the school gets 403. Another school's deputy reads their own school's report.
"""

from tests.permission_table import Row, school_page

reports_page = school_page(403, deputy=200, director=200, other_school=200)

ROWS = {
    "reports:home": Row(expect=school_page(200, admin=200)),
    "reports:quarterly": Row(expect=reports_page),
    "reports:quarterly_pdf": Row(expect=reports_page),
    "reports:annual": Row(expect=reports_page),
    "reports:annual_pdf": Row(expect=reports_page),
}
