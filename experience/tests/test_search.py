"""Full-text search of the bank on PostgreSQL (CI runs the suite there via DATABASE_URL)."""

import pytest
from django.db import connection

from experience import selectors

from . import factories

pytestmark = pytest.mark.django_db

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text search runs on PostgreSQL; SQLite uses the simpler match tested elsewhere",
)


@needs_postgresql
def test_full_text_search_finds_word_beginnings_in_any_case(world):
    fractions = factories.entry(
        world,
        title="Бөлчөктөрдү кошуу: ачык сабак",
        description="Оюн аркылуу бөлчөктөрдү салыштыруу жана кошуу.",
        tags_text="математика",
    )
    reading = factories.entry(
        world,
        title="Окуу сабаттуулугу",
        description="Текстти түшүнүү боюнча тапшырмалар; бөлчөк сөздөр жок.",
        tags_text="кыргыз тили",
        source="master_class",
    )
    # A word's beginning finds its Kyrgyz endings; upper case finds lower case.
    assert list(selectors.entries(school=world.school, query="БӨЛЧӨКТӨРДҮ")) == [fractions]
    assert set(selectors.entries(school=world.school, query="бөлчөк")) == {fractions, reading}
    # Every word must match.
    assert list(selectors.entries(school=world.school, query="бөлчөк оюн")) == [fractions]
    # Tags and authors are searched too.
    assert list(selectors.entries(school=world.school, query="кыргыз")) == [reading]
    surname = world.staff["teacher"].last_name
    assert set(selectors.entries(school=world.school, query=surname)) == {fractions, reading}
    # The title weighs more than the description: its entry comes first.
    assert list(selectors.entries(school=world.school, query="бөлчөктөрдү"))[0] == fractions
    # Filters still apply; punctuation in the query is harmless.
    assert list(
        selectors.entries(school=world.school, query="бөлчөк & | ! :*", source="master_class")
    ) == [reading]
    assert not selectors.entries(school=world.school, query="химия").exists()


@needs_postgresql
def test_full_text_search_stays_in_the_school(world):
    factories.entry(world, title="Долбоордук окутуу")
    assert not selectors.entries(school=world.other_school, query="долбоордук").exists()
