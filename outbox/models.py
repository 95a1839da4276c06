"""Recorded email deliveries: each email the service sends, queued with the action that caused it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import models
from django.db.models import Q


class DeliveryQuerySet(models.QuerySet):
    def about(self, thing):
        """The deliveries about one object (a letter version, a submission, a review)."""
        return self.filter(about_type=ContentType.objects.get_for_model(thing), about_id=thing.pk)

    def due(self, now):
        return self.filter(state=Delivery.State.QUEUED, next_attempt_at__lte=now)


class Delivery(models.Model):
    """One email: what it says, who it goes to, what it is about, and whether it has gone."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Not sent"

    to = models.JSONField(help_text="The addresses the email is sent to.")
    cc = models.JSONField(default=list, blank=True, help_text="The addresses it is copied to.")
    subject = models.CharField(max_length=1000)
    body = models.TextField()
    # The attachment is kept with the email, so that what is sent (and sent again) is exactly what was queued.
    attachment = models.BinaryField(null=True, blank=True)
    attachment_name = models.CharField(max_length=200, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    message_id = models.CharField(max_length=255, unique=True, help_text="The same on every attempt.")
    unsubscribe_url = models.URLField(
        max_length=500, blank=True, help_text="For a one-click unsubscribe (RFC 8058): sent as List-Unsubscribe."
    )

    about_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")

    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resent_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "deliveries"
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["about_type", "about_id"], name="delivery_about"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=["queued", "sent", "failed"]), name="delivery_state_valid"),
            models.CheckConstraint(
                condition=~Q(state="queued") | Q(next_attempt_at__isnull=False), name="queued_delivery_has_a_time"
            ),
            models.CheckConstraint(
                condition=~Q(state="sent") | Q(sent_at__isnull=False), name="sent_delivery_has_a_time"
            ),
            models.CheckConstraint(
                condition=Q(attachment__isnull=True, attachment_name="")
                | Q(attachment__isnull=False) & ~Q(attachment_name=""),
                name="delivery_attachment_is_named",
            ),
            models.CheckConstraint(
                condition=Q(about_type__isnull=True, about_id__isnull=True)
                | Q(about_type__isnull=False, about_id__isnull=False),
                name="delivery_about_is_whole",
            ),
        ]

    def __str__(self):
        return f"{self.subject} ({self.get_state_display().lower()})"

    @property
    def is_retrying(self):
        return self.state == self.State.QUEUED and self.attempts > 0

    def message(self) -> EmailMessage:
        message = EmailMessage(
            subject=self.subject, body=self.body, to=self.to, cc=self.cc, headers={"Message-ID": self.message_id}
        )
        if self.unsubscribe_url:
            message.extra_headers["List-Unsubscribe"] = f"<{self.unsubscribe_url}>"
            message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        if self.attachment is not None:
            message.attach(self.attachment_name, bytes(self.attachment), self.attachment_type)
        return message
