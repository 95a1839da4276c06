from .review import (
    Assessment,
    AssessmentElement,
    AssessmentJudgement,
    ElementJudgement,
    OutcomeCategory,
    Review,
)
from .submission import Document, Extension, Submission, UploadReopening

__all__ = [
    "Assessment",
    "AssessmentElement",
    "AssessmentJudgement",
    "Document",
    "ElementJudgement",
    "Extension",
    "OutcomeCategory",
    "Review",
    "Submission",
    "UploadReopening",
]
