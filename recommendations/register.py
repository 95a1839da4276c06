"""Reading the register: where a recommendation stands at each force, how late it is, and the dated
timeline of one force's entry, each in a fixed number of queries whatever the number of forces or
changes. Staff read everything; forces and the public never read internal notes."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from forces.models import Force

from .models import (
    OUTCOMES,
    Action,
    ForceResponse,
    ProgressUpdate,
    Recommendation,
    RecommendationLink,
    RegisterEntry,
    StatusChange,
    TargetRevision,
)


class Delay(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    OVERDUE = "overdue", "Overdue"
    REVISED = "revised", "Target revised"
    DONE = "done", "Complete or closed"


def with_delay(entries: QuerySet[RegisterEntry], today: datetime.date | None = None) -> QuerySet[RegisterEntry]:
    """Each entry annotated with its deadline (the force's latest target date, or else the
    recommendation's due date) and its delay, worked out by the database so lists can filter on it."""
    today = today or timezone.localdate()
    open_ = ~Q(status__in=sorted(OUTCOMES))
    deadline = Coalesce("target_date", "recommendation__due_on")
    return entries.annotate(deadline=deadline).annotate(
        delay=models.Case(
            models.When(~open_, then=models.Value(Delay.DONE)),
            models.When(deadline__lt=today, then=models.Value(Delay.OVERDUE)),
            models.When(target_revisions__gt=0, then=models.Value(Delay.REVISED)),
            default=models.Value(Delay.ON_TRACK),
            output_field=models.CharField(),
        )
    )


def open_deadline() -> Subquery:
    """The earliest deadline among the entries of the recommendation (OuterRef "pk") still open, or None:
    the day from which it is overdue at some force. Recommendation.open_deadline keeps it."""
    open_entries = with_delay(RegisterEntry.objects.filter(recommendation=OuterRef("pk")).exclude(status__in=OUTCOMES))
    return Subquery(open_entries.values("recommendation").annotate(first=Min("deadline")).values("first"))


def delay_counts(entries: QuerySet[RegisterEntry], today: datetime.date | None = None) -> dict[str, int]:
    """How many entries are on track, overdue, revised or done: one query."""
    annotated = with_delay(entries, today)
    return annotated.aggregate(**{delay.value: Count("pk", filter=Q(delay=delay.value)) for delay in Delay})


def delay_label(entry: Any) -> str:
    """'Target revised (2 times)' reads better than a bare 'Target revised'."""
    if entry.delay == Delay.REVISED:
        times = "once" if entry.target_revisions == 1 else f"{entry.target_revisions} times"
        return f"Target revised ({times})"
    return str(Delay(entry.delay).label)


def entries_of(recommendation: Recommendation) -> QuerySet[RegisterEntry]:
    """The recommendation's entry at each force it applies to, in force order: one query."""
    return with_delay(recommendation.entries.select_related("force", "recommendation")).order_by("force__name")


def links_of(recommendation: Recommendation) -> list[tuple[str, Recommendation]]:
    """Its links both ways, as (how it reads from here, the other recommendation)."""
    onward = RecommendationLink.objects.filter(earlier=recommendation).select_related("later")
    back = RecommendationLink.objects.filter(later=recommendation).select_related("earlier")
    return [(link.get_kind_display(), link.later) for link in onward] + [
        (link.inverse_label, link.earlier) for link in back
    ]


@dataclass
class Event:
    """One dated line of a force's timeline. `side` says whose it is: the inspectorate's or the force's."""

    day: datetime.date
    side: str  # "inspectorate" or "force"
    title: str
    text: str = ""
    details: list[str] = field(default_factory=list)
    by: str = ""
    documents: list[Any] = field(default_factory=list)
    internal_note: str = ""
    url: str = ""
    link_text: str = ""
    order: tuple[Any, ...] = ()  # within a day: (moment, rank, pk)


# Who reads a timeline: inspectorate staff, the force's liaison officer, or the public.
STAFF, FORCE, PUBLIC = "staff", "force", "public"

# Other apps add events (an issued letter, for example): source(recommendation, force, audience) -> events,
# only what that audience may see.
TIMELINE_SOURCES: list[Callable[[Recommendation, Force, str], Iterable[Event]]] = []


def timeline(
    recommendation: Recommendation, force: Force, *, for_staff: bool = False, audience: str = ""
) -> list[Event]:
    """Everything on record for the recommendation at the force, oldest first. Internal notes only for
    staff. The audience defaults to staff or the public as for_staff says."""
    audience = audience or (STAFF if for_staff else PUBLIC)
    for_staff = audience == STAFF
    events = [
        *status_events(recommendation, force, for_staff),
        *response_events(recommendation, force),
        *action_events(recommendation, force),
        *update_events(recommendation, force),
    ]
    for source in TIMELINE_SOURCES:
        events.extend(source(recommendation, force, audience))
    return sorted(events, key=lambda event: (event.day, event.order))


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


def status_events(recommendation: Recommendation, force: Force, for_staff: bool) -> list[Event]:
    changes = StatusChange.objects.filter(recommendation=recommendation, force=force).select_related(
        "recorded_by", "authorised_by"
    )
    events = []
    for change in changes:
        details = []
        if change.basis:
            authoriser = change.authorised_by.display_name if change.authorised_by else ""
            details.append(f"Closed on the basis that {change.basis}; authorised by {authoriser}.")
        if change.evidence:
            details.append(f"Evidence: {change.evidence}")
        events.append(
            Event(
                day=change.changed_on,
                side="inspectorate" if change.recorded_by.is_inspector else "force",
                title=f"Status: {change.get_status_display()}",
                text=change.reason,
                details=details,
                by=change.recorded_by.display_name if for_staff else "",
                internal_note=change.internal_note if for_staff else "",
                order=(change.recorded_at, 1, change.pk),
            )
        )
    return events


def response_events(recommendation: Recommendation, force: Force) -> list[Event]:
    responses = ForceResponse.objects.filter(recommendation=recommendation, force=force)
    return [
        Event(
            day=local_day(response.recorded_at),
            side="force",
            title=f"Force's response: {response.get_position_display()}",
            text=response.reasons,
            order=(response.recorded_at, 0, response.pk),
        )
        for response in responses
    ]


def action_events(recommendation: Recommendation, force: Force) -> list[Event]:
    actions = Action.objects.filter(recommendation=recommendation, force=force)
    revisions = TargetRevision.objects.filter(action__in=actions).select_related("action")
    events = [
        Event(
            day=local_day(action.added_at),
            side="force",
            title="Action added to the force's plan",
            text=action.description,
            details=[f"Owner: {action.owner}. Target date: {action.original_target_date:%-d %B %Y}."],
            order=(action.added_at, 0, action.pk),
        )
        for action in actions
    ]
    events += [
        Event(
            day=local_day(revision.revised_at),
            side="force",
            title="Target date revised",
            text=revision.reason,
            details=[
                f"{revision.action.description[:80].rstrip('.')}: from {revision.previous_date:%-d %B %Y} "
                f"to {revision.new_date:%-d %B %Y}."
            ],
            order=(revision.revised_at, 0, revision.pk),
        )
        for revision in revisions
    ]
    return events


def update_events(recommendation: Recommendation, force: Force) -> list[Event]:
    updates = ProgressUpdate.objects.filter(recommendation=recommendation, force=force).prefetch_related("evidence")
    events = []
    for update in updates:
        title = "Force reports complete" if update.claims_completion else "Progress update"
        events.append(
            Event(
                day=local_day(update.written_at),
                side="force",
                title=title,
                text=update.text,
                documents=list(update.evidence.all()),
                order=(update.written_at, 0, update.pk),
            )
        )
        if update.decision in (ProgressUpdate.Decision.VERIFIED, ProgressUpdate.Decision.RETURNED):
            assert update.decided_at is not None
            events.append(
                Event(
                    day=local_day(update.decided_at),
                    side="inspectorate",
                    title="Claim verified" if update.decision == ProgressUpdate.Decision.VERIFIED else "Claim returned",
                    text=update.decision_reason,
                    order=(update.decided_at, 0, update.pk),
                )
            )
    return events


def claim_summary(entry: RegisterEntry) -> str:
    """Both sides in one sentence, never merged: 'Force reports complete on 3 March 2018; inspectorate
    verified on 27 April 2018'."""
    parts = []
    if not (entry.claim_awaiting or entry.verified_on):
        return ""
    if entry.claimed_on:
        parts.append(f"Force reports complete on {entry.claimed_on:%-d %B %Y}")
    if entry.verified_on:
        parts.append(f"inspectorate verified on {entry.verified_on:%-d %B %Y}")
    elif entry.claim_awaiting:
        parts.append("awaiting the inspectorate's verification")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]
