"""The daily run: reminders before deadlines and chasers after them, each sent once per event and
never once the thing has arrived. Events: a review's submission deadline (to the force's liaison
officers, unless the force has sent its documents); a section 55 response (to the force's governance
body, unless it has answered); an action plan's target date (to the liaison
officers, while the recommendation is open and no claim awaits); a claim of completion waiting for an
inspector (to the inspectorate's staff)."""

import datetime
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.contacts import governance_addresses, liaison_addresses, staff_addresses
from forces.models import Force
from governance.clock import dues, reports_on_forces
from governance.models import RESPONSE_DAYS
from outbox.services import email_queue
from recommendations.models import OUTCOMES, Action, ProgressUpdate
from reviews.models import Review
from reviews.status import rows_for_reviews

from .models import Reminder

logger = logging.getLogger(__name__)

REMIND_DAYS_BEFORE = 7  # a reminder goes out this many days before a deadline
CHASE_WITHIN_DAYS = 30  # a chaser goes out after a deadline, once, if the run sees it this soon after
CLAIM_REMINDER_DAYS = 10  # a claim waiting this long reminds the inspectorate; twice as long, chases


@dataclass(frozen=True)
class Event:
    key: str
    kind: str
    stage: str
    force: Force
    due_on: datetime.date
    subject: str
    template: str
    context: dict[str, Any]
    recipients: tuple[str, ...]
    review: Review | None = None
    recommendation: Any = None


def reminders_send_due() -> int:
    return reminders_send(timezone.localdate())


def reminders_send(today: datetime.date) -> int:
    """Send every reminder and chaser due on `today` that has not been sent; return how many were sent."""
    sent = 0
    for event in [*submission_events(today), *section55_events(today), *target_events(today), *claim_events(today)]:
        sent += send_once(event, today)
    return sent


def stage_on(today: datetime.date, due_on: datetime.date) -> str | None:
    if due_on - datetime.timedelta(days=REMIND_DAYS_BEFORE) <= today <= due_on:
        return Reminder.Stage.REMINDER
    if due_on < today <= due_on + datetime.timedelta(days=CHASE_WITHIN_DAYS):
        return Reminder.Stage.CHASER
    return None


def send_once(event: Event, today: datetime.date) -> int:
    """The reminder's row and its email in one transaction: a second run, in this process or another,
    finds the row (or loses the race on its unique key) and sends nothing."""
    if not event.recipients or Reminder.objects.filter(key=event.key).exists():
        return 0
    body = render_to_string(event.template, {**event.context, "force": event.force, "settings": settings})
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                key=event.key,
                kind=event.kind,
                stage=event.stage,
                force=event.force,
                review=event.review,
                recommendation=event.recommendation,
                due_on=event.due_on,
                sent_on=today,
            )
            reminder.delivery = email_queue(to=event.recipients, subject=event.subject, body=body, about=reminder)
            reminder.save(update_fields=["delivery"])
    except IntegrityError:
        return 0
    return 1


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def submission_events(today: datetime.date) -> Iterator[Event]:
    """Forces that have sent nothing for a review whose deadline (or their extension) is near or just past."""
    # A force's extension may move its deadline well past the review's: look a year further back.
    window = Q(submission_deadline__gte=today - datetime.timedelta(days=CHASE_WITHIN_DAYS + 365))
    reviews = Review.objects.filter(window).select_related("recommendation")
    for rows in rows_for_reviews(reviews).values():
        for row in rows:
            stage = stage_on(today, row.deadline)
            if row.submissions or stage is None:
                continue
            yield Event(
                key=f"submission:{row.review.pk}:{row.force.pk}:{row.deadline:%Y-%m-%d}:{stage}",
                kind=Reminder.Kind.SUBMISSION,
                stage=stage,
                force=row.force,
                due_on=row.deadline,
                review=row.review,
                subject=submission_subject(stage, row.deadline),
                template=f"reminders/email/submission_{stage}.txt",
                context={"review": row.review, "deadline": row.deadline, "url": liaison_url(row.review)},
                recipients=liaison_addresses(row.force),
            )


def submission_subject(stage: str, deadline: datetime.date) -> str:
    if stage == Reminder.Stage.REMINDER:
        return f"Reminder: your force's documents are due by {deadline:%-d %B %Y}"
    return f"Your force's documents were due on {deadline:%-d %B %Y}"


