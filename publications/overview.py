"""The national overview of a review, computed from the outcomes of its published letters."""

import datetime
from collections import Counter
from dataclasses import dataclass

from letters.dated_names import inspectorate_name_on


@dataclass
class Overview:
    review: object
    entries: list  # PublishedLetter rows, one per force (its latest version)
    title: str = ""
    introduction: str = ""
    published_on: datetime.date | None = None

    @property
    def inspectorate_name(self):
        """The name in force on the day it was published: 'Her Majesty's' before 8 September 2022."""
        return inspectorate_name_on(self.published_on) if self.published_on else ""

    @property
    def counts(self):
        """(outcome, number of forces), in the order the review lists its outcome categories."""
        counter = Counter((entry.outcome_position, entry.outcome_name) for entry in self.entries)
        return [(name, count) for (_, name), count in sorted(counter.items())]

    @property
    def rows(self):
        return sorted(self.entries, key=lambda entry: entry.letter.force.name)


def latest_per_force(entries):
    latest = {}
    for entry in entries:
        current = latest.get(entry.letter.force_id)
        if current is None or entry.letter.version > current.letter.version:
            latest[entry.letter.force_id] = entry
    return list(latest.values())
