import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from council.tests.factories import CouncilFactory, add_member
from meetings import selectors, services
from meetings.models import AgendaItem, Amendment, Attachment, Decision, Meeting, ProtocolDocument
from meetings.tests.factories import day, held_meeting, plan_meeting
from members.tests.factories import StaffFactory
from school.tests.factories import make_year
from tests.files import PNG_BYTES
from tests.transactions import rolled_back

pytestmark = pytest.mark.django_db


# Numbering (R5.3) -------------------------------------------------------------------------


def test_numbers_follow_creation_within_the_year(world):
    numbers = [plan_meeting(world.council, day(world, n)).number for n in (10, 20, 30)]
    assert numbers == [1, 2, 3]


def test_each_year_starts_again_at_one(world):
    plan_meeting(world.council, day(world, 10))
    previous = make_year(world.school, world.year.start_date.year - 1)
    council = CouncilFactory(academic_year=previous, chair=world.staff["deputy"])
    meeting = plan_meeting(council, previous.start_date + datetime.timedelta(days=10))
    assert meeting.number == 1


def test_a_second_meeting_with_the_same_number_is_refused_by_the_database(world):
    first = plan_meeting(world.council, day(world, 10))
    duplicate = Meeting(
        council=world.council, number=first.number, date=day(world, 11), time=first.time, place="x"
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "number" in str(error.value) or "__all__" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_new_meeting_cannot_be_dated_before_the_last_held_one(world):
    held_meeting(world.council, day(world, 30))
    with pytest.raises(ValidationError) as error:
        plan_meeting(world.council, day(world, 20))
    assert "date" in error.value.message_dict
    assert Meeting.objects.count() == 1


def test_an_earlier_planned_meeting_takes_its_place_in_the_numbers(world):
    later = plan_meeting(world.council, day(world, 30))
    earlier = plan_meeting(world.council, day(world, 20), kind=Meeting.Kind.EXTRAORDINARY)
    later.refresh_from_db()
    assert (earlier.number, later.number) == (1, 2)


def test_a_date_outside_the_academic_year_is_refused(world):
    with pytest.raises(ValidationError) as error:
        plan_meeting(world.council, world.year.end_date + datetime.timedelta(days=1))
    assert "date" in error.value.message_dict


def _move(meeting, date):
    """The meeting moved to another day, everything else as it is."""
    fields = ("time", "place", "kind", "chair", "secretary")
    return services.meeting_update(
        meeting=meeting, date=date, **{name: getattr(meeting, name) for name in fields}
    )


def test_a_held_meeting_cannot_move_past_its_held_neighbour(world):
    first = held_meeting(world.council, day(world, 10))
    held_meeting(world.council, day(world, 20))
    with pytest.raises(ValidationError) as error:
        _move(first, day(world, 25))
    assert "date" in error.value.message_dict


def test_moving_a_planned_meeting_renumbers_the_planned_ones(world):
    first = plan_meeting(world.council, day(world, 10))
    second = plan_meeting(world.council, day(world, 20))
    _move(first, day(world, 25))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (second.number, first.number) == (1, 2)


def test_cancelling_a_planned_meeting_leaves_no_gap_in_the_numbers(world):
    held = held_meeting(world.council, day(world, 5))
    first = plan_meeting(world.council, day(world, 10))
    second = plan_meeting(world.council, day(world, 20))
    assert (held.number, first.number, second.number) == (1, 2, 3)
    services.meeting_cancel(meeting=first)
    second.refresh_from_db()
    assert second.number == 2
    third = plan_meeting(world.council, day(world, 30))
    assert third.number == 3
    assert list(Meeting.objects.order_by("number").values_list("number", flat=True)) == [1, 2, 3]


def test_a_planned_meeting_is_held_only_after_the_planned_ones_before_it(world):
    first = plan_meeting(world.council, day(world, 10))
    second = plan_meeting(world.council, day(world, 20))
    marks = {p.pk: (True, "") for p in selectors.members_on(council=world.council, day=second.date)}
    with pytest.raises(ValidationError) as error:
        services.attendance_record(meeting=second, marks=marks)
    assert error.value.code == "earlier_planned"
    services.meeting_cancel(meeting=first)
    second.refresh_from_db()
    services.attendance_record(meeting=second, marks=marks)
    second.refresh_from_db()
    assert (second.number, second.status) == (1, Meeting.Status.HELD)


def test_a_held_meeting_cannot_be_cancelled(world):
    meeting = held_meeting(world.council, day(world, 10))
    with pytest.raises(ValidationError):
        services.meeting_cancel(meeting=meeting)


def test_chair_and_secretary_default_from_the_council(world):
    meeting = plan_meeting(world.council, day(world, 10))
    assert meeting.chair == world.staff["deputy"]
    assert meeting.secretary == world.staff["secretary"]


def test_a_chair_of_another_school_is_refused(world):
    with pytest.raises(ValidationError) as error:
        plan_meeting(world.council, day(world, 10), chair=world.staff["other_school"])
    assert "chair" in error.value.message_dict


# Agenda -------------------------------------------------------------------------------------


def test_a_new_meeting_starts_with_the_review_of_open_decisions(world):
    first = held_meeting(world.council, day(world, 10))
    item = services.agenda_item_add(meeting=first, title="Пландар")
    open_one = services.decision_add(
        item=item, text="Ачык", responsible=[world.staff["mahead"]], due_date=day(world, 40)
    )
    done = services.decision_add(
        item=item, text="Бүткөн", responsible=[world.staff["mahead"]], due_date=day(world, 40)
    )
    services.decision_complete(decision=done, done_on=day(world, 12), note="Аткарылды", user=None)
    second = plan_meeting(world.council, day(world, 20))
    review = second.agenda_items.get(position=1)
    assert review.kind == AgendaItem.Kind.REVIEW
    assert list(review.reviewed_decisions.all()) == [open_one]


def test_the_first_meeting_of_a_school_has_no_review_item(world):
    assert not plan_meeting(world.council, day(world, 10)).agenda_items.exists()


def test_agenda_items_move_up_and_down_and_decisions_follow_the_order(world):
    meeting = held_meeting(world.council, day(world, 10))
    a = services.agenda_item_add(meeting=meeting, title="A")
    b = services.agenda_item_add(meeting=meeting, title="B")
    d_a = services.decision_add(
        item=a, text="from A", responsible=[world.staff["mahead"]], due_date=day(world, 20)
    )
    d_b = services.decision_add(
        item=b, text="from B", responsible=[world.staff["mahead"]], due_date=day(world, 20)
    )
    assert (d_a.number, d_b.number) == (1, 2)
    services.agenda_item_move(item=b, direction="up")
    titles = list(meeting.agenda_items.order_by("position").values_list("title", flat=True))
    assert titles == ["B", "A"]
    numbers = dict(Decision.objects.values_list("text", "number"))
    assert numbers == {"from B": 1, "from A": 2}
    with pytest.raises(ValidationError):
        services.agenda_item_move(item=AgendaItem.objects.get(title="B"), direction="up")


def test_agenda_item_add_for_work_plans(world):
    meeting = plan_meeting(world.council, day(world, 10))
    item = services.agenda_item_add(
        meeting=meeting, title="Иш планынан", speakers=[world.staff["mahead"]], planned_minutes=15
    )
    assert (item.position, item.planned_minutes) == (1, 15)
    assert list(item.speakers.all()) == [world.staff["mahead"]]
    with pytest.raises(ValidationError) as error:
        services.agenda_item_add(meeting=meeting, title="  ")
    assert "title" in error.value.message_dict


# Attendance and quorum ------------------------------------------------------------------------


def test_quorum_is_more_than_half_of_the_members(world):
    # Three members: two present is more than half, one is not.
    meeting = held_meeting(
        world.council, day(world, 10), absent={world.staff["mahead"].pk: "ооруп"}
    )
    roster = selectors.roster(meeting)
    assert (roster.total, roster.present_count, roster.needed) == (3, 2, 2)
    assert roster.has_quorum


def test_quorum_follows_the_school_share(world):
    world.school.quorum_share = 0.7
    world.school.save()
    meeting = held_meeting(
        world.council, day(world, 10), absent={world.staff["mahead"].pk: "ооруп"}
    )
    roster = selectors.roster(meeting)
    assert roster.needed == 3 and not roster.has_quorum


def test_members_who_left_before_the_meeting_are_not_listed(world):
    membership = world.council.memberships.get(staff=world.staff["mahead"])
    membership.left_on = day(world, 5)
    membership.leave_reason = "own_request"
    membership.save()
    newcomer = add_member(world.council, StaffFactory(school=world.school), joined_on=day(world, 8))
    staff = selectors.members_on(council=world.council, day=day(world, 10))
    assert world.staff["mahead"] not in staff and newcomer.staff in staff


def test_an_absence_needs_a_reason(world):
    meeting = plan_meeting(world.council, day(world, 10))
    marks = {
        p.pk: (True, "") for p in selectors.members_on(council=world.council, day=meeting.date)
    }
    marks[world.staff["mahead"].pk] = (False, " ")
    with pytest.raises(ValidationError) as error:
        services.attendance_record(meeting=meeting, marks=marks)
    assert f"reason_{world.staff['mahead'].pk}" in error.value.message_dict
    assert not meeting.attendance.exists()


def test_attendance_of_a_future_meeting_is_refused(world, school_day):
    meeting = plan_meeting(world.council, school_day + datetime.timedelta(days=3))
    marks = {
        p.pk: (True, "") for p in selectors.members_on(council=world.council, day=meeting.date)
    }
    with pytest.raises(ValidationError):
        services.attendance_record(meeting=meeting, marks=marks)


def test_approval_without_quorum_needs_the_confirmation(world):
    absent = {world.staff["mahead"].pk: "ооруп", world.staff["secretary"].pk: "курста"}
    meeting = held_meeting(world.council, day(world, 10), absent=absent)
    with pytest.raises(ValidationError) as error:
        services.meeting_approve(meeting=meeting, user=world.users["deputy"])
    assert "confirm_without_quorum" in error.value.message_dict
    assert "1" in error.value.message_dict["confirm_without_quorum"][0]
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    services.meeting_approve(
        meeting=meeting, user=world.users["deputy"], confirm_without_quorum=True
    )
    meeting.refresh_from_db()
    assert meeting.is_approved and meeting.quorum_confirmed


def test_approval_needs_recorded_attendance(world):
    meeting = plan_meeting(world.council, day(world, 10))
    with pytest.raises(ValidationError):
        services.meeting_approve(meeting=meeting, user=world.users["deputy"])


# Decisions: bad input --------------------------------------------------------------------------


@pytest.fixture
def item(world):
    meeting = held_meeting(
        world.council, day(world, 10), absent={world.staff["mahead"].pk: "ооруп"}
    )
    return services.agenda_item_add(meeting=meeting, title="Сабактарга катышуу")


def test_a_due_date_before_the_meeting_is_refused(world, item):
    with pytest.raises(ValidationError) as error:
        services.decision_add(
            item=item, text="Т", responsible=[world.staff["mahead"]], due_date=day(world, 9)
        )
    assert "due_date" in error.value.message_dict
    assert not Decision.objects.exists()


def test_a_responsible_person_of_another_school_is_refused(world, item):
    with pytest.raises(ValidationError) as error:
        services.decision_add(
            item=item, text="Т", responsible=[world.staff["other_school"]], due_date=day(world, 20)
        )
    assert "responsible" in error.value.message_dict


def test_votes_above_attendance_are_refused(world, item):
    # Two of three members present.
    with pytest.raises(ValidationError) as error:
        services.decision_add(
            item=item,
            text="Т",
            responsible=[world.staff["mahead"]],
            due_date=day(world, 20),
            votes_for=2,
            votes_against=1,
            votes_abstained=0,
        )
    assert "votes_for" in error.value.message_dict
    decision = services.decision_add(
        item=item,
        text="Т",
        responsible=[world.staff["mahead"]],
        due_date=day(world, 20),
        votes_for=1,
        votes_against=0,
        votes_abstained=1,
    )
    assert decision.has_votes


def test_decision_control_done_and_cancelled_need_their_note(world, item):
    decision = services.decision_add(
        item=item, text="Т", responsible=[world.staff["mahead"]], due_date=day(world, 20)
    )
    with pytest.raises(ValidationError) as error:
        services.decision_complete(decision=decision, done_on=day(world, 15), note="", user=None)
    assert "note" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.decision_cancel(decision=decision, reason="", user=None)
    assert "reason" in error.value.message_dict
    services.decision_complete(
        decision=decision, done_on=day(world, 15), note="Аткарылды", user=None
    )
    decision.refresh_from_db()
    assert decision.status == "done" and not decision.is_overdue(on=day(world, 30))


def test_overdue_is_derived_from_the_due_date(world, item):
    decision = services.decision_add(
        item=item, text="Т", responsible=[world.staff["mahead"]], due_date=day(world, 20)
    )
    assert decision.is_overdue(on=day(world, 21))
    assert not decision.is_overdue(on=day(world, 20))


# Locking, amendments, stale edits ------------------------------------------------------------------


def approved(world, item):
    services.decision_add(
        item=item, text="Биринчи", responsible=[world.staff["mahead"]], due_date=day(world, 20)
    )
    return services.meeting_approve(meeting=item.meeting, user=world.users["deputy"])


def test_an_approved_protocol_is_locked(world, item):
    meeting = approved(world, item)
    with pytest.raises(ValidationError) as error:
        services.decision_add(
            item=item, text="Кийин", responsible=[world.staff["mahead"]], due_date=day(world, 20)
        )
    assert "amendment_reason" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.agenda_item_add(meeting=meeting, title="Жаңы")
    assert Decision.objects.count() == 1 and meeting.agenda_items.count() == 1


def test_a_change_after_approval_is_an_amendment_in_the_history(world, item):
    meeting = approved(world, item)
    ProtocolDocument.objects.create(
        meeting=meeting, language="ky", version=meeting.version, pdf=b"x"
    )
    decision = Decision.objects.get()
    services.decision_update(
        decision=decision,
        text="Биринчи (тактоо)",
        responsible=[world.staff["mahead"]],
        due_date=day(world, 25),
        user=world.users["deputy"],
        version=meeting.version,
        amendment_reason="Мөөнөтү жылдырылды",
    )
    amendment = Amendment.objects.get()
    assert amendment.reason == "Мөөнөтү жылдырылды"
    assert amendment.made_by == world.users["deputy"]
    assert "Биринчи" in amendment.change
    assert not ProtocolDocument.objects.exists()  # the stored PDF is rendered again


def test_a_stale_save_is_refused_and_nothing_is_overwritten(world, item):
    meeting = item.meeting
    meeting.refresh_from_db()
    opened = meeting.version
    services.item_record(
        item=item,
        heard_speaker=world.staff["mahead"],
        heard_guest="",
        heard_summary="Биринчи жазуу",
        contributions=[],
        version=opened,
    )
    with pytest.raises(ValidationError) as error:
        services.item_record(
            item=item,
            heard_speaker=world.staff["mahead"],
            heard_guest="",
            heard_summary="Экинчи жазуу",
            contributions=[],
            version=opened,
        )
    assert error.value.code == "stale"
    item.refresh_from_db()
    assert item.heard_summary == "Биринчи жазуу"


# Attachments -----------------------------------------------------------------------------------------


def test_attachments_are_checked_by_size_extension_and_content(world, item, settings):
    meeting = item.meeting
    deputy = world.users["deputy"]
    settings.UPLOAD_MAX_BYTES = 100
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 200)
    with pytest.raises(ValidationError) as error:
        services.attachment_add(meeting=meeting, upload=big, user=deputy)
    assert "205" in error.value.message_dict["file"][0]  # the size is named
    assert "100" in error.value.message_dict["file"][0]  # and the limit
    exe = SimpleUploadedFile("run.exe", b"MZ\x90\x00")
    with pytest.raises(ValidationError):
        services.attachment_add(meeting=meeting, upload=exe, user=deputy)
    fake = SimpleUploadedFile("slides.pptx", b"%PDF-1.4 not a zip")
    with pytest.raises(ValidationError) as error:
        services.attachment_add(meeting=meeting, upload=fake, user=deputy)
    assert ".pptx" in error.value.message_dict["file"][0]
    assert not Attachment.objects.exists()
    png = SimpleUploadedFile("схема.png", PNG_BYTES)
    attachment = services.attachment_add(meeting=meeting, upload=png, user=deputy, agenda_item=item)
    assert attachment.original_name == "схема.png" and attachment.agenda_item == item


