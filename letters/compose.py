"""Composing a letter: the review's standard text, the sentences the judgements select, the outcome."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst

from forces.models import holders_on

from .placeholders import collapse_spaces, fill

# Stands for a qualifier the inspector did not choose until the text is filled, then goes with the
# spaces before it ('has $qualifier plans' reads 'has plans'). Form fields refuse NUL characters, so
# no value typed into the service can contain it.
NO_QUALIFIER = "\x00"
NO_QUALIFIER_GAP = re.compile(rf"^{NO_QUALIFIER}[ \t]*|[ \t]*{NO_QUALIFIER}", re.MULTILINE)


def long_date(day):
    return f"{day:%-d %B %Y}" if day else ""


def plain_list(phrases):
    """'A', 'A and B', 'A, B and C': no comma before 'and', as in the inspectorate's letters."""
    phrases = list(phrases)
    if len(phrases) < 2:
        return "".join(phrases)
    return f"{', '.join(phrases[:-1])} and {phrases[-1]}"


def holder_values(force, day):
    """The names of the office holders on the day (the day a letter is drafted), or the titles."""
    holders = holders_on(force, day)
    chief_officer, governance = holders.chief_officer, holders.governance
    return {
        "chief_officer_name": chief_officer.name_with_post_nominals if chief_officer else force.chief_officer_title,
        "governance_holder_name": governance.name_with_post_nominals if governance else force.governance_title,
        "governance_holder_title": governance.title if governance else force.governance_title,
    }


def placeholder_values(review, force, deadline, qualifier=None):
    recommendation = review.recommendation
    topic, report = recommendation.topic, recommendation.report
    return {
        "inspectorate": settings.INSPECTORATE_SHORT_NAME,
        "force_name": force.name,
        "chief_officer_title": force.chief_officer_title,
        "governance_title": force.governance_title,
        **holder_values(force, timezone.localdate()),
        "request_date": long_date(review.request_date),
        "deadline": long_date(deadline),
        "assessment_period": review.assessment_period,
        "report_title": report.title,
        "report_month": f"{report.published_on:%B %Y}",
        "report_year": f"{report.published_on:%Y}",
        "topic_name": topic.name,
        "topic_title": capfirst(topic.name),
        "topic_former_name": topic.former_name or topic.name,
        "recommendation_text": recommendation.text,
        "contact_name": review.contact_name,
        "contact_email": review.contact_email,
        "contact_phone": review.contact_phone,
        "qualifier": qualifier.phrase if qualifier else NO_QUALIFIER,
    }


def fill_text(text, values):
    """Fill the placeholders; where no qualifier was chosen, it leaves no gap."""
    return NO_QUALIFIER_GAP.sub("", fill(text, values))


@dataclass(frozen=True)
class Passage:
    """A sentence (or the outcome's paragraph) of a composed letter, and the judgement or outcome that chose it."""

    text: str
    label: str
    elements: tuple[str, ...] = ()  # the elements judged so; none for the outcome's paragraph

    @property
    def is_grouped(self):
        return len(self.elements) > 1


def grouped_elements(judgements, grouped_sentences):
    """For each judgement label with a grouped sentence, the judged items that share it, when two or more do.
    An element without a phrase cannot be named in a list: it says its own sentence."""
    sharing: dict[str, list] = {}
    for item in judgements:
        if item.element.phrase.strip() and item.judgement.label in grouped_sentences:
            sharing.setdefault(item.judgement.label, []).append(item)
    return {label: items for label, items in sharing.items() if len(items) > 1}


def element_passages(assessment, values):
    """One sentence per judgement, except that elements sharing a judgement with a grouped sentence say it
    once, naming them in element order, where the first of them would have spoken."""
    judgements = list(
        assessment.judgements.select_related("element", "judgement").order_by("element__position", "element__pk")
    )
    grouped_sentences = {
        grouped.label: grouped.letter_sentence.strip()
        for grouped in assessment.review.grouped_sentences.all()
        if grouped.letter_sentence.strip()
    }
    groups = grouped_elements(judgements, grouped_sentences)
    passages = []
    for item in judgements:
        label = item.judgement.label
        members = groups.get(label, [])
        if item not in members:
            text = fill_text(item.judgement.letter_sentence.strip(), values)
            passages.append(Passage(text, label, (item.element.name,)))
        elif item is members[0]:
            phrases = plain_list(member.element.phrase.strip() for member in members)
            text = fill_text(grouped_sentences[label], {**values, "elements": phrases})
            passages.append(Passage(text, label, tuple(member.element.name for member in members)))
    return [passage for passage in passages if passage.text]


def assessment_passages(assessment, values):
    """The outcome's paragraph, then the judgements' sentences, as the letter says them."""
    outcome = Passage(fill_text(assessment.outcome.letter_paragraph.strip(), values), assessment.outcome.name)
    return ([outcome] if outcome.text else []) + element_passages(assessment, values)


def assessment_values(assessment, values):
    """The outcome paragraph and the judgements' sentences, each filled with the force's values."""
    return {
        "outcome_paragraph": fill_text(assessment.outcome.letter_paragraph.strip(), values),
        "element_sentences": " ".join(passage.text for passage in element_passages(assessment, values)),
    }


def force_values(review, force, assessment, deadline):
    return placeholder_values(review, force, deadline, assessment.qualifier)


def compose(template, review, force, assessment, deadline):
    """The heading and body of a draft for a force's assessment in a review, placeholders filled."""
    values = force_values(review, force, assessment, deadline)
    body = fill_text(template.body, {**values, **assessment_values(assessment, values)})
    return fill_text(template.heading, values), collapse_spaces(body)


@dataclass(frozen=True)
class Source:
    """A passage as the editor lists it: where it came from, and whether the letter's text still says it."""

    passage: Passage
    in_text: bool


def letter_sources(letter, body, deadline):
    """What the letter's assessment composes, passage by passage, in the order the text says them (any
    the text no longer says, after an edit, last)."""
    values = force_values(letter.review, letter.force, letter.assessment, deadline)
    text = " ".join(body.split())
    found = [
        (text.find(" ".join(passage.text.split())), passage)
        for passage in assessment_passages(letter.assessment, values)
    ]
    ordered = sorted(found, key=lambda pair: (pair[0] < 0, pair[0]))
    return [Source(passage, where >= 0) for where, passage in ordered]
