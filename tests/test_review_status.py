"""The review page counts what the public actually sees: a withdrawn letter is not published."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from letters.services import letter_approve, letter_correct, letter_issue
from publications.services import letter_withdraw
from reviews.status import ForceStatus, review_rows
from tests.letter_helpers import add_letter_template
from tests.publication_helpers import issued, publish

YESTERDAY = timezone.now() - datetime.timedelta(days=1)


@pytest.fixture
def published(review, merseyside, inspector, signatory):
    add_letter_template(review)
    letter = issued(review, merseyside, inspector, signatory)
    entry = publish(review, [letter], inspector, YESTERDAY).letters.get()
    return letter, entry


def counts_on_review_page(client, review):
    html = client.get(reverse("reviews:review-detail", args=[review.pk])).content.decode()
    found = re.findall(r"\?status=(\w+)\">[^<]*: <strong>(\d+)</strong>", html)
    return {status: int(count) for status, count in found}, html


def merseyside_status(review):
    return next(row for row in review_rows(review) if row.force.slug == "merseyside").status


def test_a_published_letter_counts_as_published(client, inspector, review, published):
    client.force_login(inspector)
    counts, _ = counts_on_review_page(client, review)
    assert counts["published"] == 1
    assert counts["withdrawn"] == 0


def test_a_withdrawn_letter_is_counted_as_withdrawn_not_published(client, inspector, review, published):
    _, entry = published
    letter_withdraw(entry=entry, reason="Sent to the wrong force.", by=inspector)
    client.force_login(inspector)
    counts, html = counts_on_review_page(client, review)
    assert counts["published"] == 0
    assert counts["withdrawn"] == 1
    assert merseyside_status(review) == ForceStatus.WITHDRAWN
    filtered = client.get(reverse("reviews:review-detail", args=[review.pk]), {"status": "withdrawn"})
    assert "1 of 43 forces" in filtered.content.decode()
    assert "Letter withdrawn</strong>" in filtered.content.decode()


def test_a_published_correction_of_a_withdrawn_letter_counts_as_published(review, published, inspector, signatory):
    letter, entry = published
    letter_withdraw(entry=entry, reason="A mistake in the outcome.", by=inspector)
    correction = letter_correct(letter=letter, by=inspector)
    assert merseyside_status(review) == ForceStatus.WITHDRAWN  # the public still sees only the withdrawal
    letter_approve(letter=correction, by=signatory)
    publish(review, [letter_issue(letter=correction, by=signatory)], inspector, YESTERDAY, overview_title="")
    assert merseyside_status(review) == ForceStatus.PUBLISHED


def test_a_letter_scheduled_for_later_is_not_yet_published(review, merseyside, inspector, signatory):
    add_letter_template(review)
    letter = issued(review, merseyside, inspector, signatory)
    publish(review, [letter], inspector, timezone.now() + datetime.timedelta(days=1))
    assert merseyside_status(review) == ForceStatus.LETTER_ISSUED
