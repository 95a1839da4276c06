"""Whom a letter names: the chief officer and the governance body's holder in office on its date.

'Chief Constable Andy Cooke QPM' above the force's name, and 'Copied to: Jane Kennedy, Police and Crime
Commissioner for Merseyside'. Where nobody is recorded for the date the letter uses the title alone, and
the draft says so; a review whose template addresses by title (as the letters of October 2017 did) uses
the titles whoever is recorded. The greeting always uses the title: 'Dear Chief Constable'.
"""

import datetime
from dataclasses import dataclass, field

from forces.models import Force, Holders, OfficeHolder, holders_on

from .compose import long_date


@dataclass(frozen=True)
class Addressees:
    addressee_line: str
    copied_to_line: str
    notices: list[str] = field(default_factory=list)


def addressee_line(force: Force, holder: OfficeHolder | None) -> str:
    if holder is None:
        return force.chief_officer_title
    return " ".join(part for part in (force.chief_officer_title, holder.name_with_post_nominals) if part)


def copied_to_line(force: Force, holder: OfficeHolder | None) -> str:
    if holder is None:
        return force.governance_title
    return f"{holder.name_with_post_nominals}, {holder.title}"


def fallback_notices(force: Force, holders: Holders) -> list[str]:
    """What the draft says when the letter falls back to titles for its date."""
    day = long_date(holders.day)
    notices = []
    if holders.chief_officer is None:
        notices.append(f"No chief officer is recorded for {day}: the letter uses the title only.")
    if holders.governance is None and force.governance_title:
        notices.append(
            f"No holder of the governance body is recorded for {day}: the 'Copied to' line uses the title only."
        )
    return notices


def addressees_on(force: Force, day: datetime.date, *, by_name: bool = True) -> Addressees:
    """The addressee and 'Copied to' lines of a letter to the force dated `day`."""
    if not by_name:
        return Addressees(addressee_line(force, None), copied_to_line(force, None))
    holders = holders_on(force, day)
    return Addressees(
        addressee_line(force, holders.chief_officer),
        copied_to_line(force, holders.governance),
        fallback_notices(force, holders),
    )


def names_office_holders(letter) -> bool:
    """Whether the letter's review addresses by name (its template's choice); by name when it has none."""
    template = getattr(letter.review, "letter_template", None)
    return template.names_office_holders if template is not None else True
