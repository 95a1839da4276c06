"""The audit trail: django-simple-history on every record that matters, and nothing that bypasses it:
update(), bulk_update() and bulk_create() on an audited model are refused; bulk_create_audited writes the
history too."""

import contextvars
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models
from django.http import HttpRequest
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

# The user that work done outside a request (a background job) is done for.
_acting_user = contextvars.ContextVar("acting_user", default=None)
# Set while bulk_create_with_history writes the rows and then their history.
_history_follows = contextvars.ContextVar("history_follows", default=False)


class AuditBypassError(RuntimeError):
    pass


class AuditedQuerySet(models.QuerySet[Any]):
    """update(), bulk_update() (which calls update()) and bulk_create() write without saving each object,
    so history would miss them: they are refused. Rows created in bulk go through bulk_create_audited."""

    def update(self, **kwargs: Any) -> int:
        raise AuditBypassError(
            f"{self.model.__name__} is audited: save each object (or use a service function) instead of update()."
        )

    def update_unrecorded(self, **kwargs: Any) -> int:
        """update() of fields the trail does not record (summaries kept from other rows): history would
        not show them anyway, so nothing is bypassed. A recorded field is refused, as update() refuses it."""
        recorded = {field.name for field in self.model.history.model._meta.fields} & set(kwargs)
        if recorded:
            raise AuditBypassError(f"{self.model.__name__} records {', '.join(sorted(recorded))}: save each object.")
        return super().update(**kwargs)

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        if not _history_follows.get():
            raise AuditBypassError(
                f"{self.model.__name__} is audited: create in bulk with core.history.bulk_create_audited, "
                "which writes the history too."
            )
        return super().bulk_create(objs, *args, **kwargs)


class AuditedModel(models.Model):
    """Every audited record: its queryset refuses the writes that would bypass the trail. Each model adds
    its own `history = audit_history(...)`, with the options it needs (its table, its many-to-many fields)."""

    objects = AuditedQuerySet.as_manager()

    class Meta:
        abstract = True


def bulk_create_audited(model: type[models.Model], objs: list[Any], *, by: Any) -> list[Any]:
    """Create the rows in bulk and a history record for each, made by `by`."""
    token = _history_follows.set(True)
    try:
        return list(bulk_create_with_history(objs, model, default_user=by))
    finally:
        _history_follows.reset(token)


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Record the changes made inside as made by user: a background job works for the user who started it."""
    token = _acting_user.set(user)
    try:
        yield
    finally:
        _acting_user.reset(token)


def history_user(request: HttpRequest | None = None, **kwargs: Any) -> Any:
    """Who made a change: the user a job acts for, else the signed-in user of the request, else nobody."""
    user = _acting_user.get()
    if user is not None:
        return user
    return getattr(request, "user", None)


def audit_history(**options: Any) -> HistoricalRecords:
    """HistoricalRecords recording who made each change (HistoryRequestMiddleware supplies the request)."""
    return HistoricalRecords(get_user=history_user, **options)


# Fields whose changes the trail does not print (stored files' bytes): each app adds its own in ready().
IGNORED_FIELDS: set[str] = set()


def history_ignores(*fields: str) -> None:
    IGNORED_FIELDS.update(fields)


def changes_between(record: Any, previous: Any) -> list[tuple[str, Any, Any]]:
    if previous is None:
        return []
    delta = record.diff_against(previous)
    return [(change.field, change.old, change.new) for change in delta.changes if change.field not in IGNORED_FIELDS]


def history_of(*histories: Any, limit: int = 100) -> list[tuple[str, Any, list[tuple[str, Any, Any]]]]:
    """The audit trail of one or more objects: (what, record, changes) newest first, in one query each.

    Each history is a queryset of historical records, such as Assessment.history.filter(review=...).
    """
    entries = []
    for history in histories:
        records = list(history.select_related("history_user").order_by("id", "history_date", "history_id"))
        previous: dict[int, Any] = {}
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
