"""The home page of each role, the report pages and their PDFs, on the fixed year of
factories.report_year. "Today" is fixed so that what is due, overdue or current is known."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import client_for
from meetings import services as meeting_services
from meetings.tests.factories import plan_meeting
from observations.models import Observation
from observations.tests.factories import make_observation
from plans.tests.factories import association_item
from reports.tests.factories import _decide, report_year
from school.models import User
from school.tests.factories import SchoolFactory, UserFactory

D = datetime.date
TODAY = D(2025, 1, 10)  # quarter III of 2024–2025 has begun; no meeting in it yet


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def data(world, monkeypatch):
    built = report_year(world)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return built


def login(client, user, language="en"):
    client.logout()
    client.cookies["django_language"] = language
    client_for(client, user)


def page_of(client, user, url):
    login(client, user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def text_of(html: str) -> str:
    """The page's words, as a reader sees them (tags dropped, spaces collapsed)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


# The home page -----------------------------------------------------------------------------


def test_deputy_home_warns_of_a_quarter_without_a_meeting(client, world, data):
    """R4.5: quarter III has begun and no meeting is held or planned in it."""
    association_item(
        world.association.plans.get(academic_year=data.year), "Январь: семинар", month=1
    )
    page = text_of(page_of(client, world.users["deputy"], reverse("reports:home")))
    assert "No meeting is planned." in page
    assert "No meeting is held or planned in quarter III." in page
    # The overdue decision (due 10.12.2024), not the one due 15.01.2025.
    assert "Графиги илинсин" in page and "Жыйынтыгы чыгарылсын" not in page
    assert "due 10.12.2024" in page
    # Plan items whose planned date ends this month (January).
    assert "Январь: семинар" in page and "by 31.01.2025" in page
    assert "a3" not in page  # its date ended in December: it is overdue, not due this month
    # The five submitted visits wait for the teachers.
    assert "Visits awaiting the teacher's acknowledgement 5" in page


def test_deputy_home_shows_the_next_meeting_and_the_quarter_on_course(client, world, data):
    meeting = plan_meeting(data.council, D(2025, 2, 14))
    html = page_of(client, world.users["deputy"], reverse("reports:home"))
    page = text_of(html)
    assert f"Meeting No. {meeting.number} : 14.02.2025 14:00" in page
    assert "A meeting is planned in quarter III: № 4, 14.02.2025 ." in page
    assert reverse("meetings:meeting_detail", args=[meeting.pk]) in html


def test_teacher_home_lists_visits_about_me_awaiting_first(client, world, data):
    about_me = Observation.objects.filter(teacher=world.staff["teacher"]).exclude(
        status=Observation.Status.DRAFT
    )
    first = about_me.order_by("date").first()
    first.status, first.acknowledged_on = Observation.Status.ACKNOWLEDGED, first.date
    first.save()
    page = text_of(page_of(client, world.users["teacher"], reverse("reports:home")))
    assert "Visits to my lessons 2 to acknowledge" in page
    # The two awaiting visits come before the acknowledged one.
    awaiting = [page.index(day) for day in ("20.11.2024", "20.10.2024")]
    assert max(awaiting) < page.index("01.10.2024")
    assert "No open decision is assigned to you." in page
    assert "Protocols to write" not in page


def test_members_home_lists_their_decisions_and_visits(client, world, data):
    html = page_of(client, world.users["mahead"], reverse("reports:home"))
    page = text_of(html)
    # R4.4: the open decision assigned to mahead, overdue, with the overdue badge.
    assert "Графиги илинсин due 10.12.2024 · overdue" in page
    assert 'data-status="overdue"' in html
    assert "Ачык сабактар өтүлсүн" not in page  # done
    # mahead made three visits about the teacher.
    assert "My visits to colleagues' lessons 3" in page


def test_ma_head_home_shows_the_association_plan_progress(client, world, data):
    association_item(
        world.association.plans.get(academic_year=data.year), "Январь: семинар", month=1
    )
    page = text_of(page_of(client, world.users["mahead"], reverse("reports:home")))
    # Planned (not cancelled): Q1, a1, a2, a3, a5, January; done: Q1, a1, a2; overdue: a3.
    assert "The plan of Математика МБ 50% · done: 3 of 6 items" in page
    assert "1 item is overdue" in page


def test_secretary_home_lists_the_protocols_to_write(client, world, data):
    meeting_services.meeting_approve(meeting=data.meetings[0], user=world.users["deputy"])
    html = page_of(client, world.users["secretary"], reverse("reports:home"))
    page = text_of(html)
    assert "Protocols to write" in page
    assert "Meeting No. 2 of 15.11.2024" in page and "Meeting No. 3 of 20.12.2024" in page
    assert "Meeting No. 1 of" not in page  # approved
    assert 'data-status="held"' in html  # the meeting's status badge
    assert "Visits to my lessons" in page  # and the teacher's view


