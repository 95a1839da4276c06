"""Builders for factual-accuracy check tests: a review with the check on, and an approved letter under check."""

from accounts.models import User
from letters.accuracy import accuracy_rule_set
from letters.models import Letter
from tests.conftest import make_user
from tests.letter_helpers import add_letter_template, draft


def second_inspector():
    return make_user("inspector2", first_name="Priya", last_name="Shah", role=User.Role.INSPECTOR, is_staff=True)


def checked_letter(review, force, inspector, working_days=10) -> Letter:
    """The force's letter, approved (by the lead signatory) with the review's factual-accuracy check on."""
    if not hasattr(review, "letter_template"):
        add_letter_template(review)
    accuracy_rule_set(review=review, enabled=True, working_days=working_days, by=inspector)
    return draft(review, force, inspector, approve=True)
