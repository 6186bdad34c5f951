"""The demo school never lands on a production database (issue: never a demo on production)."""

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django_scopes import scopes_disabled

from demo import seed
from school.models import School, User
from school.tests.factories import SchoolFactory


@pytest.mark.django_db
def test_refused_with_debug_off_and_nothing_written():
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")
    assert not School.objects.exists()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_refused_next_to_another_school_even_in_development():
    with scopes_disabled():
        SchoolFactory(name="Ош шаарындагы №1 мектеп")
    with override_settings(DEBUG=True), pytest.raises(CommandError, match="other schools"):
        call_command("seed_demo")
    assert list(School.objects.values_list("name", flat=True)) == ["Ош шаарындагы №1 мектеп"]
    assert not User.objects.filter(username__in=seed.DEMO_LOGINS).exists()


@pytest.mark.django_db
def test_a_loaded_demo_with_another_school_is_refused_too():
    with override_settings(DEBUG=True):
        call_command("seed_demo")
    with scopes_disabled():
        SchoolFactory(name="Ош шаарындагы №1 мектеп")
    with override_settings(DEBUG=True), pytest.raises(CommandError, match="other schools"):
        call_command("seed_demo")


@pytest.mark.django_db
def test_force_loads_it_with_debug_off_but_without_the_superuser(capsys):
    with scopes_disabled():
        SchoolFactory(name="Ош шаарындагы №1 мектеп")
    with override_settings(DEBUG=False):
        call_command("seed_demo", "--force")
    out = capsys.readouterr().out
    assert School.objects.filter(name=seed.DEMO_SCHOOL_NAME).exists()
    assert User.objects.filter(username="deputy").exists()
    # The superuser with the published password exists only in development.
    assert not User.objects.filter(username="admin").exists()
    assert not User.objects.filter(is_superuser=True).exists()
    assert "admin" not in out
    assert "deputy" in out


@pytest.mark.django_db
def test_in_development_the_demo_has_its_site_admin(capsys):
    with override_settings(DEBUG=True):
        call_command("seed_demo")
    assert "admin" in capsys.readouterr().out
    assert User.objects.get(username="admin").is_superuser