def test_director_home_shows_the_quarter_at_a_glance(client, world, data):
    association_item(
        world.association.plans.get(academic_year=data.year), "Январь: семинар", month=1
    )
    html = page_of(client, world.users["director"], reverse("reports:home"))
    page = text_of(html)
    assert "Quarter III at a glance (01.01.2025 – 20.03.2025)" in page
    assert "No meeting is held or planned this quarter (R4.5)." in page
    assert "1 decision of the school overdue" in page
    assert "done: 0 of 1 items planned this quarter" in page
    assert "5 visits await the teacher's acknowledgement" in page
    for name in (
        "reports:quarterly",
        "meetings:meeting_list",
        "plans:index",
        "observations:browse",
    ):
        assert reverse(name) in html


def test_the_home_cards_say_there_is_nothing_to_list(client, world):
    """A school with no meetings, decisions, plan items or visits yet: each list card
    gives its empty text (the card of my visits keeps only its links)."""
    page = text_of(page_of(client, world.users["deputy"], reverse("reports:home")))
    assert "No decision is overdue." in page
    assert "No work-plan item is due this month." in page
    assert "Every submitted visit has been acknowledged." in page
    html = page_of(client, world.users["secretary"], reverse("reports:home"))
    page = text_of(html)
    assert "Every protocol of the meetings held is approved." in page
    assert "No open decision is assigned to you." in page
    assert "Nobody has visited your lessons yet." in page
    assert "My visits to colleagues' lessons" in page
    assert reverse("observations:create") in html and "list-group-item" not in html


def test_a_site_admin_is_pointed_to_the_administration(client, world):
    html = page_of(client, world.users["admin"], reverse("reports:home"))
    assert reverse("admin:index") in html
    assert "Your account belongs to no school." in text_of(html)


def _grow(world, data):
    """More of every row the home pages list."""
    staff = world.staff
    plan = world.association.plans.get(academic_year=data.year)
    meeting = data.meetings[2]
    for n in range(12):
        _decide(meeting, f"Кошумча {n}", staff["mahead"], D(2024, 12, 28))
        association_item(plan, f"Январь {n}", month=1)
        make_observation(staff["mahead"], staff["teacher"], date=D(2024, 12, 1 + n))
        make_observation(staff["teacher"], staff["secretary"], date=D(2024, 12, 1 + n))


