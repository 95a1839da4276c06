"""A member of the public's email subscription to a force, a topic or a recommendation, and each email
it has been sent about something published (one row per subscription and event: never sent twice)."""

import secrets

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from forces.models import Force


def new_token() -> str:
    return secrets.token_urlsafe(32)


class SubscriptionQuerySet(models.QuerySet["Subscription"]):
    def active(self) -> "SubscriptionQuerySet":
        return self.filter(unsubscribed_at__isnull=True)

    def receiving(self) -> "SubscriptionQuerySet":
        """Confirmed and not unsubscribed: the only subscriptions sent anything but a confirmation."""
        return self.active().filter(confirmed_at__isnull=False)


class Subscription(models.Model):
    """Follows exactly one thing. Its token is the secret in the confirm and unsubscribe links."""

    email = models.EmailField(max_length=254)
    force = models.ForeignKey(Force, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    topic = models.ForeignKey("inspections.Topic", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    recommendation = models.ForeignKey(
        "recommendations.Recommendation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmation_sent_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(force__isnull=False, topic__isnull=True, recommendation__isnull=True)
                    | Q(force__isnull=True, topic__isnull=False, recommendation__isnull=True)
                    | Q(force__isnull=True, topic__isnull=True, recommendation__isnull=False)
                ),
                name="subscription_follows_exactly_one_thing",
            ),
            # One per thing: NULLs are distinct in a unique index, so each kind of thing has its own.
            *(
                models.UniqueConstraint(
                    fields=["email", field],
                    condition=Q(unsubscribed_at__isnull=True, **{f"{field}__isnull": False}),
                    name=f"one_active_subscription_per_{field}",
                )
                for field in ("force", "topic", "recommendation")
            ),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(confirmed_at__gte=models.F("created_at")),
                name="subscription_confirmed_after_it_was_made",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email}: {self.describe()}"

    def describe(self) -> str:
        """What it follows, as an email or a page names it."""
        if self.force is not None:
            return self.force.name
        if self.topic is not None:
            return f"the topic ‘{self.topic.name}’"
        assert self.recommendation is not None
        return f"recommendation {self.recommendation.reference}"

    def thing_url(self) -> str:
        """The public page of what it follows."""
        if self.force is not None:
            return reverse("forces:detail", args=[self.force.slug])
        if self.topic is not None:
            return reverse("publications:register") + f"?topic={self.topic.pk}"
        assert self.recommendation is not None
        return reverse("publications:recommendation", args=[self.recommendation.reference])

    def confirm_url(self) -> str:
        return reverse("subscriptions:confirm", args=[self.token])

    def unsubscribe_url(self) -> str:
        return reverse("subscriptions:unsubscribe", args=[self.token])

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def is_unsubscribed(self) -> bool:
        return self.unsubscribed_at is not None


class Notification(models.Model):
    """An email sent to a subscription about one published thing. Written in the same transaction as the
    email, so a second sweep, a restarted worker or a second worker finds it and sends nothing."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="notifications")
    # What was published: "letter:<published letter id>", "status:<status change id>", "s55:<response id>".
    event_key = models.CharField(max_length=100)
    delivery = models.ForeignKey("outbox.Delivery", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "event_key"], name="one_notification_per_event"),
        ]

    def __str__(self) -> str:
        return f"{self.event_key} to subscription {self.subscription_id}"
