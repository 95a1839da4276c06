"""Open data of the register: recommendations, and each one's status at each force, as CSV and JSON that
stream row by row (a 200,000-row export is never held whole), and an Atom feed of status changes."""

from collections import defaultdict
from collections.abc import Iterator, Mapping

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from core.files import without_files
from inspections.models import TopicRename
from recommendations.models import RegisterStatus, StatusChange
from recommendations.register import delay_label

from .caching import public_page
from .register_queries import public_entries, public_recommendations, with_counts
from .streams import CHUNK, csv_response, json_response

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


def recommendation_record(request, recommendation, former_names: Mapping[int, list[str]] | None = None) -> dict:
    """One recommendation as open data: from public_recommendations() with with_counts(), and its topic's
    earlier names from `former_names` (topic id to names) or else from its prefetched renames."""
    if former_names is None:
        names = [rename.former_name for rename in recommendation.topic.renames.all()]
    else:
        names = former_names.get(recommendation.topic_id, [])
    return {
        "reference": recommendation.reference,
        "report": recommendation.report.title,
        "report_published_on": day(recommendation.report.published_on),
        "topic": recommendation.topic.name,
        "topic_former_names": "; ".join(names),
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


def topic_former_names() -> dict[int, list[str]]:
    """Every topic's earlier names, oldest first, in one query: topics are few, and a prefetch beside a
    chunked read would cost a query per chunk."""
    names: dict[int, list[str]] = defaultdict(list)
    for topic_id, name in TopicRename.objects.values_list("topic_id", "former_name"):
        names[topic_id].append(name)
    return names


def recommendation_rows(request) -> Iterator[dict]:
    former_names = topic_former_names()
    recommendations = open_recommendations().prefetch_related(None)
    for recommendation in recommendations.iterator(chunk_size=CHUNK):
        yield recommendation_record(request, recommendation, former_names)


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


@public_page
def recommendations_csv(request):
    return csv_response(RECOMMENDATION_COLUMNS, recommendation_rows(request), "register-recommendations.csv")


@public_page
def recommendations_json(request):
    return json_response(RECOMMENDATION_COLUMNS, "recommendations", recommendation_rows(request))


@public_page
def statuses_csv(request):
    return csv_response(STATUS_COLUMNS, status_rows(request), "register-statuses.csv")


@public_page
def statuses_json(request):
    return json_response(STATUS_COLUMNS, "statuses", status_rows(request))


FEED_ENTRIES = 50  # a feed reader asks often: the latest changes, never the whole history
FEED_RELATIONS = ["recommendation", "force", "authorised_by"]


class StatusChangesFeed(Feed):
    """The latest status changes of published recommendations, newest first. Never an internal note."""

    feed_type = Atom1Feed
    title = "Changes of status in the register of recommendations"
    subtitle = "Each entry is one change of a recommendation's status at one police force."

    def link(self):
        return reverse("publications:register")

    def items(self):
        changes = StatusChange.objects.filter(recommendation__report__published_on__lte=timezone.localdate())
        changes = without_files(changes.select_related(*FEED_RELATIONS), *FEED_RELATIONS)
        return changes.order_by("-recorded_at", "-pk")[:FEED_ENTRIES]

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