def _home_queries(client, user):
    login(client, user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:home"))
    assert response.status_code == 200
    return len(queries)


ROLES = ["deputy", "director", "teacher", "mahead", "secretary"]


def test_home_query_count_does_not_grow_with_the_data(client, world, data, commit):
    association_item(
        world.association.plans.get(academic_year=data.year), "Январь: семинар", month=1
    )
    make_observation(world.staff["teacher"], world.staff["secretary"], date=D(2024, 12, 30))
    plan_meeting(data.council, D(2025, 2, 14))
    few = {role: _home_queries(client, world.users[role]) for role in ROLES}
    # Committed, the new rows renew the cached dashboards (reports.freshness).
    _grow(world, data)
    commit()
    many = {role: _home_queries(client, world.users[role]) for role in ROLES}
    assert many == few
    assert max(few.values()) <= 15
    page = text_of(page_of(client, world.users["deputy"], reverse("reports:home")))
    assert "All 13 overdue decisions in the register" in page


# The reports ---------------------------------------------------------------------------------


def quarterly_url(data, number=2, **extra):
    query = f"?year={data.year.pk}&quarter={number}"
    query += "".join(f"&{k}={v}" for k, v in extra.items())
    return reverse("reports:quarterly") + query


def test_quarterly_report_page_shows_the_figures(client, world, data):
    html = page_of(client, world.users["director"], quarterly_url(data))
    page = text_of(html)
    assert "II quarter of the 2024–2025 academic year (06.11.2024 – 31.12.2024)" in page
    assert "2 meetings were held in the quarter" in page
    assert "№ 2 15.11.2024 4 of 5 80% yes" in page
    assert "№ 3 20.12.2024 2 of 5 40% no" in page
    assert 'id="quarter-attendance">60%' in html
    assert 'id="decisions-adopted">5<' in html and 'id="decisions-executed">2<' in html
    # On 10.01.2025 the decision due 10.12.2024 is overdue, the one due 15.01.2025 is not.
    assert 'id="decisions-overdue">1<' in html and 'id="decisions-pending">1<' in html
    assert 'id="decisions-rate">50%' in html
    assert 'id="plans-planned">7<' in html and 'id="plans-percent">57%' in html
    assert "1 criterion fell since the quarter before" in page
    assert "Окуучулардын активдүүлүгү 75% (4.0) 25% (2.0) ▼ -50" in page
    assert f"{data.newcomer.full_name} joined 20.11.2024" in page
    assert "removed for not performing the duties: Милдеттерин аткарган жок." in page
    assert 'id="year-rate">60%' in html
    # Four charts, drawn on the server, each with its title; no script in the page itself.
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 4
    for title in ("Attendance per meeting", "Decision execution", "Work-plan completion"):
        assert f'-title">{title}</title>' in html
    assert "<script>" not in html and "<script " not in html.replace('<script src="/static/', "")


def test_the_quarterly_report_is_the_current_quarter_by_default(client, world, data):
    page = text_of(page_of(client, world.users["deputy"], reverse("reports:quarterly")))
    assert "III quarter of the 2024–2025 academic year" in page
    assert "No meeting is held or planned this quarter" in page


@pytest.mark.parametrize(
    "query, field",
    [("quarter=7", "quarter"), ("quarter=II", "quarter"), ("year=abc", "year"), ("year=", "year")],
)
def test_a_wrong_choice_is_told_next_to_the_field(client, world, data, query, field):
    if "year" not in query:
        query += f"&year={data.year.pk}"
    else:
        query += "&quarter=2"
    html = page_of(client, world.users["director"], reverse("reports:quarterly") + "?" + query)
    assert f'id="error_1_id_{field}"' in html or "invalid-feedback" in html
    # The current quarter's report is shown instead.
    assert "III quarter of the 2024–2025 academic year" in text_of(html)


def test_another_schools_year_is_not_offered(client, world, data):
    url = reverse("reports:quarterly") + f"?year={world.other_year.pk}&quarter=1"
    html = page_of(client, world.users["director"], url)
    assert "invalid-feedback" in html
    assert world.other_school.name not in html
    client.logout()
    client_for(client, world.users["director"])
    response = client.get(
        reverse("reports:quarterly_pdf") + f"?year={world.other_year.pk}&quarter=1"
    )
    assert response.status_code == 404


def test_quarterly_report_pdf_has_the_figures_in_the_language_asked(client, world, data):
    client_for(client, world.users["director"])
    response = client.get(quarterly_url(data, lang="ky").replace("quarterly/", "quarterly.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "quarterly-report-2024-2025-II.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert world.school.name.upper() in text
    assert "10.01.2025" in text  # the date generated
    assert "Окуучулардын активдүүлүгү" in text
    for figure in ("80%", "40%", "60%", "57%", "50%"):
        assert figure in text
    assert "Quarterly report" not in text  # the heading came out in Kyrgyz
    russian = client.get(
        reverse("reports:quarterly_pdf") + f"?year={data.year.pk}&quarter=2&lang=ru"
    )
    assert "Заседани" in pdf_text(russian.content)


def test_annual_report_page_and_pdf(client, world, data):
    url = reverse("reports:annual") + f"?year={data.year.pk}"
    html = page_of(client, world.users["deputy"], url)
    assert 'id="annual-meetings-1">1<' in html and 'id="annual-meetings-2">2<' in html
    assert 'id="annual-meetings-5">3<' in html  # the whole year
    assert 'id="annual-rate-2">50%' in html
    # Quarters III and IV are not over on 10.01.2025: no meeting missed yet (R4.5).
    assert "No meeting was held in the" not in text_of(html)
    assert '-title">The year by quarter</title>' in html
    response = client.get(reverse("reports:annual_pdf") + f"?year={data.year.pk}&lang=en")
    assert "annual-report-2024-2025.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Annual report of the methodical council" in text
    assert "Meetings held 1 2 0 0 3" in text


def test_reports_are_closed_to_teachers(client, world, data):
    for role in ("teacher", "mahead", "secretary"):
        login(client, world.users[role])
        assert client.get(quarterly_url(data)).status_code == 403
        assert client.get(reverse("reports:annual_pdf")).status_code == 403


def test_the_menu_offers_reports_to_those_who_may_read_them(client, world, data):
    link = f'href="{reverse("reports:quarterly")}"'
    assert link in page_of(client, world.users["director"], reverse("reports:home"))
    assert link in page_of(client, world.users["deputy"], reverse("reports:home"))
    assert link not in page_of(client, world.users["mahead"], reverse("reports:home"))


def test_quarterly_page_query_count_does_not_grow(client, world, data):
    client_for(client, world.users["director"])
    with CaptureQueriesContext(connection) as few:
        client.get(quarterly_url(data))
    _grow(world, data)
    with CaptureQueriesContext(connection) as many:
        client.get(quarterly_url(data))
    assert len(many) == len(few)


def test_a_school_without_an_academic_year(client, db):
    """Nothing is set up yet: the pages say so; there is no report to download."""
    school = SchoolFactory()
    users = {role: UserFactory(school=school, role=role) for role in User.Role.values}
    for user in users.values():
        page = text_of(page_of(client, user, reverse("reports:home")))
        assert "No academic year has been set up yet." in page
    director = users[User.Role.DIRECTOR]
    for name in ("reports:quarterly", "reports:annual"):
        page = text_of(page_of(client, director, reverse(name)))
        assert "No academic year has been set up yet." in page
    for name in ("reports:quarterly_pdf", "reports:annual_pdf"):
        assert client.get(reverse(name)).status_code == 404
