"""The audit trail: django-simple-history on every record that matters, and nothing that bypasses it."""

from django.db import models
from simple_history.models import HistoricalRecords


class AuditBypassError(RuntimeError):
    pass


class AuditedQuerySet(models.QuerySet):
    """QuerySet.update() and bulk_update() write without saving each object, so history would miss them."""

    def update(self, **kwargs):
        raise AuditBypassError(
            f"{self.model.__name__} is audited: save each object (or use a service function) instead of update()."
        )


def audit_history(**options):
    """HistoricalRecords recording who made each change (HistoryRequestMiddleware supplies the user)."""
    return HistoricalRecords(**options)


def history_rows(instance, limit=50):
    """What changed, when and by whom, newest first: (record, [(field, old, new), ...])."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    rows = []
    for record, previous in zip(records, records[1:] + [None], strict=False):
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [(change.field, change.old, change.new) for change in delta.changes]
        rows.append((record, changes))
    return rows[:limit]
