"""Names as they stood on a date: 'Her Majesty's' until 7 September 2022, 'His Majesty's' from 8 September 2022.

The inspectorate's name and its inspectors' titles carry the sovereign's style, which changed on the
Queen's death. A letter is a record of its day: a letter of 2 October 2017 comes from Her Majesty's
Inspectorate and is signed by Her Majesty's Inspector, whatever the names are today. INSPECTORATE_NAME
(the environment) gives the name in today's form; the table below turns it into the form of any date.
"""

import datetime
import re

from django.conf import settings

# Each style with the day it came into force (the accession), oldest first.
STYLES_IN_FORCE = [
    (datetime.date(1952, 2, 6), "Her Majesty's"),
    (datetime.date(2022, 9, 8), "His Majesty's"),
]
STYLE = re.compile(r"\b(?:Her|His) Majesty(?P<apostrophe>['’])s\b")


def style_on(day: datetime.date) -> str:
    """'Her Majesty's' or 'His Majesty's': the style in force on the day."""
    in_force = STYLES_IN_FORCE[0][1]
    for since, style in STYLES_IN_FORCE:
        if day >= since:
            in_force = style
    return in_force


def as_on(text: str, day: datetime.date) -> str:
    """The text with each 'Her/His Majesty's' in the style of the day (the apostrophe kept as typed)."""
    style = style_on(day)
    return STYLE.sub(lambda match: style.replace("'", match.group("apostrophe")), text)


def inspectorate_name_on(day: datetime.date) -> str:
    return as_on(settings.INSPECTORATE_NAME, day)
