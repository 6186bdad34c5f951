import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conftest import client_for
from council.models import Council, CouncilMembership
from members.tests.factories import StaffFactory
from school.tests.factories import make_year

from .factories import add_member


@pytest.fixture(autouse=True)
def _english_pages(client):
    """The pages open in Kyrgyz by default; these tests read them in English."""
    client.cookies["django_language"] = "en"


def _detail(world, **params):
    query = "&".join(f"{k}={v}" for k, v in {"year": world.year.pk, **params}.items())
    return f"{reverse('council:council_detail')}?{query}"


def _pdf_text(response) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_the_page_shows_officers_members_and_why_it_cannot_be_confirmed(world, client):
    client_for(client, world.users["teacher"])
    response = client.get(reverse("council:council_detail"))  # the current year by default
    text = response.content.decode()
    assert response.status_code == 200
    assert world.staff["deputy"].full_name in text
    assert world.staff["mahead"].full_name in text
    assert "The council has 3 members" in text  # R4.3, shown before anyone tries
    # Only the deputy gets the buttons that change the composition.
    assert reverse("council:membership_add", args=[world.council.pk]) not in text
    client.force_login(world.users["deputy"])
    text = client.get(reverse("council:council_detail")).content.decode()
    assert reverse("council:membership_add", args=[world.council.pk]) in text


def test_the_page_in_kyrgyz(world, client):
    client_for(client, world.users["teacher"])
    client.cookies["django_language"] = "ky"
    text = client.get(_detail(world)).content.decode()
    assert "Методикалык кеңеш" in text


def test_composition_on_a_past_day_and_former_members(world, client):
    membership = world.council.memberships.get(staff=world.staff["mahead"])
    membership.left_on = world.year.start_date + datetime.timedelta(days=10)
    membership.leave_reason = "removed_duties"
    membership.save()
    client_for(client, world.users["teacher"])
    on_day = (world.year.start_date + datetime.timedelta(days=5)).strftime("%d.%m.%Y")
    text = client.get(_detail(world, on=on_day)).content.decode()
    assert f"Composition on {on_day}" in text
    composition = text.split('id="composition"')[1].split("</table>")[0]
    assert world.staff["mahead"].full_name in composition
    later = client.get(_detail(world)).content.decode()
    current = later.split('id="composition"')[1].split("</table>")[0]
    assert world.staff["mahead"].full_name not in current
    former = later.split('id="former-members"')[1]
    assert "removed for not performing the duties" in former


def test_a_bad_or_outside_date_is_told_not_a_500(world, client):
    client_for(client, world.users["teacher"])
    response = client.get(_detail(world, on="32.13.2020"))
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()
    response = client.get(_detail(world, on="01.01.2000"))
    assert "Choose a day of the academic year" in response.content.decode()


def test_a_year_without_a_council(world, client):
    later = make_year(world.school, start_year=world.year.start_date.year + 1)
    client_for(client, world.users["deputy"])
    text = client.get(f"{reverse('council:council_detail')}?year={later.pk}").content.decode()
    assert "has no council yet" in text
    assert f"{reverse('council:council_create')}?year={later.pk}" in text


def test_another_schools_year_is_not_offered(world, client):
    client_for(client, world.users["deputy"])
    response = client.get(f"{reverse('council:council_detail')}?year={world.other_year.pk}")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_page_query_count_does_not_grow_with_members(
    world, client, django_assert_max_num_queries
):
    def add(n):
        member = add_member(world.council, StaffFactory(school=world.school), ["researcher"])
        CouncilMembership.objects.filter(pk=member.pk).update(
            left_on=world.year.end_date if n % 3 == 0 else None,
            leave_reason="own_request" if n % 3 == 0 else "",
        )

    add(0)  # one former member, so that every query of the page runs once
    client_for(client, world.users["deputy"])
    client.get(_detail(world))
    with django_assert_max_num_queries(20) as few:
        client.get(_detail(world))
    for n in range(1, 13):
        add(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_detail(world))
    composition = response.content.decode().split('id="composition"')[1].split("</table>")[0]
    assert composition.count("<tr>") == 1 + 3 + 8  # the header, the world's 3 and 8 more


# --- the deputy's forms --------------------------------------------------------------


