"""Hostile query strings on every public and staff list: ignored or answered 400, never 500."""

import datetime
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.letter_helpers import add_letter_template
from tests.publication_helpers import issued, publish

HOSTILE = [
    {"year": "99999"},
    {"year": "²"},
    {"year": "-1"},
    {"topic": "abc"},
    {"topic": "99999999999999999999"},
    {"force": "../../etc"},
    {"review": "x" * 5000},
    {"page": "-1"},
    {"page": "1e9"},
    {"status": "nonsense", "region": "\u202e", "overdue": "2"},
    {"q": "a" * 5000},
]
NUL = [{"q": "a\x00b"}, {"year": "\x00"}, {"force": "\x00"}, {"\x00": "1"}]


def list_urls(review):
    return [
        reverse("publications:letters"),
        reverse("forces:list"),
        reverse("publications:data"),
        reverse("reviews:dashboard"),
        reverse("recommendations:list"),
        reverse("reviews:review-detail", args=[review.pk]),
        reverse("inspections:report-list"),
    ]


@pytest.fixture
def published_letter(review, merseyside, inspector, signatory):
    add_letter_template(review)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    publish(review, [issued(review, merseyside, inspector, signatory)], inspector, yesterday)


@pytest.mark.parametrize("query", HOSTILE, ids=lambda query: urlencode(query)[:30])
def test_bad_filter_values_are_ignored(client, inspector, review, published_letter, query):
    client.force_login(inspector)
    for url in list_urls(review):
        response = client.get(url, query)
        assert response.status_code == 200, url


@pytest.mark.parametrize("query", NUL, ids=["q", "year", "force", "key"])
def test_a_nul_byte_is_answered_400(client, inspector, review, query):
    for url in [reverse("publications:letters"), reverse("reviews:review-detail", args=[review.pk])]:
        response = client.get(url, query)
        assert response.status_code == 400, url
        assert "The address is not valid" in response.content.decode()


def test_a_bad_year_shows_every_letter_and_a_good_one_filters(client, review, published_letter):
    assert ">1 letter<" in client.get(reverse("publications:letters"), {"year": "²"}).content.decode()
    assert ">0 letters<" in client.get(reverse("publications:letters"), {"year": "1999"}).content.decode()


def test_search_links_keep_hash_and_ampersand(client, review, published_letter):
    response = client.get(reverse("publications:letters"), {"q": "police #1 & co", "force": "merseyside"})
    assert response.context["query"] == "force=merseyside&q=police+%231+%26+co"
