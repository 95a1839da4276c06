"""Open data: published letters and outcomes as CSV and JSON that stream row by row (fifty thousand letters
are never held whole), and an Atom feed of the latest publications."""

import datetime
from collections.abc import Iterator

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from core.files import without_files

from .caching import public_page
from .models import Publication, PublishedLetter
from .queries import public_entries
from .register_data import RECOMMENDATION_COLUMNS, STATUS_COLUMNS
from .streams import CHUNK, csv_response, json_response

COLUMNS = [
    ("id", "Stable identifier: review, force and version"),
    ("review", "The review's identifier (its slug)"),
    ("review_title", "The review's title"),
    ("recommendation", "The recommendation's public reference"),
    ("topic", "The topic's current name"),
    ("force", "The force's identifier (data.police.uk id for territorial forces)"),
    ("force_name", "The force's name as the letter gives it"),
    ("ons_code", "The ONS police force area code"),
    ("letter_date", "The date written on the letter (YYYY-MM-DD)"),
    ("version", "1 for the first letter; higher for a corrected version"),
    ("replaces", "The id of the version this one corrects, if any"),
    ("published_at", "When it was released (ISO 8601, UTC)"),
    ("outcome", "The force's outcome category"),
    ("withdrawn_at", "When it was withdrawn (ISO 8601, UTC), if it was"),
    ("withdrawal_reason", "Why it was withdrawn"),
    ("pdf_url", "Where to download the PDF"),
    ("pdf_sha256", "SHA-256 of the PDF's bytes"),
]


class PdfAddress:
    """The address of a letter version's PDF, reversed once and filled in for each of fifty thousand rows (a
    reverse() per row took a third of the export's time)."""

    VERSION = 987654321  # the version converter takes digits only: a number no letter reaches stands in

    def __init__(self, request):
        # No host holds an underscore, and the address no brace, so the placeholders are found and filled safely.
        address = reverse("publications:letter-version-pdf", args=["_review_", "_force_", self.VERSION])
        address = request.build_absolute_uri(address).replace("_review_", "{review}").replace("_force_", "{force}")
        self.pattern = address.replace(str(self.VERSION), "{version}")

    def of(self, letter) -> str:
        return self.pattern.format(review=letter.review.slug, force=letter.force.slug, version=letter.version)


def record(entry, address: PdfAddress):
    letter = entry.letter
    replaces = letter.replaces
    return {
        "id": entry.public_id,
        "review": letter.review.slug,
        "review_title": letter.review.title,
        "recommendation": letter.review.recommendation.reference,
        "topic": letter.review.recommendation.topic.name,
        "force": letter.force.slug,
        "force_name": letter.force_name,
        "ons_code": letter.force.ons_code,
        "letter_date": letter.letter_date.isoformat(),
        "version": letter.version,
        "replaces": f"{letter.review.slug}/{letter.force.slug}/v{replaces.version}" if replaces else "",
        "published_at": entry.publication.release_at.astimezone(datetime.UTC).isoformat(),
        "outcome": entry.outcome_name,
        "withdrawn_at": entry.withdrawn_at.astimezone(datetime.UTC).isoformat() if entry.withdrawn_at else "",
        "withdrawal_reason": entry.withdrawal_reason,
        "pdf_url": address.of(letter),
        "pdf_sha256": letter.pdf_sha256,
    }


# What record() reads: a letter's text, its stored PDF and the rest of the rows stay in the database.
RECORD_FIELDS = [
    "outcome_name",
    "withdrawn_at",
    "withdrawal_reason",
    "publication__release_at",
    "letter__version",
    "letter__force_name",
    "letter__letter_date",
    "letter__pdf_sha256",
    "letter__force__slug",
    "letter__force__ons_code",
    "letter__review__slug",
    "letter__review__title",
    "letter__review__recommendation__reference",
    "letter__review__recommendation__topic__name",
    "letter__replaces__version",
]
RECORD_RELATIONS = ["publication", "letter__force", "letter__review__recommendation__topic", "letter__replaces"]


def exported_entries():
    """Every public version, oldest release first, with only the columns the export writes."""
    entries = public_entries().select_related(None).select_related(*RECORD_RELATIONS).only(*RECORD_FIELDS)
    return entries.order_by("publication__release_at", "letter__review__slug", "letter__force__slug", "letter__version")


def records(request) -> Iterator[dict]:
    """The rows one chunk at a time: the query runs when the first row is asked for, after the header left."""
    address = PdfAddress(request)
    for entry in exported_entries().iterator(chunk_size=CHUNK):
        yield record(entry, address)


@public_page
def letters_csv(request):
    return csv_response(COLUMNS, records(request), "published-letters.csv")


@public_page
def letters_json(request):
    return json_response(COLUMNS, "letters", records(request))


@public_page
def data_page(request):
    context = {
        "columns": COLUMNS,
        "recommendation_columns": RECOMMENDATION_COLUMNS,
        "status_columns": STATUS_COLUMNS,
    }
    return render(request, "publications/data.html", context)


FEED_ENTRIES = 50  # a feed reader asks often: the latest publications, never the whole history


def public_forces(now) -> Prefetch:
    """Each publication's public letters, as far as the feed names them: their forces' names, never a letter's
    row (its text and PDF) nor a letter withdrawn before its release."""
    letters = PublishedLetter.objects.public(now).select_related("letter__force")
    letters = letters.only("publication", "letter__force__name").order_by()
    return Prefetch("letters", queryset=letters, to_attr="public_letters")


class PublicationsFeed(Feed):
    feed_type = Atom1Feed
    title = "Published assessment letters and national overviews"
    subtitle = "Each entry is one publication: a review's letters released together, with its national overview."

    def link(self):
        return reverse("publications:letters")

    def items(self):
        now = timezone.now()
        publications = without_files(Publication.objects.released(now).select_related("review"), "review")
        return publications.prefetch_related(public_forces(now)).order_by("-release_at")[:FEED_ENTRIES]

    def item_title(self, publication):
        return publication.overview_title or publication.review.title

    def item_description(self, publication):
        forces = ", ".join(sorted(entry.letter.force.name for entry in publication.public_letters))
        return f"Letters published to: {forces}."

    def item_link(self, publication):
        return reverse("publications:review", args=[publication.review.slug])

    def item_guid(self, publication):
        return f"publication-{publication.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, publication):
        return publication.release_at

    def item_updateddate(self, publication):
        return publication.release_at


publications_feed = public_page(PublicationsFeed())
