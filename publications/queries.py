"""What the public may see: published letters whose release time has passed."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.files import without_files
from inspections.models import TopicRename

from .models import PublishedLetter

ENTRY_RELATIONS = [
    "publication",
    "letter__force",
    "letter__review__recommendation__topic",
    "letter__review__recommendation__report",
]


def with_relations(entries):
    return without_files(entries.select_related(*ENTRY_RELATIONS), "letter", "publication")


def public_entries(now=None):
    """Every public version, corrected ones included (a letter's page lists them)."""
    return with_relations(PublishedLetter.objects.public(now or timezone.now()))


def latest_public_entries(now=None):
    """One entry per force and review: its latest public version."""
    return with_relations(PublishedLetter.objects.latest_versions(now or timezone.now()))


def search(entries, text):
    """Every word must appear in the letter, its force, or its topic under any name it has had."""
    for word in text.split()[:12]:
        former_names = TopicRename.objects.filter(
            topic=OuterRef("letter__review__recommendation__topic"), former_name__icontains=word
        )
        entries = entries.filter(
            Q(letter__body__icontains=word)
            | Q(letter__heading__icontains=word)
            | Q(letter__force_name__icontains=word)
            | Q(letter__review__recommendation__topic__name__icontains=word)
            | Exists(former_names)
        )
    return entries


def filter_entries(entries, *, force="", topic="", review="", year="", q=""):
    if force:
        entries = entries.filter(letter__force__slug=force)
    if topic:
        entries = entries.filter(letter__review__recommendation__topic_id=topic)
    if review:
        entries = entries.filter(letter__review__slug=review)
    if year:
        entries = entries.filter(letter__letter_date__year=int(year))
    if q:
        entries = search(entries, q)
    return entries
