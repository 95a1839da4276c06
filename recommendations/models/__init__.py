from .force_side import Action, Evidence, ForceResponse, ProgressUpdate, TargetRevision
from .lineage import RecommendationLink
from .recommendation import Recommendation, add_months
from .register import CLOSURES, OUTCOMES, RegisterEntry, RegisterStatus, StatusChange

__all__ = [
    "CLOSURES",
    "OUTCOMES",
    "Action",
    "Evidence",
    "ForceResponse",
    "ProgressUpdate",
    "Recommendation",
    "RecommendationLink",
    "RegisterEntry",
    "RegisterStatus",
    "StatusChange",
    "TargetRevision",
    "add_months",
]
