"""The national overview counts every force asked, saying where each stands without a published letter."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from core.files import file_read
from forces.models import Force
from letters.models import Letter
from publications.models import Publication
from reviews.models import Submission
from tests.letter_helpers import add_letter_template, pdf_text
from tests.publication_helpers import issued, publish

YESTERDAY = timezone.now() - datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def kent(forces):
    return Force.objects.get(slug="kent")


@pytest.fixture
def overview_world(review, merseyside, cheshire, kent, inspector, signatory):
    """Merseyside published; Cheshire issued, not published; Kent submitted, not assessed; 40 sent nothing."""
    add_letter_template(review)
    merseyside_letter = issued(review, merseyside, inspector, signatory)
    issued(review, cheshire, inspector, signatory)
    Submission.objects.create(
        review=review, force=kent, channel="email", submitted_by=inspector, received_at=timezone.now()
    )
    return publish(review, [merseyside_letter], inspector, YESTERDAY)


def count_of(html, name):
    return html.split(f">{name}</th>")[1].split("</td>")[0].rsplit(">", 1)[1]


def test_the_overview_page_counts_every_force_asked(client, review, overview_world):
    html = client.get(reverse("publications:review", args=[review.slug])).content.decode()
    assert "43 forces were asked; 1 letter is published." in html
    outcome = review.outcome_categories.first().name
    assert count_of(html, outcome) == "1"
    assert count_of(html, "Letter not yet published") == "1"
    assert count_of(html, "Not yet assessed") == "1"
    assert count_of(html, "No submission") == "40"
    assert html.count('<tr class="govuk-table__row">') == 43 + 4 + 2  # forces, counts, two header rows


def test_the_overview_pdf_counts_every_force_asked(review, overview_world):
    text = pdf_text(file_read(Publication.objects.get(pk=overview_world.pk).overview_pdf))
    assert "43 forces were asked; 1 letter is published." in text
    assert "No submission 40" in text and "Not yet assessed 1" in text and "Letter not yet published 1" in text


def test_a_later_publication_without_the_first_letters_does_not_shrink_the_overview(
    review, overview_world, cheshire, inspector
):
    later = publish(
        review, [Letter.objects.get(force=cheshire)], inspector, timezone.now() - datetime.timedelta(hours=1)
    )
    text = pdf_text(file_read(later.overview_pdf))
    assert "43 forces were asked; 2 letters are published." in text


def test_the_overview_page_runs_a_fixed_number_of_queries(
    client, review, overview_world, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        assert client.get(reverse("publications:review", args=[review.slug])).status_code == 200


def test_public_pages_name_the_recommendation_by_its_title_not_its_code(client, review, overview_world):
    recommendation = review.recommendation
    pages = [
        reverse("publications:review", args=[review.slug]),
        reverse("publications:letter", args=[review.slug, "merseyside"]),
        reverse("forces:detail", args=["merseyside"]),
        reverse("publications:recommendation", args=[recommendation.reference]),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert recommendation.title in html, url
        assert f">{recommendation.reference}<" not in html and f"Recommendation {recommendation.reference}" not in html
    listing = client.get(reverse("publications:letters")).content.decode()
    assert f"{review.title}. Letter of" in listing  # entries that differ only by review say which


def test_the_latest_public_version_is_the_only_one_listed_even_past_an_unpublished_one(
    client, review, overview_world, merseyside, inspector, signatory
):
    from letters.models import Letter as LetterModel
    from letters.services import letter_approve, letter_correct, letter_issue

    def corrected(letter):
        correction = letter_correct(letter=letter, by=inspector)
        letter_approve(letter=correction, by=signatory)
        return letter_issue(letter=correction, by=signatory)

    second = corrected(LetterModel.objects.get(force=merseyside, version=1))  # issued, never published
    third = corrected(second)
    publish(review, [third], inspector, YESTERDAY + datetime.timedelta(hours=1), overview_title="")
    listing = client.get(reverse("publications:letters"), {"force": "merseyside"}).content.decode()
    assert ">1 letter<" in listing and "corrected (version 3)" in listing
    force_page = client.get(reverse("forces:detail", args=["merseyside"])).content.decode()
    assert force_page.count('href="/letters/review-2017/merseyside/"') == 1
