"""Reading the register: each force a recommendation applies to, with its current status, in three
queries whatever the number of forces or changes."""

from dataclasses import dataclass, field

from forces.models import Force

from .models import Recommendation, RegisterStatus, StatusChange


@dataclass
class RegisterRow:
    force: Force
    changes: list[StatusChange] = field(default_factory=list)  # oldest first

    @property
    def current(self) -> StatusChange | None:
        return self.changes[-1] if self.changes else None

    @property
    def status_label(self) -> str:
        return self.current.get_status_display() if self.current else RegisterStatus.AWAITING_RESPONSE.label


def register_rows(recommendation: Recommendation) -> list[RegisterRow]:
    rows = {force.pk: RegisterRow(force) for force in recommendation.applicable_forces().order_by("name")}
    changes = StatusChange.objects.filter(recommendation=recommendation).select_related("recorded_by", "authorised_by")
    for change in changes:
        if change.force_id in rows:
            rows[change.force_id].changes.append(change)
    return list(rows.values())
