"""What the apps above add to the review machinery without recommendations naming them.

Letters and publications register from their AppConfig.ready(): the stages they load onto the
progress rows (a force's letter; what the public sees), their parts of the review, force and liaison
pages, their part of a review's history, and the rule for who may approve a letter.
"""

from collections.abc import Callable
from typing import Any

RowLoader = Callable[[dict[str, Any], dict[tuple[int, int], Any]], None]
PagePart = Callable[..., dict[str, Any]]

ROW_LOADERS: list[RowLoader] = []  # loader(scope, rows by (review id, force id)): fills its fields
REVIEW_PAGE: list[PagePart] = []  # part(review, rows) -> context for the review page
FORCE_PAGE: list[PagePart] = []  # part(row) -> context for a force's page in a review
LIAISON_PAGE: list[PagePart] = []  # part(row) -> context for the liaison officer's page of a review
REVIEW_HISTORY: list[Callable[[Any], Any]] = []  # source(review) -> history queryset
APPROVAL_RULES: list[Callable[[Any, Any], str | None]] = []  # rule(letter, user) -> why not, or None


def page_context(parts: list[PagePart], *args: Any) -> dict[str, Any]:
    """The context every registered part adds to a page."""
    context: dict[str, Any] = {}
    for part in parts:
        context.update(part(*args))
    return context


def approval_refusal(letter: Any, user: Any) -> str | None:
    """Why the user may not approve the letter, by the registered rules, or None."""
    return next((refusal for rule in APPROVAL_RULES if (refusal := rule(letter, user))), None)
