"""The staff dashboard: the work waiting for this user first, then the reviews, with past ones folded away."""

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from accounts.access import may_issue_letters
from accounts.models import User

from .extensions import approval_refusal
from .models import Review
from .status import ForceRow, ForceStatus, rows_for_reviews


@dataclass
class ReviewSummary:
    review: Review
    rows: list[ForceRow]

    @cached_property
    def counts(self):
        """The statuses some force is at, in workflow order, with how many forces are there."""
        counts = Counter(row.status for row in self.rows)
        return [(status, counts[status]) for status in ForceStatus if counts[status]]

    @cached_property
    def overdue_count(self):
        return sum(row.is_overdue for row in self.rows)

    @cached_property
    def is_past(self):
        """Every deadline (extensions included) has passed and the results are out: released, or all issued."""
        if any(row.may_upload for row in self.rows):
            return False
        released = any(row.published or row.withdrawn for row in self.rows)
        return released or all(row.letter is not None and row.letter.is_issued for row in self.rows)


@dataclass
class Dashboard:
    summaries: list[ReviewSummary]
    user: User

    @classmethod
    def for_user(cls, user):
        reviews = list(Review.objects.select_related("recommendation").order_by("submission_deadline", "title"))
        rows = rows_for_reviews(reviews)
        return cls([ReviewSummary(review, rows[review.pk]) for review in reviews], user=user)

    def rows_where(self, predicate):
        return [row for summary in self.summaries for row in summary.rows if predicate(row)]

    @cached_property
    def to_assess(self):
        """Oldest first: the force that has waited longest for its assessment comes first."""
        return sorted(self.rows_where(lambda row: row.awaits_assessment), key=lambda row: row.first_received_on)

    @cached_property
    def to_approve(self):
        """Drafts this user may approve: not those they were the last to edit."""
        return self.rows_where(lambda row: row.letter_awaits_approval and not approval_refusal(row.letter, self.user))

    @cached_property
    def awaiting_someone_else(self):
        """Drafts this user last edited: another inspector or a signatory must approve them."""
        return self.rows_where(lambda row: row.letter_awaits_approval and approval_refusal(row.letter, self.user))

    @cached_property
    def to_issue(self):
        return self.rows_where(lambda row: row.letter_ready_to_issue) if may_issue_letters(self.user) else []

    @cached_property
    def open_reviews(self):
        return [summary for summary in self.summaries if not summary.is_past]

    @cached_property
    def past_reviews(self):
        """Most recent first."""
        return [summary for summary in reversed(self.summaries) if summary.is_past]
