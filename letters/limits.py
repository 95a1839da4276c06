"""How long a letter may be: generous for a real letter (the reference letter is about 2,500 characters
in 9 paragraphs), small enough that no letter can take the renderer minutes or gigabytes."""

import re

from django.core.exceptions import ValidationError

LETTER_CHARACTERS = 20_000
LETTER_PARAGRAPHS = 100
PARAGRAPH_CHARACTERS = 5_000  # laying out one long unbroken paragraph is what takes the renderer longest
LETTER_ITALICS = 100
TEMPLATE_CHARACTERS = 10_000
PASSAGE_CHARACTERS = 2_000  # a judgement's sentence or an outcome's paragraph


def check_length(text, limit, what):
    if len(text) > limit:
        raise ValidationError(f"{what} must be {limit:,} characters or fewer (it has {len(text):,})")
    return text


def paragraphs(text):
    return [paragraph for paragraph in re.split(r"\n\s*\n", text) if paragraph.strip()]


def check_letter_text(text):
    """Refuse a letter's text beyond the limits, naming each one it passes."""
    problems = []
    if len(text) > LETTER_CHARACTERS:
        problems.append(f"The letter text must be {LETTER_CHARACTERS:,} characters or fewer (it has {len(text):,})")
    if (count := len(paragraphs(text))) > LETTER_PARAGRAPHS:
        problems.append(f"The letter must have {LETTER_PARAGRAPHS} paragraphs or fewer (it has {count:,})")
    if (longest := max(map(len, paragraphs(text)), default=0)) > PARAGRAPH_CHARACTERS:
        problems.append(
            f"Each paragraph must be {PARAGRAPH_CHARACTERS:,} characters or fewer (the longest has {longest:,}): "
            "split it with a blank line"
        )
    if (italics := text.count("*") // 2) > LETTER_ITALICS:
        problems.append(f"The letter may put {LETTER_ITALICS} passages in italics or fewer (it has {italics:,})")
    if problems:
        raise ValidationError(problems)
    return text
