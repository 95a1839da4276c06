"""Who may do what with a recorded email: one predicate, one access helper."""

from typing import Any

from django.shortcuts import get_object_or_404

from accounts.access import may_issue_letters
from core.files import without_files

from .models import Delivery


def may_resend(user: Any) -> bool:
    """Signatories may send a failed email again (the letters they issue are what these emails carry)."""
    return may_issue_letters(user)


def get_delivery_for_staff(pk: int) -> Delivery:
    return get_object_or_404(without_files(Delivery.objects.all()), pk=pk)
