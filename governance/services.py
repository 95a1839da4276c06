"""Writing a governance body's section 55 response: once, by the body of the report's force, published
as it is submitted. A response after the deadline is accepted and shown as late."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from core.documents import CheckedDocument, store_documents
from inspections.models import InspectionReport
from recommendations.models import Recommendation

from .models import Section55Answer, Section55Document, Section55Response, response_due_on


def section55_submit(
    *,
    report: InspectionReport,
    by: User,
    chief_officer_comments: str,
    response: str,
    answers: Mapping[Recommendation, str],
    documents: Iterable[CheckedDocument],
) -> Section55Response:
    if not (by.is_governance_body and report.force_id is not None and by.force_id == report.force_id):
        raise PermissionDenied("Only the force's governance body answers a report on the force.")
    if not chief_officer_comments.strip() or not response.strip():
        raise ValidationError("Give the chief officer's comments and the body's response")
    try:
        with transaction.atomic():
            submitted = Section55Response.objects.create(
                report=report,
                force_id=report.force_id,
                chief_officer_comments=chief_officer_comments.strip(),
                response=response.strip(),
                due_on=response_due_on(report.published_on),
                submitted_by=by,
            )
            answers_add(submitted, report, answers)
            store(submitted, documents)
    except IntegrityError:
        raise ValidationError("The response to this report has already been submitted") from None
    return submitted


def answers_add(submitted: Section55Response, report: InspectionReport, answers: Mapping[Recommendation, str]) -> None:
    for recommendation, text in answers.items():
        if recommendation.report_id != report.pk:
            raise ValidationError(f"Recommendation {recommendation.reference} is not in this report")
        if text.strip():
            Section55Answer.objects.create(response=submitted, recommendation=recommendation, text=text.strip())


def store(submitted: Section55Response, documents: Iterable[CheckedDocument]) -> Any:
    try:
        return store_documents(documents, lambda checked: Section55Document(response=submitted))
    except OSError as error:
        reason = error.strerror or "storage error"
        raise ValidationError(
            f"The service could not store the documents just now ({reason}), so nothing was submitted. "
            "Choose the files again and submit later."
        ) from error
