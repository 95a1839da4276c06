"""On PostgreSQL: many inspectors saving the same new thing at the same moment get a page or a message,
never a server error, and one row is kept."""

import pytest
from django.urls import reverse

from letters.models import Letter, LetterTemplate
from tests.conftest import VerifiedClient
from tests.letter_helpers import add_letter_template, assess
from tests.test_concurrency import THREADS, at_once, postgresql_only  # noqa: F401 (skips on SQLite)


def signed_in_clients(user):
    clients = []
    for _ in range(THREADS):
        client = VerifiedClient()
        client.force_login(user)
        clients.append(client)
    return clients


@pytest.fixture
def template_ready_review(transactional_letters, review):
    add_letter_template(review).delete()  # sentences and paragraphs, but no template yet
    return review


def test_inspectors_saving_the_first_letter_template_at_once(template_ready_review, inspector):
    review, queue = template_ready_review, signed_in_clients(inspector)
    url = reverse("letters:template", args=[review.pk])

    responses = at_once(lambda: queue.pop().post(url, {"heading": "Assessment", "body": "Dear $force_name"}))
    statuses = sorted(response.status_code for response in responses)
    assert set(statuses) <= {200, 302} and 302 in statuses
    assert LetterTemplate.objects.filter(review=review).count() == 1
    for response in responses:
        if response.status_code == 200:
            assert "Another inspector saved a letter template for this review" in response.content.decode()


def test_drafting_the_same_letter_at_once(template_ready_review, inspector, cheshire):
    review = template_ready_review
    add_letter_template(review)
    assess(review, cheshire, inspector)
    queue = signed_in_clients(inspector)
    url = reverse("letters:create", args=[review.pk, "cheshire"])

    responses = at_once(lambda: queue.pop().post(url))
    assert [response.status_code for response in responses] == [302] * THREADS
    assert Letter.objects.filter(review=review, force=cheshire).count() == 1
