"""Open data of the register: recommendations, and each one's status at each force, as CSV and JSON that
stream row by row (a 50,000-row export is never held whole), and an Atom feed of status changes."""

import csv
import json
from collections.abc import Iterable, Iterator

from django.contrib.syndication.views import Feed
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from recommendations.models import RegisterStatus, StatusChange
from recommendations.register import delay_label

from .caching import public_page
from .cells import neutralised
from .register_queries import public_entries, public_recommendations, with_counts

CHUNK = 2000

RECOMMENDATION_COLUMNS = [
    ("reference", "The recommendation's stable public reference: its identifier"),
    ("report", "The report that made it"),
    ("report_published_on", "When the report was published (YYYY-MM-DD)"),
    ("topic", "The topic's current name"),
    ("topic_former_names", "The topic's earlier names, separated by '; '"),
    ("kind", "recommendation, afi (area for improvement) or cause (a cause of concern's recommendation)"),
    ("priority", "true if the inspectorate made it a priority"),
    ("priority_reason", "Why it is a priority"),
    ("text", "What the recommendation asks"),
    ("timescale", "The timescale as the report gives it"),
    ("due_on", "When it is due (YYYY-MM-DD)"),
    ("forces", "How many forces it applies to"),
    *[(f"forces_{status.value}", f"How many forces are at '{status.label}'") for status in RegisterStatus],
    ("forces_overdue", "How many forces are past their deadline and not complete or closed"),
    ("url", "Its page"),
]

STATUS_COLUMNS = [
    ("recommendation", "The recommendation's reference (its stable identifier)"),
    ("force", "The force's identifier (its slug; data.police.uk id for territorial forces)"),
    ("force_name", "The force's name"),
    ("status", "The status code: " + ", ".join(status.value for status in RegisterStatus)),
    ("status_label", "The status in words"),
    ("status_since", "When the status took effect (YYYY-MM-DD)"),
    ("response", "The force's latest response: agreed, partly, not_agreed, or empty when none yet"),
    ("target_date", "The latest target date of the force's actions (YYYY-MM-DD)"),
    ("target_revisions", "How many times the force has moved a target date"),
    ("claimed_on", "When the force last reported it complete (YYYY-MM-DD)"),
    ("verified_on", "When the inspectorate verified it complete (YYYY-MM-DD)"),
    ("delay", "on_track, overdue, revised or done"),
    ("delay_label", "The delay in words"),
    ("url", "The force's timeline for the recommendation"),
]


def day(value) -> str | None:
    return value.isoformat() if value else None


def recommendation_record(request, recommendation) -> dict:
    """One recommendation as open data: from public_recommendations() with with_counts() and its topic's renames."""
    return {
        "reference": recommendation.reference,
        "report": recommendation.report.title,
        "report_published_on": day(recommendation.report.published_on),
        "topic": recommendation.topic.name,
        "topic_former_names": "; ".join(rename.former_name for rename in recommendation.topic.renames.all()),
        "kind": recommendation.kind,
        "priority": recommendation.is_priority,
        "priority_reason": recommendation.priority_reason,
        "text": recommendation.text,
        "timescale": recommendation.timescale_description,
        "due_on": day(recommendation.due_on),
        "forces": recommendation.force_count,
        **{f"forces_{status.value}": getattr(recommendation, f"status_{status.value}") for status in RegisterStatus},
        "forces_overdue": recommendation.delay_overdue,
        "url": request.build_absolute_uri(reverse("publications:recommendation", args=[recommendation.reference])),
    }


def open_recommendations():
    recommendations = public_recommendations().select_related("report", "topic").prefetch_related("topic__renames")
    return with_counts(recommendations).order_by("reference")


def recommendation_rows(request) -> Iterator[dict]:
    for recommendation in open_recommendations().iterator(chunk_size=CHUNK):
        yield recommendation_record(request, recommendation)


