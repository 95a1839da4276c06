"""What upper layers add to the letter pages without letters naming them: each registers here, from its
AppConfig.ready(). Publications adds its history (scheduled, withdrawn) to a letter's history."""

from collections.abc import Callable
from typing import Any

LETTER_HISTORY: list[Callable[[Any], Any]] = []  # each: letter -> a history queryset about it


def register_letter_history(source: Callable[[Any], Any]) -> None:
    LETTER_HISTORY.append(source)


def letter_histories(letter: Any) -> list[Any]:
    """The registered history querysets about the letter (every version of its assessment)."""
    return [source(letter) for source in LETTER_HISTORY]
