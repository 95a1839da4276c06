"""Sending recorded deliveries: one attempt at a time, retried with backoff, never two attempts at once."""

import datetime
import logging

from django.db.models import F
from django.utils import timezone

from .models import Delivery

logger = logging.getLogger(__name__)

# Waits after each failed attempt; when they run out the delivery is marked failed (about 4 hours 20 minutes
# after the first attempt) and a signatory may send it again.
RETRY_DELAYS = tuple(datetime.timedelta(minutes=minutes) for minutes in (1, 5, 15, 60, 180))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# An attempt whose worker died before recording the outcome is made again after this long. Longer than
# EMAIL_TIMEOUT, so that a slow but living attempt is never overtaken by a second one.
ATTEMPT_LEASE = datetime.timedelta(minutes=10)


def delivery_attempt(*, delivery_id: int, now: datetime.datetime | None = None) -> bool:
    """Make one attempt at a due delivery; True when it was sent.

    The attempt is claimed with one conditional UPDATE, so a task and a sweep (or two workers) reaching the
    same delivery make one attempt between them; one that is sent, failed or not yet due is left alone.
    """
    now = now or timezone.now()
    claimed = (
        Delivery.objects.due(now)
        .filter(pk=delivery_id)
        .update(attempts=F("attempts") + 1, last_attempt_at=now, next_attempt_at=now + ATTEMPT_LEASE)
    )
    if not claimed:
        return False
    delivery = Delivery.objects.get(pk=delivery_id)
    try:
        delivery.message().send()
    except Exception as error:  # whatever the mail system raises (refused, timed out, rejected): kept and retried
        record_failure(delivery, error, now)
        return False
    # Stamped when the mail server took it: the sweep's `now` can be a while before (a batch, a reconnect).
    Delivery.objects.filter(pk=delivery_id).update(
        state=Delivery.State.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error=""
    )
    return True


def record_failure(delivery: Delivery, error: Exception, now: datetime.datetime) -> None:
    description = f"{type(error).__name__}: {error}"[:2000]
    if delivery.attempts >= MAX_ATTEMPTS:
        changes: dict[str, object] = {"state": Delivery.State.FAILED, "next_attempt_at": None}
        logger.error("Email %s not sent after %s attempts: %s", delivery.pk, delivery.attempts, description)
    else:
        changes = {"next_attempt_at": now + RETRY_DELAYS[delivery.attempts - 1]}
        logger.warning("Email %s attempt %s failed: %s", delivery.pk, delivery.attempts, description)
    Delivery.objects.filter(pk=delivery.pk, state=Delivery.State.QUEUED).update(last_error=description, **changes)


def deliveries_send_due(*, now: datetime.datetime | None = None, limit: int = 50) -> int:
    """The worker's sweep: attempt every delivery that is due (a retry, or one whose task was lost)."""
    now = now or timezone.now()
    due = Delivery.objects.due(now).order_by("next_attempt_at").values_list("pk", flat=True)[:limit]
    return sum(delivery_attempt(delivery_id=pk, now=now) for pk in list(due))
