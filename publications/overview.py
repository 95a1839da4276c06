"""The national overview of a review: every force asked, by the outcome of its published letter or,
without one, by where it truthfully stands (no submission, not yet assessed, letter not yet published)."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from letters.dated_names import inspectorate_name_on
from reviews.models import Assessment, Submission

NOT_PUBLISHED = "Letter not yet published"
NOT_ASSESSED = "Not yet assessed"
NO_SUBMISSION = "No submission"
WITHDRAWN = "Letter withdrawn"
STANDINGS = [WITHDRAWN, NOT_PUBLISHED, NOT_ASSESSED, NO_SUBMISSION]  # listed after the outcomes, in this order


@dataclass
class Line:
    """One force's line: the outcome of its published letter, or where it stands without one."""

    force_name: str
    outcome: str
    entry: object = None  # its PublishedLetter, if any


@dataclass
class Overview:
    review: object
    entries: list  # PublishedLetter rows, one per force (its latest version)
    title: str = ""
    introduction: str = ""
    published_on: datetime.date | None = None
    others: list = field(default_factory=list)  # Lines of the forces asked that have no published letter

    @property
    def inspectorate_name(self):
        """The name in force on the day it was published: 'Her Majesty's' before 8 September 2022."""
        return inspectorate_name_on(self.published_on) if self.published_on else ""

    @property
    def published_count(self):
        return len(self.entries)

    @property
    def total(self):
        return len(self.entries) + len(self.others)

    @property
    def counts(self):
        """(outcome, number of forces): the review's outcome categories in order, then the other standings."""
        outcomes = Counter(
            (entry.outcome_position, entry.outcome_name) for entry in self.entries if not entry.is_withdrawn
        )
        standings = Counter(line.outcome for line in self.others)
        standings[WITHDRAWN] = sum(entry.is_withdrawn for entry in self.entries)
        ordered = [(name, count) for (_, name), count in sorted(outcomes.items())]
        return ordered + [(name, standings[name]) for name in STANDINGS if standings[name]]

    @property
    def rows(self):
        lines = [
            Line(entry.letter.force_name, WITHDRAWN if entry.is_withdrawn else entry.outcome_name, entry)
            for entry in self.entries
        ]
        return sorted(lines + self.others, key=lambda line: line.force_name)


def standings_without_letters(review, entries):
    """Lines for the review's forces with no published letter among `entries`, in three queries."""
    published = {entry.letter.force_id for entry in entries}
    assessed = set(Assessment.objects.filter(review=review).values_list("force_id", flat=True))
    submitted = set(Submission.objects.filter(review=review).values_list("force_id", flat=True))
    lines = []
    for force in review.forces.exclude(pk__in=published).only("pk", "name").order_by("name"):
        standing = NOT_PUBLISHED if force.pk in assessed else NOT_ASSESSED if force.pk in submitted else NO_SUBMISSION
        lines.append(Line(force.name, standing))
    return lines
