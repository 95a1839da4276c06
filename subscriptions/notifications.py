"""The sweep that tells subscribers what has been published: released letters, changes of status in the
register and section 55 responses. One email per address and event, recorded with a row per subscription
in the same transaction, so that no restart and no second worker sends it twice. No tracking: the email
holds the public link and the unsubscribe links, nothing else."""

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from governance.models import Section55Response
from outbox.services import email_queue
from publications.models import PublishedLetter
from recommendations.models import StatusChange

from .models import Notification, Subscription
from .services import absolute_url

logger = logging.getLogger(__name__)

# How far back a sweep looks: a worker stopped for longer than this does not send old news.
LOOKBACK = datetime.timedelta(days=30)


@dataclass(frozen=True)
class Published:
    """Something that became public, and what it is about: the subscriptions it concerns follow one of these."""

    key: str
    at: datetime.datetime
    subject: str
    summary: str
    url: str
    force_id: int
    recommendation_id: int | None = None
    topic_id: int | None = None

    def concerns(self, subscription: Subscription) -> bool:
        return (
            subscription.force_id == self.force_id
            or (self.recommendation_id is not None and subscription.recommendation_id == self.recommendation_id)
            or (self.topic_id is not None and subscription.topic_id == self.topic_id)
        )


def notifications_send_due() -> int:
    return notifications_send(timezone.now())


def notifications_send(now: datetime.datetime) -> int:
    """Email every confirmed subscriber about what was published after they confirmed and that they have not
    been told about; return how many emails were queued."""
    receiving = Subscription.objects.receiving().filter(confirmed_at__lte=now)
    earliest = receiving.aggregate(earliest=Min("confirmed_at"))["earliest"]
    if earliest is None:
        return 0
    since = max(earliest, now - LOOKBACK)
    events = list(published_between(since, now))
    if not events:
        return 0
    subscriptions = list(receiving.select_related("force", "topic", "recommendation"))
    told = set(
        Notification.objects.filter(event_key__in=[event.key for event in events]).values_list(
            "subscription_id", "event_key"
        )
    )
    sent = 0
    for event in events:
        by_address: dict[str, list[Subscription]] = defaultdict(list)
        for subscription in subscriptions:
            assert subscription.confirmed_at is not None
            if (
                subscription.confirmed_at <= event.at
                and (subscription.pk, event.key) not in told
                and event.concerns(subscription)
            ):
                by_address[subscription.email].append(subscription)
        for email, followed in by_address.items():
            sent += send_once(event, email, followed)
    return sent


def send_once(event: Published, email: str, followed: list[Subscription]) -> int:
    """One email to the address, listing each thing it follows that the event concerns with its own
    unsubscribe link; a row per subscription in the same transaction. A lost race sends nothing."""
    body = render_to_string(
        "subscriptions/email/published.txt",
        {
            "event": event,
            "followed": [(subscription, absolute_url(subscription.unsubscribe_url())) for subscription in followed],
            "settings": settings,
        },
    )
    try:
        with transaction.atomic():
            rows = [
                Notification.objects.create(subscription=subscription, event_key=event.key) for subscription in followed
            ]
            # One thing followed: a mail program's one-click unsubscribe ends it. Several: each has its link.
            one_click = absolute_url(followed[0].unsubscribe_url()) if len(followed) == 1 else ""
            delivery = email_queue(
                to=[email], subject=event.subject, body=body, about=followed[0], unsubscribe_url=one_click
            )
            for row in rows:
                row.delivery = delivery
                row.save(update_fields=["delivery"])
    except IntegrityError:
        return 0
    return 1


def published_between(since: datetime.datetime, now: datetime.datetime) -> Iterator[Published]:
    yield from released_letters(since, now)
    yield from status_changes(since, now)
    yield from section55_responses(since, now)


def released_letters(since: datetime.datetime, now: datetime.datetime) -> Iterator[Published]:
    """Letters whose publication's release time passed in the window and that are not withdrawn."""
    entries = PublishedLetter.objects.filter(
        publication__release_at__gte=since, publication__release_at__lte=now, withdrawn_at__isnull=True
    ).select_related("publication", "letter__force", "letter__review__recommendation")
    for entry in entries:
        letter = entry.letter
        recommendation = letter.review.recommendation
        yield Published(
            key=f"letter:{entry.pk}",
            at=entry.publication.release_at,
            subject=f"Letter published: {letter.review.title}, {letter.force_name}",
            summary=f"We have published our letter to {letter.force_name} about {letter.review.title}.",
            url=absolute_url(entry.get_absolute_url()),
            force_id=letter.force_id,
            recommendation_id=recommendation.pk,
            topic_id=recommendation.topic_id,
        )


def status_changes(since: datetime.datetime, now: datetime.datetime) -> Iterator[Published]:
    """Changes of status recorded in the window, of recommendations whose report is published. What the
    public register shows of them: never the internal note."""
    changes = StatusChange.objects.filter(
        recorded_at__gte=since, recorded_at__lte=now, recommendation__report__published_on__lte=timezone.localdate(now)
    ).select_related("recommendation", "force")
    for change in changes:
        recommendation = change.recommendation
        yield Published(
            key=f"status:{change.pk}",
            at=change.recorded_at,
            subject=f"Recommendation {recommendation.reference} at {change.force.name}: {change.get_status_display()}",
            summary=(
                f"From {change.changed_on:%-d %B %Y}, recommendation {recommendation.reference} stands at "
                f"‘{change.get_status_display()}’ at {change.force.name}. The reason given: {change.reason}"
            ),
            url=absolute_url(
                reverse("publications:recommendation-force", args=[recommendation.reference, change.force.slug])
            ),
            force_id=change.force_id,
            recommendation_id=recommendation.pk,
            topic_id=recommendation.topic_id,
        )


def section55_responses(since: datetime.datetime, now: datetime.datetime) -> Iterator[Published]:
    """Governance bodies' responses, published when submitted."""
    responses = Section55Response.objects.filter(submitted_at__gte=since, submitted_at__lte=now).select_related(
        "report", "force"
    )
    for response in responses:
        yield Published(
            key=f"s55:{response.pk}",
            at=response.submitted_at,
            subject=f"{response.force.name}'s governance body has responded to {response.report.title}",
            summary=f"The response of {response.force.name}'s governance body to {response.report.title} is published.",
            url=absolute_url(reverse("publications:response", args=[response.report_id, response.force.slug])),
            force_id=response.force_id,
        )
