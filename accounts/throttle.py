"""Progressive delay between failed sign-ins for one username from one address.

The first failures cost nothing; after them each failure doubles the wait before the next attempt for
that username from that address is even checked. It reads django-axes' records, which every web process
shares, and like the lockout it is keyed by username with address, so nobody elsewhere can slow or lock
a user out of their own address.
"""

import math

from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone

FREE_FAILURES = 2
LONGEST_WAIT_SECONDS = 60


def seconds_to_wait(username, address):
    """Seconds before this username may try again from this address (0: now)."""
    attempt = (
        AccessAttempt.objects.filter(username=username[:255], ip_address=address or None)
        .only("failures_since_start", "attempt_time")
        .first()
    )
    if attempt is None or attempt.failures_since_start <= FREE_FAILURES:
        return 0
    delay = min(
        settings.SIGN_IN_DELAY_SECONDS * 2 ** (attempt.failures_since_start - FREE_FAILURES - 1), LONGEST_WAIT_SECONDS
    )
    waited = (timezone.now() - attempt.attempt_time).total_seconds()
    return max(0, math.ceil(delay - waited))
