"""The 56-day clock: for each report on a force, when the governance body's response is due, and
whether it came, on time or late. A fixed number of queries whatever the number of reports."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from inspections.models import InspectionReport

from .models import Section55Response, response_due_on


@dataclass
class Due:
    report: InspectionReport
    response: Section55Response | None
    today: datetime.date

    @property
    def force(self):
        return self.report.force

    @property
    def due_on(self) -> datetime.date:
        return response_due_on(self.report.published_on)

    @property
    def days_left(self) -> int:
        return (self.due_on - self.today).days

    @property
    def is_late(self) -> bool:
        if self.response:
            return self.response.days_late > 0
        return self.days_left < 0

    @property
    def state(self) -> str:
        if self.response:
            late = self.response.days_late
            return f"Received {late} day{'s' if late != 1 else ''} late" if late else "Received on time"
        if self.days_left < 0:
            return f"Late by {-self.days_left} day{'s' if self.days_left != -1 else ''}"
        return f"Due in {self.days_left} day{'s' if self.days_left != 1 else ''}"


def reports_on_forces() -> QuerySet[InspectionReport]:
    """The reports a governance body answers: those on one force."""
    return InspectionReport.objects.filter(scope=InspectionReport.Scope.FORCE).select_related("force")


def dues(
    reports: QuerySet[InspectionReport], today: datetime.date | None = None, limit: int | None = None
) -> list[Due]:
    """Each report's clock, newest report first (the first `limit` of them, when given): two queries."""
    today = today or timezone.localdate()
    ordered = list(reports.order_by("-published_on", "pk")[:limit])
    responses = {
        (response.report_id, response.force_id): response
        for response in Section55Response.objects.filter(report__in=ordered)
    }
    return [Due(report, responses.get((report.pk, report.force_id or 0)), today) for report in ordered]
