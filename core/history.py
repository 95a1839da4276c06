"""The audit trail: django-simple-history on every record that matters, and nothing that bypasses it."""

import contextvars
from contextlib import contextmanager

from django.db import models
from simple_history.models import HistoricalRecords

# The user that work done outside a request (a background job) is done for.
_acting_user = contextvars.ContextVar("acting_user", default=None)


class AuditBypassError(RuntimeError):
    pass


class AuditedQuerySet(models.QuerySet):
    """QuerySet.update() and bulk_update() write without saving each object, so history would miss them."""

    def update(self, **kwargs):
        raise AuditBypassError(
            f"{self.model.__name__} is audited: save each object (or use a service function) instead of update()."
        )


@contextmanager
def acting_as(user):
    """Record the changes made inside as made by user: a background job works for the user who started it."""
    token = _acting_user.set(user)
    try:
        yield
    finally:
        _acting_user.reset(token)


def history_user(request=None, **kwargs):
    """Who made a change: the user a job acts for, else the signed-in user of the request, else nobody."""
    user = _acting_user.get()
    if user is not None:
        return user
    return getattr(request, "user", None)


def audit_history(**options):
    """HistoricalRecords recording who made each change (HistoryRequestMiddleware supplies the request)."""
    return HistoricalRecords(get_user=history_user, **options)


IGNORED_FIELDS = {"pdf", "signature_png", "overview_pdf"}


def changes_between(record, previous):
    if previous is None:
        return []
    delta = record.diff_against(previous)
    return [(change.field, change.old, change.new) for change in delta.changes if change.field not in IGNORED_FIELDS]


def history_of(*histories, limit=100):
    """The audit trail of one or more objects: (what, record, changes) newest first, in one query each.

    Each history is a queryset of historical records, such as Assessment.history.filter(review=...).
    """
    entries = []
    for history in histories:
        records = list(history.select_related("history_user").order_by("id", "history_date", "history_id"))
        previous: dict[int, object] = {}
        for record in records:
            entries.append(
                (
                    record._meta.verbose_name.removeprefix("historical "),
                    record,
                    changes_between(record, previous.get(record.id)),
                )
            )
            previous[record.id] = record
    entries.sort(key=lambda entry: entry[1].history_date, reverse=True)
    return entries[:limit]
