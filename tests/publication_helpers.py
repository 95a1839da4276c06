"""Builders for the public-site tests: issued letters, published at a chosen time, in bulk when needed."""

import datetime
import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from forces.models import Force
from letters.models import Letter
from letters.services import letter_issue
from publications.models import Publication, PublishedLetter
from publications.services import publication_schedule
from reviews.models import Assessment
from tests.factories import make_review
from tests.letter_helpers import add_letter_template, draft


def issued(review, force, inspector, signatory):
    return letter_issue(letter=draft(review, force, inspector, approve=True), by=signatory)


def publish(review, letters, by, release_at, overview_title="National overview"):
    return publication_schedule(
        review=review,
        letters=letters,
        release_at=release_at,
        overview_title=overview_title,
        introduction="Our introduction.",
        by=by,
    )


def text_of(response):
    """What the visitor receives, whether the page was sent whole or streamed (the open data exports)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def many_published_letters(count, signatory, inspector, release_at=None, prefix="bulk"):
    """`count` published letters spread over reviews of up to 40 forces, written straight to the database
    (rendering hundreds of PDFs would only slow the test: the pages never render them)."""
    release_at = release_at or timezone.now() - datetime.timedelta(days=1)
    forces = list(Force.objects.filter(kind=Force.Kind.TERRITORIAL)[:40])
    pdf = b"%PDF-1.7 stand-in"
    stand_in = default_storage.save("letter/stand-in.pdf", ContentFile(pdf))  # one file for every row
    created = 0
    for index in range((count + 39) // 40):
        review = make_review(signatory, slug=f"{prefix}-{index}", forces=forces)
        add_letter_template(review)
        outcome = review.outcome_categories.first()
        publication = Publication.objects.create(review=review, release_at=release_at, scheduled_by=inspector)
        for force in forces[: min(40, count - created)]:
            assessment = Assessment.objects.create(
                review=review, force=force, outcome=outcome, assessed_by=inspector, assessed_at=release_at
            )
            letter = Letter.objects.create(
                assessment=assessment,
                review=review,
                force=force,
                state=Letter.State.ISSUED,
                heading="Heading",
                body="Body text about the topic.",
                drafted_by=inspector,
                issued_by=signatory,
                issued_at=release_at,
                letter_date=release_at.date(),
                force_name=force.name,
                addressee_title="Chief Constable",
                pdf=stand_in,
                pdf_size=len(pdf),
                pdf_sha256=hashlib.sha256(pdf).hexdigest(),
            )
            PublishedLetter.objects.create(
                publication=publication, letter=letter, outcome_name=outcome.name, outcome_position=0
            )
            created += 1
    return created
