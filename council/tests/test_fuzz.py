"""Any input to the council's forms (R4.1, R4.2, R7.1, P5.1, P5.2): never a 5xx, nothing written
or changed (history included) when refused, exactly what was sent when accepted, and another
school's years and people never taken."""

import datetime

from hypothesis import strategies as st

from council.models import Council, CouncilMemberRole, CouncilMembership, LeaveReason, MemberRole
from school.tests.factories import make_year
from tests.fuzz import DATES, TEXT, fuzz_form, ids, sent_date, sent_id, with_history

from .factories import add_member

COUNCIL_MODELS = with_history(Council, CouncilMembership, CouncilMemberRole)


def _days_of(year):
    days = [year.start_date, year.end_date, year.start_date + datetime.timedelta(days=40)]
    return st.sampled_from([d.isoformat() for d in days] + [d.strftime("%d.%m.%Y") for d in days])


def test_council_create_survives_any_input(client, world):
    next_year = make_year(world.school, start_year=world.year.start_date.year + 1)
    client.force_login(world.users["deputy"])

    def check_saved(data):
        council = Council.objects.get(academic_year_id=int(data["academic_year"]))
        assert council.academic_year.school_id == world.school.pk
        assert council.status == Council.Status.DRAFT
        if data["start"] == "copy":  # last year's composition, chair and secretary (R4.1)
            assert council.chair_id == world.council.chair_id
            assert council.memberships.count() == world.council.memberships.count()
        else:
            assert council.memberships.count() == 0

    fuzz_form(
        client,
        "/council/new/",
        fields={
            "academic_year": ids(
                [next_year.pk, world.year.pk], [world.other_year.pk, world.other_school.pk]
            ),
            "start": st.sampled_from(["copy", "empty", "", "all"]),
        },
        models=COUNCIL_MODELS,
        check_saved=check_saved,
        valid=[
            {"academic_year": str(next_year.pk), "start": "empty"},
            {"academic_year": str(next_year.pk), "start": "copy"},
        ],
        max_examples=25,
    )


def test_officers_survive_any_input(client, world):
    council = world.council
    members = [world.staff["deputy"].pk, world.staff["secretary"].pk, world.staff["mahead"].pk]
    outsiders = [world.staff["teacher"].pk, world.staff["other_school"].pk]
    client.force_login(world.users["deputy"])

    def check_saved(data):
        council.refresh_from_db()
        assert council.chair_id == sent_id(data["chair"])
        assert council.secretary_id == sent_id(data["secretary"])
        assert council.chair_id is None or council.chair.school_id == world.school.pk

    people = st.one_of(st.just(""), ids(members, outsiders))
    fuzz_form(
        client,
        f"/council/{council.pk}/officers/",
        fields={"chair": people, "secretary": people},
        models=COUNCIL_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "chair": str(world.staff["deputy"].pk),
                "secretary": str(world.staff["mahead"].pk),
            }
        ],
        max_examples=30,
    )


def test_membership_add_survives_any_input(client, world):
    council = world.council
    client.force_login(world.users["deputy"])
    roles = [value for value, _label in MemberRole.choices]

    def check_saved(data):
        membership = CouncilMembership.objects.latest("pk")
        assert membership.council_id == council.pk
        assert membership.staff_id == sent_id(data["staff"])
        assert membership.staff.school_id == world.school.pk
        assert membership.joined_on == sent_date(data["joined_on"])
        assert council.academic_year.contains(membership.joined_on)
        assert [r.role for r in membership.roles.all()] == [data["roles"]]

    fuzz_form(
        client,
        f"/council/{council.pk}/members/add/",
        fields={
            "staff": ids(
                [world.staff["teacher"].pk, world.staff["director"].pk, world.staff["mahead"].pk],
                [world.staff["other_school"].pk],
            ),
            "roles": st.one_of(st.sampled_from(roles), st.sampled_from(["", "chair", "ң"])),
            "joined_on": st.one_of(DATES, _days_of(world.year)),
        },
        models=COUNCIL_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "staff": str(world.staff["teacher"].pk),
                "roles": "innovative_teacher",
                "joined_on": world.year.start_date.strftime("%d.%m.%Y"),
            }
        ],
        max_examples=35,
    )


def test_membership_end_survives_any_input(client, world):
    membership = add_member(world.council, world.staff["teacher"], ["innovative_teacher"])
    client.force_login(world.users["deputy"])
    reasons = [value for value, _label in LeaveReason.choices]

    def check_saved(data):
        membership.refresh_from_db()
        assert membership.left_on == sent_date(data["left_on"])
        assert membership.left_on >= membership.joined_on
        assert membership.leave_reason == data["leave_reason"]
        assert membership.leave_note == data["leave_note"].strip()

    fuzz_form(
        client,
        f"/council/members/{membership.pk}/leave/",
        fields={
            "left_on": st.one_of(DATES, _days_of(world.year)),
            "leave_reason": st.one_of(st.sampled_from(reasons), st.sampled_from(["", "fired"])),
            "leave_note": st.one_of(TEXT, st.just("Кеңештин 2-жыйынынын чечими (R7.1).")),
        },
        models=COUNCIL_MODELS,
        check_saved=check_saved,
        valid=[
            {
                "left_on": world.year.end_date.isoformat(),
                "leave_reason": "removed_duties",
                "leave_note": "Кеңештин 2-жыйынынын чечими (R7.1).",
            }
        ],
        max_examples=35,
    )


def test_composition_on_a_day_survives_any_input(client, world):
    client.force_login(world.users["teacher"])
    fields = {
        "year": ids([world.year.pk], [world.other_year.pk]),
        "on": st.one_of(DATES, _days_of(world.year)),
    }
    fuzz_form(
        client,
        "/council/",
        method="get",
        fields=fields,
        models=COUNCIL_MODELS,
        valid=[{"year": str(world.year.pk), "on": world.year.start_date.strftime("%d.%m.%Y")}],
        examples=[{"year": "²", "on": "2026-02-30"}, {"year": "9" * 40, "on": "9999-12-31"}],
        max_examples=25,
    )
    fuzz_form(
        client,
        f"/council/{world.council.pk}/composition.pdf",
        method="get",
        fields={**fields, "lang": st.sampled_from(["", "ky", "ru", "en", "xx", "../ky"])},
        models=COUNCIL_MODELS,
        valid=[{"year": "", "on": world.year.end_date.isoformat(), "lang": "ru"}],
        max_examples=8,
    )
    client.force_login(world.users["deputy"])
    fuzz_form(
        client,
        "/council/new/",
        method="get",
        fields={"year": ids([world.year.pk], [world.other_year.pk])},
        models=COUNCIL_MODELS,
        max_examples=10,
    )
