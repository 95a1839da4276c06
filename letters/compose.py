"""Composing a letter: the review's standard text, the sentences the judgements select, the outcome."""

from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst

from forces.models import holders_on

from .placeholders import collapse_spaces, fill


def long_date(day):
    return f"{day:%-d %B %Y}" if day else ""


def holder_values(force, day):
    """The names of the office holders on the day (the day a letter is drafted), or the titles."""
    holders = holders_on(force, day)
    chief_officer, governance = holders.chief_officer, holders.governance
    return {
        "chief_officer_name": chief_officer.name_with_post_nominals if chief_officer else force.chief_officer_title,
        "governance_holder_name": governance.name_with_post_nominals if governance else force.governance_title,
        "governance_holder_title": governance.title if governance else force.governance_title,
    }


def placeholder_values(review, force, deadline):
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
    }


def assessment_values(assessment, values):
    """The outcome paragraph and the judgements' sentences, each filled with the force's values."""
    judgements = assessment.judgements.select_related("judgement").order_by("element__position", "element__pk")
    sentences = [fill(item.judgement.letter_sentence.strip(), values) for item in judgements]
    return {
        "outcome_paragraph": fill(assessment.outcome.letter_paragraph.strip(), values),
        "element_sentences": " ".join(sentence for sentence in sentences if sentence),
    }


def compose(template, review, force, assessment, deadline):
    """The heading and body of a draft for a force's assessment in a review, placeholders filled."""
    values = placeholder_values(review, force, deadline)
    body = fill(template.body, {**values, **assessment_values(assessment, values)})
    return fill(template.heading, values), collapse_spaces(body)
