"""What the public may see: published letters whose release time has passed."""

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, OuterRef
from django.utils import timezone

from core.files import without_files
from inspections.models import TopicRename

from .models import PublishedLetter
from .search import full_text_search, word_search

ENTRY_RELATIONS = [
    "publication",
    "letter__force",
    "letter__review__recommendation__topic",
    "letter__review__recommendation__report",
]


def with_relations(entries):
    """Entries ready for a page: their letter, force, review and topic, without stored files or search text."""
    return without_files(entries.select_related(*ENTRY_RELATIONS), "letter", "publication").defer("search_vector")


def entries_page(entries, number, size):
    """A page of entries, as Paginator.get_page gives it, found on the entries' own table first (the
    page's ids, through its indexes) and only then joined to letters, forces and reviews: a page deep in
    the list never joins the thousands of rows before it."""
    page = Paginator(entries.values_list("pk", flat=True), size).get_page(number)
    rows = with_relations(PublishedLetter.objects.filter(pk__in=list(page.object_list))).in_bulk()
    page.object_list = [rows[pk] for pk in page.object_list]
    return page


def public_entries(now=None):
    """Every public version, corrected ones included (a letter's page lists them)."""
    return with_relations(PublishedLetter.objects.public(now or timezone.now()))


def latest_public_entries(now=None):
    """One entry per force and review: its latest public version."""
    return with_relations(PublishedLetter.objects.latest_versions(now or timezone.now()))


def search(entries, text):
    """Full-text search on PostgreSQL (ranked); on SQLite, every word matched somewhere (newest first)."""
    if connection.vendor == "postgresql":
        return full_text_search(entries, text)
    return newest_first(word_search(entries, text, former_names))


def former_names(word):
    return Exists(
        TopicRename.objects.filter(topic=OuterRef("letter__review__recommendation__topic"), former_name__icontains=word)
    )


def newest_first(entries):
    """By release, newest first; within a publication, by force (its entries were created in that order)."""
    return entries.order_by("-release_at", "pk")


def filter_entries(entries, *, force="", topic="", review="", year="", q=""):
    if force:
        entries = entries.filter(force__slug=force)
    if topic:
        entries = entries.filter(letter__review__recommendation__topic_id=topic)
    if review:
        entries = entries.filter(letter__review__slug=review)
    if year:
        entries = entries.filter(letter_date__year=int(year))
    return search(entries, q) if q else newest_first(entries)
