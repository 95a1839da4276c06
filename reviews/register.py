"""Reviews feed the register: an assessment proposes the status its outcome category names, and an
inspector confirms it on the register's page, with the review's assessment as the evidence."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from recommendations.models import RegisterEntry, RegisterStatus


@dataclass(frozen=True)
class Proposal:
    status_label: str
    url: str


def register_proposal(row) -> Proposal | None:
    """What the force's assessment proposes, unless the register already says it."""
    assessment = row.assessment
    status = assessment.outcome.register_status if assessment else ""
    if not status:
        return None
    recommendation = row.review.recommendation
    entry = RegisterEntry.objects.filter(recommendation=recommendation, force=row.force).first()
    if entry is None or entry.status == status:
        return None
    assessed = f"{row.review.title}, assessed on {assessment.assessed_at:%-d %B %Y}: {assessment.outcome.name}"
    fields = {"status": status, "reason": f"The review's assessment: {assessment.outcome.name}."}
    if status == RegisterStatus.COMPLETE_VERIFIED:
        fields["evidence"] = f"The assessment in {assessed}"
    url = reverse("recommendations:force-register", args=[recommendation.pk, row.force.slug])
    return Proposal(status_label=str(RegisterStatus(status).label), url=f"{url}?{urlencode(fields)}#record")