class TimelineAddress:
    """The address of a force's timeline, reversed once and filled in for each of thousands of rows."""

    def __init__(self, request):
        self.pattern = request.build_absolute_uri(
            reverse("publications:recommendation-force", args=["REFERENCE", "FORCE"])
        )

    def of(self, entry) -> str:
        return self.pattern.replace("REFERENCE", entry.recommendation.reference).replace("FORCE", entry.force.slug)


def status_record(entry, address: TimelineAddress) -> dict:
    """One recommendation at one force as open data: an entry from public_entries()."""
    return {
        "recommendation": entry.recommendation.reference,
        "force": entry.force.slug,
        "force_name": entry.force.name,
        "status": entry.status,
        "status_label": entry.get_status_display(),
        "status_since": day(entry.status_since),
        "response": entry.response,
        "target_date": day(entry.target_date),
        "target_revisions": entry.target_revisions,
        "claimed_on": day(entry.claimed_on),
        "verified_on": day(entry.verified_on),
        "delay": entry.delay,
        "delay_label": delay_label(entry),
        "url": address.of(entry),
    }


def status_rows(request) -> Iterator[dict]:
    address = TimelineAddress(request)
    entries = public_entries().order_by("recommendation__reference", "force__slug")
    for entry in entries.iterator(chunk_size=CHUNK):
        yield status_record(entry, address)


class Echo:
    """A file-like object whose write() returns the line, so csv.writer yields rows as they are made."""

    def write(self, value: str) -> str:
        return value


def csv_stream(columns, rows: Iterable[dict]) -> Iterator[str]:
    names = [name for name, _ in columns]
    writer = csv.writer(Echo())
    yield writer.writerow(names)
    for row in rows:
        yield writer.writerow([neutralised(row[name]) for name in names])


def json_stream(columns, key: str, rows: Iterable[dict]) -> Iterator[str]:
    yield '{"columns": ' + json.dumps(dict(columns)) + ', "' + key + '": ['
    separator = "\n"
    for row in rows:
        yield separator + json.dumps(row)
        separator = ",\n"
    yield "\n]}\n"


def csv_response(stream: Iterator[str], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@public_page
def recommendations_csv(request):
    return csv_response(
        csv_stream(RECOMMENDATION_COLUMNS, recommendation_rows(request)), "register-recommendations.csv"
    )


@public_page
def recommendations_json(request):
    stream = json_stream(RECOMMENDATION_COLUMNS, "recommendations", recommendation_rows(request))
    return StreamingHttpResponse(stream, content_type="application/json")


@public_page
def statuses_csv(request):
    return csv_response(csv_stream(STATUS_COLUMNS, status_rows(request)), "register-statuses.csv")


@public_page
def statuses_json(request):
    return StreamingHttpResponse(
        json_stream(STATUS_COLUMNS, "statuses", status_rows(request)), content_type="application/json"
    )


class StatusChangesFeed(Feed):
    """The latest status changes of published recommendations, newest first. Never an internal note."""

    feed_type = Atom1Feed
    title = "Changes of status in the register of recommendations"
    subtitle = "Each entry is one change of a recommendation's status at one police force."

    def link(self):
        return reverse("publications:register")

    def items(self):
        return (
            StatusChange.objects.filter(recommendation__report__published_on__lte=timezone.localdate())
            .select_related("recommendation", "force", "authorised_by")
            .order_by("-recorded_at", "-pk")[:50]
        )

    def item_title(self, change):
        return f"{change.recommendation.reference} at {change.force.name}: {change.get_status_display()}"

    def item_description(self, change):
        if change.basis:
            authoriser = change.authorised_by.display_name if change.authorised_by else ""
            return f"{change.reason} Closed on the basis that {change.basis}; authorised by {authoriser}."
        return change.reason

    def item_link(self, change):
        return reverse("publications:recommendation-force", args=[change.recommendation.reference, change.force.slug])

    def item_guid(self, change):
        return f"status-change-{change.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, change):
        return change.recorded_at

    def item_updateddate(self, change):
        return change.recorded_at


register_feed = public_page(StatusChangesFeed())
