"""Builders for letter tests: a review with a letter template, assessed forces, and PDF inspection."""

import io
import re

from django.db.models.fields.files import FieldFile
from django.utils import timezone
from pypdf import PdfReader

from core.files import file_read
from letters.models import Letter, LetterTemplate
from letters.services import letter_approve, letter_draft
from reviews.models import Assessment, AssessmentJudgement

BODY = """\
In $report_month we published *$report_title*, calling the problem '$topic_former_name'.

> $recommendation_text

$outcome_paragraph $element_sentences

If you have any queries, please contact $contact_name at $contact_email or on $contact_phone."""


def add_letter_template(review, body=BODY):
    for outcome in review.outcome_categories.all():
        outcome.letter_paragraph = f"Outcome paragraph for {outcome.name}."
        outcome.save()
    for element in review.elements.all():
        for judgement in element.judgements.all():
            judgement.letter_sentence = f"{element.name}: {judgement.label.lower()}."
            judgement.save()
    return LetterTemplate.objects.create(review=review, body=body)


def assess(review, force, by):
    assessment = Assessment.objects.create(
        review=review,
        force=force,
        outcome=review.outcome_categories.first(),
        assessed_by=by,
        assessed_at=timezone.now(),
    )
    for element in review.elements.all():
        AssessmentJudgement.objects.create(assessment=assessment, element=element, judgement=element.judgements.first())
    return assessment


def draft(review, force, by, approve=False, approver=None) -> Letter:
    """A draft of the force's letter by `by`; approved, when asked, by someone else (the review's lead
    signatory unless `approver` is given), as the rule on approval requires."""
    force.chief_officer_email = force.chief_officer_email or f"chief@{force.slug}.example.org"
    force.governance_email = force.governance_email or f"pcc@{force.slug}.example.org"
    force.save()
    if not Assessment.objects.filter(review=review, force=force).exists():
        assess(review, force, by)
    letter = letter_draft(review=review, force=force, by=by)
    if approve:
        letter = letter_approve(letter=letter, by=approver or review.lead_signatory)
    return letter


def pdf_reader(pdf):
    """A PDF's pages, from its bytes or from the stored file a row points at."""
    return PdfReader(io.BytesIO(file_read(pdf) if isinstance(pdf, FieldFile) else bytes(pdf)))


def pdf_text(pdf_bytes):
    return "\n".join(page.extract_text() for page in pdf_reader(pdf_bytes).pages)


def structure_types(pdf_bytes):
    """The tag types in the PDF's structure tree (P, H1, BlockQuote, Figure...)."""
    found = set()

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict):
            if "/S" in node:
                found.add(str(node["/S"]).lstrip("/"))
            if "/K" in node:
                walk(node["/K"])
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(pdf_reader(pdf_bytes).trailer["/Root"]["/StructTreeRoot"])
    return found


def confirm(client, url, **post):
    """What the user does on an issue confirmation page: open it, then send the letters it names."""
    page = client.get(url).content.decode()
    return client.post(url, {"letter": re.findall(r'name="letter" value="([^"]+)"', page)}, **post)
