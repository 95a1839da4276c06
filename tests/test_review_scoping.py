"""What each role sees of reviews, beyond the access matrix's statuses: a review only one force was
asked, another force's documents, objects that do not exist."""

import pytest
from django.urls import reverse

from core.documents import check_document
from reviews.models import Submission
from reviews.services import create_submission
from tests.factories import make_review, pdf_bytes, upload

INSPECTORATE = {"inspector", "signatory"}


@pytest.fixture
def world(review, merseyside, merseyside_officer, cheshire_officer):
    """A review of all forces with one Merseyside submission, and a review of Merseyside alone."""
    submission = create_submission(
        review=review,
        force=merseyside,
        by=merseyside_officer,
        channel=Submission.Channel.UPLOAD,
        received_at=review.created_at,
        documents=[check_document(upload("plan.pdf", pdf_bytes()))],
        covering_note="",
    )
    element = review.elements.first()
    outcome = review.outcome_categories.first()
    merseyside_only = make_review(review.lead_signatory, forces=[merseyside], slug="merseyside-only")
    return {
        "review": review,
        "document": submission.documents.get(),
        "element": element,
        "outcome": outcome,
        "report": review.recommendation.report,
        "recommendation": review.recommendation,
        "topic": review.recommendation.topic,
        "cause": review.recommendation.cause_of_concern,
        "merseyside_only": merseyside_only,
    }


def test_inspector_pages_for_objects_that_do_not_exist(client, inspector, world):
    client.force_login(inspector)
    assert client.get(reverse("reviews:review-detail", args=[999])).status_code == 404
    assert client.get(reverse("reviews:force-in-review", args=[world["review"].pk, "atlantis"])).status_code == 404
    # A force the review did not ask is not part of it.
    url = reverse("reviews:force-in-review", args=[world["merseyside_only"].pk, "cheshire"])
    assert client.get(url).status_code == 404


def test_liaison_home(persona, world):
    response = persona.get(reverse("reviews:liaison-home"))
    expected = {"anonymous": 302, "inspector": 403, "signatory": 403}.get(persona.persona, 200)
    assert response.status_code == expected
    if expected == 200:
        html = response.content.decode()
        assert world["review"].title in html
        # Cheshire never sees the review that asked only Merseyside.
        assert (world["merseyside_only"].title in html) == (persona.persona == "merseyside_officer")


def test_liaison_review_page(persona, world):
    shared = persona.get(reverse("reviews:liaison-review", args=[world["review"].pk]))
    only_merseyside = persona.get(reverse("reviews:liaison-review", args=[world["merseyside_only"].pk]))
    role = persona.persona
    if role == "anonymous":
        assert shared.status_code == only_merseyside.status_code == 302
    elif role in INSPECTORATE:
        assert shared.status_code == only_merseyside.status_code == 403
    elif role == "merseyside_officer":
        assert shared.status_code == only_merseyside.status_code == 200
        assert "plan.pdf" in shared.content.decode()
    else:
        assert shared.status_code == 200
        assert "plan.pdf" not in shared.content.decode()  # Merseyside's document is not Cheshire's business
        assert only_merseyside.status_code == 404


def test_document_download(persona, world):
    response = persona.get(reverse("reviews:document-download", args=[world["document"].pk]))
    expected = {"anonymous": 302, "inspector": 200, "signatory": 200, "merseyside_officer": 200}
    assert response.status_code == expected.get(persona.persona, 404)
    if response.status_code == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == pdf_bytes()


def test_missing_document_is_not_found(client, inspector, db):
    client.force_login(inspector)
    assert client.get(reverse("reviews:document-download", args=[999])).status_code == 404
