"""The fixed list of placeholders letter templates may use, and their checking and filling."""

import re
from string import Template

from django.core.exceptions import ValidationError

PLACEHOLDERS = {
    "inspectorate": "The inspectorate's short name, such as HMICFRS",
    "force_name": "The force's name, such as Merseyside Police",
    "chief_officer_title": "Chief Constable, or Commissioner",
    "governance_title": "The governance body, such as Police and Crime Commissioner",
    "chief_officer_name": "The chief officer in office when the letter is drafted, with post-nominals, such as "
    "Andy Cooke QPM; the title when nobody is recorded",
    "governance_holder_name": "The governance body's holder in office when the letter is drafted, such as "
    "Jane Kennedy; the governance title when nobody is recorded",
    "governance_holder_title": "That holder's office and area, such as Police and Crime Commissioner for Merseyside; "
    "the governance title when nobody is recorded",
    "request_date": "The date forces were asked for their plans, such as 16 May 2017",
    "deadline": "The force's submission deadline, such as 31 May 2017",
    "assessment_period": "When the assessment took place, such as June 2017",
    "report_title": "The inspection report's title",
    "report_month": "The month the report was published, such as December 2016",
    "report_year": "The year the report was published, such as 2016",
    "topic_name": "The topic's current name",
    "topic_title": "The topic's current name with a capital letter, for headings",
    "topic_former_name": "The topic's name before it was last renamed",
    "recommendation_text": "The recommendation, word for word",
    "contact_name": "The review's contact person",
    "contact_email": "The contact's email address",
    "contact_phone": "The contact's phone number",
    "qualifier": "The word the assessment chose for the force's plans, such as comprehensive; when none was "
    "chosen it is left out with the space before it",
    "outcome_paragraph": "The paragraph for the force's outcome category (letter body only)",
    "element_sentences": "The sentences the force's judgements select (letter body only)",
}
ASSESSMENT_PLACEHOLDERS = {"outcome_paragraph", "element_sentences"}
GROUPED_PLACEHOLDER = "elements"
GROUPED_PLACEHOLDER_TEXT = "The phrases of the elements sharing the judgement, such as 'A, B and C'"


def placeholders_in(text):
    """Every name written as $name or ${name}; $$ is a literal dollar sign."""
    return [
        match.group("named") or match.group("braced")
        for match in Template.pattern.finditer(text)
        if match.group("named") or match.group("braced")
    ]


def check_placeholders(text, allowed=frozenset(PLACEHOLDERS)):
    """Refuse a template that names a placeholder outside the list, naming each one."""
    unknown = sorted({name for name in placeholders_in(text) if name not in allowed})
    if unknown:
        names = ", ".join(f"${name}" for name in unknown)
        raise ValidationError(
            f"Unknown placeholder{'s' if len(unknown) > 1 else ''} {names}. "
            f"Use only: {', '.join('$' + name for name in sorted(allowed))}."
        )
    stray = [match.group(0) for match in Template.pattern.finditer(text) if match.group("invalid") is not None]
    if stray:
        raise ValidationError("A $ sign must start a placeholder such as $force_name; write $$ for a dollar sign.")
    return text


# A chasing letter has no assessment: neither its sentences nor the qualifier it chose.
CHASE_PLACEHOLDERS = frozenset(PLACEHOLDERS) - ASSESSMENT_PLACEHOLDERS - {"qualifier"}


def check_chase_placeholders(text):
    return check_placeholders(text, allowed=CHASE_PLACEHOLDERS)


def check_sentence(text):
    """Element sentences and outcome paragraphs may not nest the assessment placeholders."""
    return check_placeholders(text, allowed=frozenset(PLACEHOLDERS) - ASSESSMENT_PLACEHOLDERS)


def check_grouped_sentence(text):
    """A grouped sentence names its elements through $elements, and may use what a sentence may."""
    allowed = frozenset(PLACEHOLDERS) - ASSESSMENT_PLACEHOLDERS | {GROUPED_PLACEHOLDER}
    check_placeholders(text, allowed=allowed)
    if text.strip() and GROUPED_PLACEHOLDER not in placeholders_in(text):
        raise ValidationError(f"Put ${GROUPED_PLACEHOLDER} where the sentence names the elements.")
    return text


def fill(text, values):
    """Fill placeholders in one pass: a value that contains a $ sign is never filled again."""
    return Template(text).substitute(values)


def collapse_spaces(text):
    """Tidy the gaps an empty sentence leaves, without joining paragraphs."""
    return re.sub(r"[ \t]{2,}", " ", re.sub(r"[ \t]+\n", "\n", text)).strip()
