"""The one way the service sends email: queue a recorded delivery; the worker sends it after commit."""

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import make_msgid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils import timezone

from accounts.models import User

from .access import may_resend
from .models import Delivery


@dataclass(frozen=True)
class Attachment:
    name: str
    content: bytes
    content_type: str


def email_queue(
    *,
    to: Iterable[str],
    subject: str,
    body: str,
    cc: Iterable[str] = (),
    attachment: Attachment | None = None,
    about: models.Model | None = None,
    unsubscribe_url: str = "",
) -> Delivery:
    """Record an email, to be sent by the task worker once the current transaction commits.

    Call it inside the transaction of the action that causes the email (issuing a letter, receiving a
    submission): if the action is rolled back, so is the email. The worker sends it after commit and retries
    with backoff while the mail server is down; its state (queued, sent, failed) is kept on the Delivery.
    `about` is the object the email concerns (a letter version, a submission), listed on its page.
    A missing or malformed address raises ValidationError, which rolls the caller's action back.
    """
    recipients, copied = clean_addresses(to), clean_addresses(cc)
    if not recipients:
        raise ValidationError("An email needs at least one address to send it to.")
    delivery = Delivery.objects.create(
        to=recipients,
        cc=copied,
        subject=" ".join(subject.split()),  # a header: never a line break
        body=body,
        attachment=attachment.content if attachment else None,
        attachment_name=attachment.name if attachment else "",
        attachment_type=attachment.content_type if attachment else "",
        message_id=make_msgid(domain=settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or None),
        about=about,
        unsubscribe_url=unsubscribe_url,
        next_attempt_at=timezone.now(),
    )
    # robust: if queueing the task fails after commit, the worker's sweep still sends the email.
    transaction.on_commit(functools.partial(enqueue_send, delivery.pk), robust=True)
    return delivery


def clean_addresses(addresses: Iterable[str]) -> list[str]:
    cleaned = [address.strip() for address in addresses if address and address.strip()]
    for address in cleaned:
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(f"‘{address}’ is not an email address.") from None
    return cleaned


def enqueue_send(delivery_id: int) -> None:
    from .tasks import send_delivery

    send_delivery.enqueue(delivery_id)


def delivery_resend(*, delivery: Delivery, by: User) -> Delivery:
    """Queue a failed email again, with a fresh set of attempts. A sent or queued one is left alone."""
    if not may_resend(by):
        raise PermissionDenied("Only a signatory can send an email again.")
    now = timezone.now()
    with transaction.atomic():
        queued = Delivery.objects.filter(pk=delivery.pk, state=Delivery.State.FAILED).update(
            state=Delivery.State.QUEUED, attempts=0, next_attempt_at=now, resent_by=by, resent_at=now
        )
        if not queued:
            raise ValidationError("This email has been sent or is already waiting to be sent.")
        transaction.on_commit(functools.partial(enqueue_send, delivery.pk), robust=True)
    delivery.refresh_from_db()
    return delivery
