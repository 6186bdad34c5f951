"""The demo school's councils follow the council's rules (R4.1, R4.3, R7.1)."""

from django_scopes import scope, scopes_disabled

from council import selectors
from council.models import MAX_MEMBERS, MIN_MEMBERS, LeaveReason, can_chair
from demo import seed


def test_demo_councils_keep_the_rules(db):
    with scopes_disabled():
        demo = seed.seed()
    with scope(school=demo.school.pk):
        previous, current = demo.councils["previous"], demo.councils["current"]
        for council in (previous, current):
            assert council.is_confirmed
            assert council.confirmed_on == council.academic_year.start_date
            assert MIN_MEMBERS <= len(selectors.composition(council)) <= MAX_MEMBERS
            assert can_chair(council.chair)
            assert council.chair.last_name == "Өмүрбекова"
            assert council.secretary.last_name == "Мамытова"
        # R7.1: one past removal, with its reason, and its replacement.
        (removed,) = selectors.former_memberships(previous)
        assert removed.staff.last_name == "Тилекова"
        assert removed.leave_reason == LeaveReason.REMOVED_DUTIES
        assert removed.leave_note
        before = selectors.composition_on(council=previous, day=removed.left_on.replace(day=1))
        assert "Тилекова" in [m.staff.last_name for m in before]
        # The current year was copied from the previous one's final composition.
        final = {m.staff_id: sorted(m.role_codes) for m in selectors.composition(previous)}
        assert {m.staff_id: sorted(m.role_codes) for m in selectors.composition(current)} == final
        assert len(final) == 11
