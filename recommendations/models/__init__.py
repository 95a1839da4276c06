from .recommendation import Recommendation, add_months
from .register import CLOSURES, RegisterStatus, StatusChange

__all__ = ["CLOSURES", "Recommendation", "RegisterStatus", "StatusChange", "add_months"]