def test_add_a_member_with_roles(world, client):
    client_for(client, world.users["deputy"])
    url = reverse("council:membership_add", args=[world.council.pk])
    response = client.post(
        url,
        {
            "staff": world.staff["teacher"].pk,
            "roles": ["innovative_teacher", "researcher"],
            "joined_on": world.year.start_date.isoformat(),
        },
    )
    assert response.status_code == 302
    membership = world.council.memberships.get(staff=world.staff["teacher"])
    assert sorted(membership.role_codes) == ["innovative_teacher", "researcher"]


def test_adding_another_schools_staff_is_a_form_error(world, client):
    client_for(client, world.users["deputy"])
    before = CouncilMembership.objects.count()
    response = client.post(
        reverse("council:membership_add", args=[world.council.pk]),
        {
            "staff": world.staff["other_school"].pk,
            "roles": ["administration"],
            "joined_on": "02.09.2026",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert 'value="02.09.2026"' in response.content.decode()  # the typed input is kept
    assert CouncilMembership.objects.count() == before


def test_adding_a_member_twice_is_a_form_error(world, client):
    client_for(client, world.users["deputy"])
    before = CouncilMembership.objects.count()
    response = client.post(
        reverse("council:membership_add", args=[world.council.pk]),
        {
            "staff": world.staff["mahead"].pk,
            "roles": ["ma_head"],
            "joined_on": world.year.start_date.isoformat(),
        },
    )
    assert response.status_code == 200
    assert "is already a member of this council" in response.content.decode()
    assert CouncilMembership.objects.count() == before


def test_an_ineligible_chair_is_a_form_error(world, client):
    client_for(client, world.users["deputy"])
    response = client.post(
        reverse("council:council_officers", args=[world.council.pk]),
        {"chair": world.staff["mahead"].pk, "secretary": world.staff["secretary"].pk},
    )
    assert response.status_code == 200
    assert "cannot chair the council" in response.content.decode()
    world.council.refresh_from_db()
    assert world.council.chair == world.staff["deputy"]


def test_a_leaving_date_before_joining_is_a_form_error(world, client):
    client_for(client, world.users["deputy"])
    membership = world.council.memberships.get(staff=world.staff["mahead"])
    before = membership.joined_on - datetime.timedelta(days=1)
    response = client.post(
        reverse("council:membership_end", args=[membership.pk]),
        {"left_on": before.isoformat(), "leave_reason": "own_request"},
    )
    assert response.status_code == 200
    assert "cannot be before the joining date" in response.content.decode()
    membership.refresh_from_db()
    assert membership.left_on is None


def test_a_member_leaves_with_a_reason(world, client):
    client_for(client, world.users["deputy"])
    membership = world.council.memberships.get(staff=world.staff["mahead"])
    day = world.year.start_date + datetime.timedelta(days=60)
    response = client.post(
        reverse("council:membership_end", args=[membership.pk]),
        {"left_on": day.isoformat(), "leave_reason": "removed_duties", "leave_note": "R7.1"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.left_on, membership.leave_reason) == (day, "removed_duties")


def test_confirm_with_four_members_says_why(world, client):
    add_member(world.council, world.staff["teacher"], ["researcher"])
    client_for(client, world.users["deputy"])
    response = client.post(reverse("council:council_confirm", args=[world.council.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "The composition cannot be confirmed" in text
    assert "The council has 4 members" in text
    world.council.refresh_from_db()
    assert world.council.status == Council.Status.DRAFT


def test_confirm_with_five_members(world, client):
    add_member(world.council, world.staff["teacher"], ["researcher"])
    add_member(world.council, world.staff["director"], ["administration"])
    client_for(client, world.users["deputy"])
    response = client.post(reverse("council:council_confirm", args=[world.council.pk]))
    assert response.status_code == 302
    world.council.refresh_from_db()
    assert world.council.is_confirmed


def test_create_next_years_council_copying_the_composition(world, client):
    later = make_year(world.school, start_year=world.year.start_date.year + 1)
    client_for(client, world.users["deputy"])
    response = client.post(
        reverse("council:council_create"), {"academic_year": later.pk, "start": "copy"}
    )
    assert response.status_code == 302
    council = Council.objects.get(academic_year=later)
    assert council.memberships.count() == 3
    assert council.chair == world.staff["deputy"]


def test_create_an_empty_council_and_not_twice(world, client):
    later = make_year(world.school, start_year=world.year.start_date.year + 1)
    client_for(client, world.users["deputy"])
    client.post(reverse("council:council_create"), {"academic_year": later.pk, "start": "empty"})
    assert Council.objects.get(academic_year=later).memberships.count() == 0
    response = client.post(
        reverse("council:council_create"), {"academic_year": later.pk, "start": "empty"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("role", ["teacher", "secretary", "director"])
def test_others_cannot_change_the_composition(world, client, role):
    client_for(client, world.users[role])
    response = client.post(
        reverse("council:membership_add", args=[world.council.pk]),
        {"staff": world.staff["teacher"].pk, "roles": ["researcher"], "joined_on": "2026-09-01"},
    )
    assert response.status_code == 403
    assert not world.council.memberships.filter(staff=world.staff["teacher"]).exists()


def test_another_schools_deputy_gets_404(world, client):
    client_for(client, world.users["other_school"])
    response = client.post(reverse("council:council_confirm", args=[world.council.pk]))
    assert response.status_code == 404


# --- the PDF ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, title",
    [
        ("ky", "Методикалык кеңештин курамы"),
        ("ru", "Состав методического совета"),
        ("en", "Composition of the methodical council"),
    ],
)
def test_the_composition_pdf_in_the_language_asked(world, client, lang, title):
    client_for(client, world.users["teacher"])
    response = client.get(reverse("council:council_pdf", args=[world.council.pk]) + f"?lang={lang}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    year = world.year
    expected = f"composition-{year.start_date.year}-{year.end_date.year}.pdf"
    assert expected in response["Content-Disposition"]
    text = " ".join(_pdf_text(response).split())
    assert title in text
    for person in ("deputy", "secretary", "mahead"):
        assert world.staff[person].last_name in text
    assert "Үсөнович" in text  # the factories' patronymic: Kyrgyz letters survive


# --- the form pages (school.pages) ----------------------------------------------------


def test_form_pages_show_their_heading_values_and_the_way_back(world, client):
    client_for(client, world.users["deputy"])
    back = f'href="{reverse("council:council_detail")}?year={world.year.pk}"'
    text = client.get(reverse("council:membership_add", args=[world.council.pk])).content.decode()
    assert f"Add a member · {world.year.name}" in text and back in text
    officers = client.get(reverse("council:council_officers", args=[world.council.pk]))
    assert officers.context["form"]["chair"].value() == world.staff["deputy"].pk
    assert "Both are chosen from the current members of the council." in officers.content.decode()
    membership = world.council.memberships.get(staff=world.staff["mahead"])
    text = client.get(reverse("council:membership_end", args=[membership.pk])).content.decode()
    assert f"{world.staff['mahead'].full_name} · leaves the council" in text
    assert membership.joined_on.strftime("%d.%m.%Y") in text


def test_the_new_council_page_takes_the_year_asked_for(world, client):
    later = make_year(world.school, start_year=world.year.start_date.year + 1)
    client_for(client, world.users["deputy"])
    response = client.get(f"{reverse('council:council_create')}?year={later.pk}")
    assert response.context["form"]["academic_year"].value() == later.pk
    response = client.get(f"{reverse('council:council_create')}?year={world.other_year.pk}")
    assert response.context["form"]["academic_year"].value() != world.other_year.pk


def test_every_year_has_a_council_says_so_instead_of_a_form(world, client):
    client_for(client, world.users["deputy"])
    text = client.get(reverse("council:council_create")).content.decode()
    assert "Every academic year already has a council." in text
    assert 'name="academic_year"' not in text


def test_a_confirmed_council_is_not_confirmed_again(world, client):
    Council.objects.filter(pk=world.council.pk).update(
        status=Council.Status.CONFIRMED, confirmed_on=world.year.start_date
    )
    client_for(client, world.users["deputy"])
    response = client.get(reverse("council:council_confirm", args=[world.council.pk]), follow=True)
    assert response.redirect_chain[-1][0] == _detail(world)
    date = world.year.start_date.strftime("%d.%m.%Y")
    assert f"The council was already confirmed on {date}." in response.content.decode()


def test_a_member_who_left_cannot_leave_again(world, client):
    membership = world.council.memberships.get(staff=world.staff["mahead"])
    day = world.year.start_date + datetime.timedelta(days=10)
    CouncilMembership.objects.filter(pk=membership.pk).update(left_on=day, leave_reason="other")
    client_for(client, world.users["deputy"])
    response = client.get(reverse("council:membership_end", args=[membership.pk]), follow=True)
    assert response.redirect_chain[-1][0] == _detail(world)
    assert f"already left the council on {day.strftime('%d.%m.%Y')}." in response.content.decode()
