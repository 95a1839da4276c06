"""The national overview of a review, computed from the outcomes of its published letters."""

from collections import Counter
from dataclasses import dataclass


@dataclass
class Overview:
    review: object
    entries: list  # PublishedLetter rows, one per force (its latest version)
    title: str = ""
    introduction: str = ""

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
