from .review import (
    Assessment,
    AssessmentElement,
    AssessmentJudgement,
    ElementJudgement,
    GroupedSentence,
    OutcomeCategory,
    Qualifier,
    Review,
)
from .submission import Document, Extension, Submission, UploadReopening

__all__ = [
    "Assessment",
    "AssessmentElement",
    "AssessmentJudgement",
    "Document",
    "ElementJudgement",
    "GroupedSentence",
    "Extension",
    "OutcomeCategory",
    "Qualifier",
    "Review",
    "Submission",
    "UploadReopening",
]