def liaison_url(review: Review) -> str:
    return absolute_url(reverse("reviews:liaison-review", args=[review.pk]))


def section55_events(today: datetime.date) -> Iterator[Event]:
    """Reports on a force whose governance body has not yet answered, near or just past the 56 days."""
    earliest = today - datetime.timedelta(days=RESPONSE_DAYS + CHASE_WITHIN_DAYS)
    latest = today - datetime.timedelta(days=RESPONSE_DAYS - REMIND_DAYS_BEFORE)
    reports = reports_on_forces().filter(published_on__range=(earliest, latest))
    for due in dues(reports, today):
        stage = stage_on(today, due.due_on)
        if due.response or stage is None or due.force is None:
            continue
        path = reverse("governance:body-report", args=[due.report.pk])
        yield Event(
            key=f"section55:{due.report.pk}:{stage}",
            kind=Reminder.Kind.SECTION_55,
            stage=stage,
            force=due.force,
            due_on=due.due_on,
            subject=section55_subject(stage, due.report.title, due.due_on),
            template=f"reminders/email/section55_{stage}.txt",
            context={"report": due.report, "due_on": due.due_on, "url": absolute_url(path)},
            recipients=governance_addresses(due.force),
        )


def section55_subject(stage: str, title: str, due_on: datetime.date) -> str:
    if stage == Reminder.Stage.REMINDER:
        return f"Reminder: your response to {title} is due by {due_on:%-d %B %Y}"
    return f"Your response to {title} was due on {due_on:%-d %B %Y}"


def target_events(today: datetime.date) -> Iterator[Event]:
    """Actions of open recommendations, with no claim waiting, whose target date is near or just past."""
    soon = today + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    recent = today - datetime.timedelta(days=CHASE_WITHIN_DAYS)
    actions = Action.objects.filter(target_date__range=(recent, soon)).select_related("recommendation", "force")
    open_entries = actions.filter(
        recommendation__entries__force=F("force"), recommendation__entries__claim_awaiting=False
    ).exclude(recommendation__entries__status__in=sorted(OUTCOMES))
    for action in open_entries.distinct():
        stage = stage_on(today, action.target_date)
        if stage is None:
            continue
        path = reverse("recommendations:liaison-recommendation", args=[action.recommendation.reference])
        yield Event(
            key=f"target:{action.pk}:{action.target_date:%Y-%m-%d}:{stage}",
            kind=Reminder.Kind.TARGET,
            stage=stage,
            force=action.force,
            due_on=action.target_date,
            recommendation=action.recommendation,
            subject=target_subject(stage, action),
            template=f"reminders/email/target_{stage}.txt",
            context={"action": action, "url": absolute_url(path)},
            recipients=liaison_addresses(action.force),
        )


def target_subject(stage: str, action: Action) -> str:
    reference = action.recommendation.reference
    if stage == Reminder.Stage.REMINDER:
        return f"Reminder: an action on recommendation {reference} is due by {action.target_date:%-d %B %Y}"
    return f"An action on recommendation {reference} was due on {action.target_date:%-d %B %Y}"


def claim_events(today: datetime.date) -> Iterator[Event]:
    """Claims of completion an inspector has not yet verified or returned."""
    claims = ProgressUpdate.objects.filter(decision=ProgressUpdate.Decision.AWAITING).select_related(
        "recommendation", "force"
    )
    staff = staff_addresses()
    for claim in claims:
        claimed_on = timezone.localdate(claim.written_at)
        waited = (today - claimed_on).days
        if waited < CLAIM_REMINDER_DAYS:
            continue
        stage = Reminder.Stage.REMINDER if waited < 2 * CLAIM_REMINDER_DAYS else Reminder.Stage.CHASER
        path = reverse("recommendations:force-register", args=[claim.recommendation.pk, claim.force.slug])
        yield Event(
            key=f"claim:{claim.pk}:{stage}",
            kind=Reminder.Kind.CLAIM,
            stage=stage,
            force=claim.force,
            due_on=claimed_on + datetime.timedelta(days=CLAIM_REMINDER_DAYS),
            recommendation=claim.recommendation,
            subject=f"{claim.force.name}'s claim on recommendation {claim.recommendation.reference} "
            f"has waited {waited} days for verification",
            template="reminders/email/claim.txt",
            context={"claim": claim, "claimed_on": claimed_on, "waited": waited, "url": absolute_url(path)},
            recipients=staff,
        )
