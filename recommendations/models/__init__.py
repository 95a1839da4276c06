from .recommendation import Recommendation, add_months
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
    "Recommendation",
    "Review",
    "Submission",
    "UploadReopening",
    "add_months",
]
