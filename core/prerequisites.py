"""What must come first: pages offer an action only when it can succeed, and otherwise link to what is missing."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Missing:
    """A prerequisite not yet met: what to do first (also the refusal's wording) and where to do it.

    Each app names its own in a `prerequisites` module; templates show one with includes/prerequisite.html."""

    message: str
    link_text: str = ""
    url: str = ""
