"""Subscribing, confirming and unsubscribing. Nothing but a confirmation is sent to an address until it
confirms, and what a request answers never says whether the address had already subscribed."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from forces.models import Force
from inspections.models import Topic
from outbox.services import email_queue
from recommendations.models import Recommendation

from .models import Subscription

# An address may have this many subscriptions waiting for confirmation, made in the last day; past that,
# requests are answered as usual and nothing is sent (someone is filling a stranger's inbox).
PENDING_LIMIT = 5
PENDING_WINDOW = datetime.timedelta(days=1)
# A repeated request re-sends the confirmation, but not more often than this.
RESEND_AFTER = datetime.timedelta(minutes=10)


def normalised_email(email: str) -> str:
    return email.strip().lower()


def subscription_request(
    *,
    email: str,
    force: Force | None = None,
    topic: Topic | None = None,
    recommendation: Recommendation | None = None,
) -> Subscription | None:
    """Ask to follow one thing: a new subscription and its confirmation email, or, for an address that
    already asked, the confirmation again. Returns None when nothing was recorded (too many waiting)."""
    if sum(thing is not None for thing in (force, topic, recommendation)) != 1:
        raise ValueError("A subscription follows exactly one force, topic or recommendation.")
    email = normalised_email(email)
    thing = {"force": force, "topic": topic, "recommendation": recommendation}
    now = timezone.now()
    existing = Subscription.objects.active().filter(email=email, **thing).first()
    if existing is not None:
        confirmation_resend(existing, now)
        return existing
    pending = Subscription.objects.active().filter(
        email=email, confirmed_at__isnull=True, created_at__gte=now - PENDING_WINDOW
    )
    if pending.count() >= PENDING_LIMIT:
        return None
    try:
        with transaction.atomic():
            subscription = Subscription.objects.create(email=email, created_at=now, confirmation_sent_at=now, **thing)
            confirmation_send(subscription)
    except IntegrityError:  # the same request, twice at once: the other one sent the confirmation
        return Subscription.objects.active().filter(email=email, **thing).first()
    return subscription


def confirmation_resend(subscription: Subscription, now: datetime.datetime) -> None:
    """A confirmed subscription is sent nothing; a waiting one its confirmation, at most every few minutes."""
    with transaction.atomic():
        resent = (
            Subscription.objects.filter(
                pk=subscription.pk, confirmed_at__isnull=True, confirmation_sent_at__lte=now - RESEND_AFTER
            )
            .active()
            .update(confirmation_sent_at=now)
        )
        if resent:
            confirmation_send(subscription)


def confirmation_send(subscription: Subscription) -> None:
    body = render_to_string(
        "subscriptions/email/confirm.txt",
        {"subscription": subscription, "confirm_url": absolute_url(subscription.confirm_url()), "settings": settings},
    )
    email_queue(
        to=[subscription.email],
        subject=f"Confirm that you want emails about {subscription.describe()}",
        body=body,
        about=subscription,
    )


def subscription_confirm(*, subscription: Subscription) -> Subscription:
    """Start sending: only what is published from now on. Already confirmed, or unsubscribed: nothing."""
    if subscription.is_confirmed or subscription.is_unsubscribed:
        return subscription
    subscription.confirmed_at = timezone.now()
    subscription.save(update_fields=["confirmed_at"])
    return subscription


def subscription_end(*, subscription: Subscription) -> Subscription:
    """Unsubscribe: nothing more is sent. A second click changes nothing."""
    if subscription.is_unsubscribed:
        return subscription
    subscription.unsubscribed_at = timezone.now()
    subscription.save(update_fields=["unsubscribed_at"])
    return subscription


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path
