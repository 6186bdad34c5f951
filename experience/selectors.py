"""Reads for the pages: a fixed number of queries whatever the number of rows."""

import re

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from council.selectors import council_for_year
from meetings.models import Decision
from members.models import Staff
from members.permissions import staff_of
from plans.selectors import director_of
from school.models import School
from school.permissions import is_administration
from school.selectors import academic_year_for_date, today

from .models import AwardRecommendation, Entry, Manuscript, Publication, Review, Tag

WORD = re.compile(r"\w+", re.UNICODE)


def search_words(query: str) -> list[str]:
    """The words of a search, lower-cased (Python folds Cyrillic case, SQLite does not)."""
    return [w.lower() for w in WORD.findall(query or "")][:10]


def _full_text(entries: QuerySet, words: list[str]) -> QuerySet:
    """PostgreSQL full-text search with the 'simple' configuration (no stemmer for Kyrgyz):
    every word must start a word of the entry, so "сабак" finds "сабактын"."""
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = SearchVector("title", config="simple", weight="A") + SearchVector(
        "search_text", config="simple", weight="B"
    )
    raw = " & ".join(f"{word}:*" for word in words)
    query = SearchQuery(raw, config="simple", search_type="raw")
    return (
        entries.annotate(search=vector, rank=SearchRank(vector, query))
        .filter(search=query)
        .order_by("-rank", "-created_at", "-pk")
    )


def _simple_match(entries: QuerySet, words: list[str]) -> QuerySet:
    """Elsewhere (SQLite): every word is found in the entry's lower-cased search text."""
    for word in words:
        entries = entries.filter(search_text__contains=word)
    return entries


def entries(
    *,
    school: School,
    query: str = "",
    subject=None,
    source: str = "",
    tag: Tag | None = None,
    author: Staff | None = None,
) -> QuerySet:
    """The bank with its search and filters (R2.16)."""
    rows = Entry.objects.filter(school=school)
    if subject is not None:
        rows = rows.filter(subject=subject)
    if source:
        rows = rows.filter(source=source)
    if tag is not None:
        rows = rows.filter(tags=tag)
    if author is not None:
        rows = rows.filter(authors=author)
    words = search_words(query)
    if words and connection.vendor == "postgresql":
        rows = _full_text(rows, words)
    elif words:
        rows = _simple_match(rows, words)
    return rows.select_related("subject", "recommended_by__meeting").prefetch_related(
        Prefetch("authors", queryset=Staff.objects.order_by("last_name", "first_name")),
        "tags",
        "files",
    )


def entry_detail() -> QuerySet:
    return Entry.objects.select_related(
        "school", "subject", "created_by", "recommended_by__meeting__council__academic_year"
    ).prefetch_related(
        Prefetch("authors", queryset=Staff.objects.order_by("last_name", "first_name")),
        "tags",
        "files",
    )


def school_tags(school: School) -> QuerySet:
    return Tag.objects.filter(school=school, entries__isnull=False).distinct().order_by("key")


def decisions_for_choice(school: School) -> QuerySet:
    """The council's decisions, newest first, ready for a select (one query)."""
    return (
        Decision.objects.filter(meeting__council__academic_year__school=school)
        .select_related("meeting")
        .order_by("-meeting__date", "-meeting__number", "number")
    )


def publications(*, school: School, kind: str = "", year=None) -> QuerySet:
    rows = Publication.objects.filter(school=school)
    if kind:
        rows = rows.filter(kind=kind)
    if year is not None:
        rows = rows.filter(published_on__gte=year.start_date, published_on__lte=year.end_date)
    return rows.select_related("supervisor").prefetch_related(
        Prefetch("staff_authors", queryset=Staff.objects.order_by("last_name", "first_name"))
    )


def _reviews_prefetch():
    return Prefetch(
        "reviews", queryset=Review.objects.select_related("reviewer").order_by("assigned_on", "pk")
    )


def manuscripts_for(user) -> QuerySet:
    """The manuscripts a user may see: all for the administration, else own and reviewed."""
    rows = Manuscript.objects.filter(school=user.school)
    if not is_administration(user):
        staff = staff_of(user)
        if staff is None:
            return rows.none()
        rows = rows.filter(Q(author=staff) | Q(reviews__reviewer=staff)).distinct()
    return rows.select_related("author", "decision__meeting").prefetch_related(_reviews_prefetch())


def manuscript_detail() -> QuerySet:
    return Manuscript.objects.select_related(
        "school", "author", "decision__meeting", "submitted_by"
    ).prefetch_related(_reviews_prefetch())


def review_detail() -> QuerySet:
    return Review.objects.select_related(
        "reviewer", "manuscript__author", "manuscript__school", "manuscript__decision__meeting"
    ).prefetch_related(
        Prefetch(
            "manuscript__reviews",
            queryset=Review.objects.only("pk", "reviewer_id", "manuscript_id"),
        )
    )


def awards_for(user) -> QuerySet:
    rows = AwardRecommendation.objects.filter(school=user.school)
    if not is_administration(user):
        staff = staff_of(user)
        rows = rows.filter(teacher=staff) if staff is not None else rows.none()
    return rows.select_related("teacher", "decision__meeting")


def award_detail() -> QuerySet:
    return AwardRecommendation.objects.select_related(
        "school", "teacher", "created_by", "decision__meeting"
    )


def award_signers(award: AwardRecommendation) -> dict:
    """Who signs the award characteristic: the council's chair of the year and the director.

    The year is the one of the council's decision that approved it, else the current one.
    """
    day = award.decision.meeting.date if award.decision_id else today()
    year = academic_year_for_date(school=award.school, day=day)
    council = council_for_year(year) if year else None
    return {"chair": council.chair if council else None, "director": director_of(award.school)}
