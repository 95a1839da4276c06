"""How a register entry reads on a page."""

from typing import Any

from django import template

from .. import register as reading
from ..models import ForceResponse

register = template.Library()


@register.filter
def delay_label(entry: Any) -> str:
    return reading.delay_label(entry)


@register.filter
def claim_summary(entry: Any) -> str:
    return reading.claim_summary(entry)


@register.filter
def response_label(entry: Any) -> str:
    return str(ForceResponse.Position(entry.response).label) if entry.response else "No response yet"
