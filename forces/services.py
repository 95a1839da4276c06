"""Writes to the forces' reference data: office holders' terms (added, corrected, ended), checked and audited."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Force, OfficeHolder


@transaction.atomic
def office_holder_save(*, holder: OfficeHolder) -> OfficeHolder:
    """Add or correct a term, refusing one that overlaps another term of the same office at the force.

    The force's row is locked first, so two inspectors saving overlapping terms at once are checked one
    after the other (the database itself only keeps one open term per office)."""
    Force.objects.select_for_update().filter(pk=holder.force_id).first()
    holder.full_clean()
    holder.save()
    return holder


def office_holder_end(*, holder: OfficeHolder, ended_on: datetime.date) -> OfficeHolder:
    """End a term on its last day in office."""
    if holder.ended_on is not None:
        raise ValidationError(f"This term already ended on {holder.ended_on:%-d %B %Y}.")
    holder.ended_on = ended_on
    return office_holder_save(holder=holder)
