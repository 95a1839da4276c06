"""HTML and script typed into any text field are shown literally on every page that shows them."""

import datetime

from django.urls import reverse
from django.utils import timezone

from core.documents import check_document
from reviews.models import Assessment, AssessmentJudgement, Extension, Submission
from reviews.services import create_submission
from tests.factories import make_review, pdf_bytes, upload

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


def test_hostile_text_is_escaped_everywhere(client, forces, signatory, inspector, cheshire, cheshire_officer):
    review = make_review(signatory, title=f"Review {HOSTILE}", contact_name=HOSTILE)
    recommendation = review.recommendation
    recommendation.text = HOSTILE
    recommendation.save()
    recommendation.topic.name = f"topic {HOSTILE}"
    recommendation.topic.save()
    recommendation.report.title = f"Report {HOSTILE}"
    recommendation.report.save()
    recommendation.cause_of_concern.text = HOSTILE
    recommendation.cause_of_concern.save()
    element = review.elements.first()
    element.name = f"Element {HOSTILE}"
    element.save()
    judgement = element.judgements.first()
    judgement.label = f"J {HOSTILE}"[:100]
    judgement.save()
    outcome = review.outcome_categories.first()
    outcome.name = f"Outcome {HOSTILE}"
    outcome.save()
    create_submission(
        review=review,
        force=cheshire,
        by=cheshire_officer,
        channel=Submission.Channel.UPLOAD,
        received_at=timezone.now(),
        documents=[check_document(upload(f"{HOSTILE}.pdf", pdf_bytes()))],
        covering_note=HOSTILE,
    )
    Extension.objects.create(
        review=review,
        force=cheshire,
        new_deadline=review.submission_deadline + datetime.timedelta(days=3),
        reason=HOSTILE,
        granted_by=inspector,
    )
    assessment = Assessment.objects.create(
        review=review, force=cheshire, outcome=outcome, notes=HOSTILE, assessed_by=inspector, assessed_at=timezone.now()
    )
    AssessmentJudgement.objects.create(assessment=assessment, element=element, judgement=judgement)

    client.force_login(inspector)
    inspector_pages = [
        reverse("reviews:dashboard"),
        reverse("inspections:report-list"),
        reverse("inspections:report-detail", args=[recommendation.report.pk]),
        reverse("inspections:topic-list"),
        reverse("recommendations:list"),
        reverse("recommendations:detail", args=[recommendation.pk]),
        reverse("reviews:review-detail", args=[review.pk]),
        reverse("reviews:review-framework", args=[review.pk]),
        reverse("reviews:force-in-review", args=[review.pk, "cheshire"]),
        reverse("reviews:assessment", args=[review.pk, "cheshire"]),
        reverse("reviews:extension", args=[review.pk, "cheshire"]),
    ]
    for url in inspector_pages:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;script&gt;" in html, url

    client.force_login(cheshire_officer)
    for url in [reverse("reviews:liaison-home"), reverse("reviews:liaison-review", args=[review.pk])]:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;" in html, url
