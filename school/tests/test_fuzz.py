from hypothesis import strategies as st

from school.models import AcademicYear, Quarter
from tests.fuzz import DATES, fuzz_form, sent_date


def test_year_form_survives_any_input(client, world):
    client.force_login(world.users["deputy"])

    def check_saved(data):
        start = sent_date(data["start_date"])
        year = AcademicYear.objects.get(school=world.school, start_date=start)
        assert year.end_date == sent_date(data["end_date"])
        assert year.quarters.count() == 4

    fuzz_form(
        client,
        "/calendar/years/new/",
        fields={
            "start_date": st.one_of(DATES, st.sampled_from(["2031-09-01", "2032-09-01"])),
            "end_date": st.one_of(DATES, st.sampled_from(["2032-05-31", "2033-05-31"])),
            "q1_start": st.one_of(st.just(""), DATES),
        },
        models=[AcademicYear, Quarter],
        check_saved=check_saved,
    )
