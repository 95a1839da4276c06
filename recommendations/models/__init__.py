from .recommendation import Recommendation, add_months

__all__ = ["Recommendation", "add_months"]
