"""The demo school's councils, built through the council's own services, as the deputy would.

The previous year: confirmed with 11 members; one of them was removed for not performing
the duties (R7.1) and replaced. The current year: last year's composition copied in one
step, then confirmed (R4.3: 5 to 19 members; R4.1: the deputy director chairs).
"""

import datetime

from council import services
from council.models import LeaveReason

from . import people

REMOVAL_NOTE = "Отурумдарга үч жолу себепсиз катышкан жок (R7.1)."


def seed_councils(demo) -> None:
    staff = demo.staff
    chair, secretary = staff["Өмүрбекова"], staff["Мамытова"]

    year = demo.previous_year
    council = services.council_create(academic_year=year)
    removed_surname, removed_roles = people.REMOVED_MEMBER
    removed = services.membership_add(
        council=council,
        staff=staff[removed_surname],
        roles=removed_roles,
        joined_on=year.start_date,
    )
    for surname, roles in people.COUNCIL:
        if surname != people.REPLACEMENT_MEMBER:
            services.membership_add(
                council=council, staff=staff[surname], roles=roles, joined_on=year.start_date
            )
    services.council_set_officers(council=council, chair=chair, secretary=secretary)
    services.council_confirm(council=council, on=year.start_date)
    removed_on = year.start_date + datetime.timedelta(days=100)
    services.membership_end(
        membership=removed,
        left_on=removed_on,
        reason=LeaveReason.REMOVED_DUTIES,
        note=REMOVAL_NOTE,
    )
    services.membership_add(
        council=council,
        staff=staff[people.REPLACEMENT_MEMBER],
        roles=dict(people.COUNCIL)[people.REPLACEMENT_MEMBER],
        joined_on=removed_on + datetime.timedelta(days=1),
    )
    demo.councils["previous"] = council

    year = demo.current_year
    council = services.council_copy_from_previous(academic_year=year)
    services.council_confirm(council=council, on=year.start_date)
    demo.councils["current"] = council