@pytest.mark.parametrize("remove", ["attachment", "agenda_item", "meeting"])
def test_a_removal_that_rolls_back_leaves_the_file(
    world, remove, django_capture_on_commit_callbacks
):
    """Files go only once the removal is committed: a rolled-back removal keeps the row and
    its file; a committed one deletes the file."""
    deputy = world.users["deputy"]
    meeting = plan_meeting(world.council, day(world, 40), with_review_item=False)
    item = services.agenda_item_add(meeting=meeting, title="Маселе")
    meeting.refresh_from_db()
    upload = SimpleUploadedFile("схема.png", PNG_BYTES)
    attachment = services.attachment_add(
        meeting=meeting, upload=upload, user=deputy, agenda_item=item
    )
    pk, storage, name = attachment.pk, attachment.file.storage, attachment.file.name

    def removal():
        fresh = Meeting.objects.get(pk=meeting.pk)
        if remove == "attachment":
            attachment = Attachment.objects.get(pk=pk)
            services.attachment_remove(attachment=attachment, user=deputy, version=fresh.version)
        elif remove == "agenda_item":
            item = AgendaItem.objects.get(title="Маселе")
            services.agenda_item_remove(item=item, user=deputy, version=fresh.version)
        else:
            services.meeting_cancel(meeting=fresh)

    with rolled_back():
        removal()
    assert Attachment.objects.filter(pk=pk).exists() and storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        removal()
    assert not Attachment.objects.filter(pk=pk).exists()
    assert not storage.exists(name)


# Cadence (R4.5, P5.4) ------------------------------------------------------------------------------------


def test_an_ended_quarter_without_a_held_meeting_is_flagged(world):
    quarters = list(world.year.quarters.order_by("number"))
    q1, q2 = quarters[0], quarters[1]
    held_meeting(world.council, q1.start_date + datetime.timedelta(days=5))
    plan_meeting(world.council, q2.start_date + datetime.timedelta(days=3))
    after_q2 = q2.end_date + datetime.timedelta(days=1)
    rows = selectors.cadence(world.year, on=after_q2)
    assert [r.missed for r in rows] == [False, True, False, False]
    assert rows[2].current and rows[2].needs_planning


def test_a_meeting_in_the_holidays_counts_for_the_quarter_before():
    from school.models import Quarter

    d = datetime.date
    q1 = Quarter(number=1, start_date=d(2026, 9, 1), end_date=d(2026, 10, 31))
    q2 = Quarter(number=2, start_date=d(2026, 11, 9), end_date=d(2026, 12, 28))
    assert selectors.quarter_of(d(2026, 11, 4), [q2, q1]) is q1
    assert selectors.quarter_of(d(2026, 11, 9), [q1, q2]) is q2
