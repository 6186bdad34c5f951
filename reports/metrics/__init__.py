"""The figures of the director's quarterly and annual reports (R0.3, R0.4, R2.4, R4.4, P2.5,
P3.6, P5.3), computed in the database: the number of queries does not grow with the rows,
nor with the periods of a report (the quarter and the year so far; the four quarters and the
year), which are counted together in the same queries (figures_of).

One module a part: periods (the periods, their spans, the school's calendar as the reports
read it), meetings (and their decisions), plans, visits (and the criteria), composition;
reports puts them together into the quarterly and the annual report and their summary.

The page and the PDF both read these dataclasses, so they show the same numbers.

How the figures are counted (the reports say so too):

- A period is a quarter, or the year up to the end of a quarter ("the year so far"); a
  report counts as of its calendar's day (today: report_calendar).
- Meetings: those of the year's council dated in the period and no longer planned (held,
  or with the protocol approved). Attendance is the members marked present out of the
  members on the roll; the percent of a period pools its meetings. A meeting has a quorum
  when more than the school's quorum share of its members is present. R4.5, P5.4: at
  least one meeting a quarter.
- Decisions (R4.4): those adopted at the period's meetings, in their state on the day the
  report is made: executed (done), cancelled, overdue (open, due date passed) or not yet
  due. The execution rate is executed out of adopted and not cancelled.
- Work-plan items (R5.1, R2.3): every activity once. The items of each methodical
  association's plan, and the council's own items (an item the council took from an
  association's plan mirrors that item's status and is not counted twice). Planned are the
  items planned into the period's quarters and not cancelled; done, and overdue (still
  only planned after the planned date), on the day the report is made.
- Lesson visits (R6.1, P2.1): submitted and acknowledged visits dated in the period
  (drafts are the observer's working copy). By association: visits about the teachers of
  each association (a teacher of two associations counts in both).
- Criteria (P2.5): the average score of each criterion, as a share of its scale, this
  quarter and the quarter before (the last quarter of the previous academic year for the
  first quarter). Criteria are matched by the name of their criteria set and their text,
  as the teacher's trends in the observations app do, so a criterion runs on across a
  new version of its card; a criterion the card dropped shows only its old average, a new
  one only its new average. A criterion whose average, in whole percent of the scale, is
  lower than the quarter before is flagged as fallen.
- Composition (R4.3, R7.1): members on the first and the last day of the period, who
  joined and who left in it, with the reason.
"""

from .periods import Period, council_of, count_of, report_calendar
from .reports import (
    AnnualReport,
    Figures,
    QuarterlyReport,
    annual_report,
    figures,
    quarterly_filename,
    quarterly_report,
    summary,
)
from .visits import Average, CriterionRow

__all__ = [
    "AnnualReport",
    "Average",
    "CriterionRow",
    "Figures",
    "Period",
    "QuarterlyReport",
    "annual_report",
    "council_of",
    "count_of",
    "figures",
    "quarterly_filename",
    "quarterly_report",
    "report_calendar",
    "summary",
]
