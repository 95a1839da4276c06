"""A letter withdrawn before its release time was never public: at release nothing of it shows, and the
overview published with it is made again without it. A withdrawal after release leaves a public notice."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from core.files import file_read
from letters.services import letter_approve, letter_correct, letter_issue
from publications.models import Publication
from publications.services import letter_withdraw
from tests.letter_helpers import add_letter_template, pdf_text
from tests.publication_helpers import issued, publish, text_of
from tests.test_publications import AFTER, BEFORE, RELEASE, clock  # noqa: F401 (fixture)

REASON = "The letter named the wrong chief officer."


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def scheduled(review, merseyside, cheshire, inspector, signatory):
    add_letter_template(review)
    letters = [issued(review, force, inspector, signatory) for force in (merseyside, cheshire)]
    return publish(review, letters, inspector, RELEASE)


def public_pages(client, review):
    urls = [
        reverse("publications:letters"),
        reverse("publications:letters-csv"),
        reverse("publications:letters-json"),
        reverse("publications:feed"),
        reverse("publications:review", args=[review.slug]),
        reverse("forces:detail", args=["cheshire"]),
    ]
    return {url: text_of(client.get(url)) for url in urls}


def test_a_letter_withdrawn_before_release_never_shows(client, review, scheduled, inspector, clock):  # noqa: F811
    clock(BEFORE)
    entry = scheduled.letters.get(letter__force__slug="cheshire")
    letter_withdraw(entry=entry, reason=REASON, by=inspector)
    clock(AFTER)
    assert client.get(reverse("publications:letter", args=[review.slug, "cheshire"])).status_code == 404
    assert client.get(reverse("publications:letter-pdf", args=[review.slug, "cheshire"])).status_code == 404
    for url, html in public_pages(client, review).items():
        assert REASON not in html, url
        assert "/letters/review-2017/cheshire" not in html, url
    assert "Merseyside Police" in public_pages(client, review)[reverse("publications:letters")]
    text = pdf_text(file_read(Publication.objects.get(pk=scheduled.pk).overview_pdf))
    assert "43 forces were asked; 1 letter is published." in text
    assert "Letter withdrawn" not in text


def test_the_feed_never_names_a_force_withdrawn_before_release(client, scheduled, inspector, clock):  # noqa: F811
    clock(BEFORE)
    letter_withdraw(entry=scheduled.letters.get(letter__force__slug="cheshire"), reason=REASON, by=inspector)
    clock(AFTER)
    feed = text_of(client.get(reverse("publications:feed")))
    assert "Letters published to: Merseyside Police." in feed
    assert "Cheshire" not in feed


def test_a_letter_withdrawn_after_release_keeps_a_public_notice(client, review, scheduled, inspector, clock):  # noqa: F811
    clock(AFTER)
    entry = scheduled.letters.get(letter__force__slug="cheshire")
    before = file_read(Publication.objects.get(pk=scheduled.pk).overview_pdf)
    letter_withdraw(entry=entry, reason=REASON, by=inspector)
    assert REASON in client.get(reverse("publications:letter", args=[review.slug, "cheshire"])).content.decode()
    assert file_read(Publication.objects.get(pk=scheduled.pk).overview_pdf) == before  # a published PDF stays as it was
    overview = client.get(reverse("publications:review", args=[review.slug])).content.decode()
    assert "Letter withdrawn" in overview


def test_a_later_overview_keeps_every_public_letter(review, scheduled, cheshire, inspector, signatory, clock):  # noqa: F811
    clock(AFTER)
    correction = letter_correct(letter=scheduled.letters.get(letter__force__slug="cheshire").letter, by=inspector)
    letter_approve(letter=correction, by=signatory)
    correction = letter_issue(letter=correction, by=signatory)
    later = publish(review, [correction], inspector, AFTER + datetime.timedelta(hours=1))  # one letter, yet
    assert "2 letters are published" in pdf_text(file_read(later.overview_pdf))
