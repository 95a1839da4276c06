"""Searching the published letters: PostgreSQL full-text search over a stored vector (stemmed, ranked,
former topic names included, kept up to date when a topic is renamed); SQLite keeps a plain word match."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from inspections.services import topic_rename
from publications.models import PublishedLetter
from tests.publication_helpers import issued, publish

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")


@pytest.fixture
def letters(review, merseyside, cheshire, inspector, signatory):
    from tests.letter_helpers import add_letter_template

    add_letter_template(review)
    published = [issued(review, force, inspector, signatory) for force in (merseyside, cheshire)]
    publish(review, published, inspector, timezone.now() - datetime.timedelta(hours=1))
    return published


def found(client, query):
    html = client.get(reverse("publications:letters"), {"q": query}).content.decode()
    return html.split('id="results">')[1].split(" letter")[0]


def test_every_published_letter_has_a_search_vector_on_postgresql(letters):
    vectors = PublishedLetter.objects.values_list("search_vector", flat=True)
    assert all(vectors) if connection.vendor == "postgresql" else not any(vectors)


@postgresql_only
def test_words_are_matched_by_their_stem(client, letters):
    assert found(client, "Merseyside") == "1"
    assert found(client, "polices") == "2"  # "Police" in both forces' names
    assert found(client, "zzqx") == "0"


@postgresql_only
def test_a_renamed_topic_is_found_by_its_new_and_former_names(client, letters, review):
    topic = review.recommendation.topic
    former = topic.name
    topic_rename(topic=topic, new_name="Stalking and harassment", renamed_on=datetime.date(2020, 1, 1), reason="New")
    assert found(client, "stalking harassment") == "2"
    assert found(client, former) == "2"


@postgresql_only
def test_results_are_ranked_a_heading_match_before_a_body_match(client, letters):
    merseyside, cheshire = PublishedLetter.objects.order_by("letter__force__name").reverse()
    weights = {merseyside.pk: "C", cheshire.pk: "A"}  # the word in Merseyside's body, in Cheshire's heading
    with connection.cursor() as cursor:
        for pk, weight in weights.items():
            cursor.execute(
                "UPDATE publications_publishedletter SET search_vector = setweight(to_tsvector('english', "
                "'inspection of custody suites'), %s) WHERE id = %s",
                [weight, pk],
            )
    html = client.get(reverse("publications:letters"), {"q": "custody"}).content.decode()
    assert "2 letters" in html
    assert html.index("Cheshire Constabulary:") < html.index("Merseyside Police:")
    weights = {merseyside.pk: "A", cheshire.pk: "C"}
    with connection.cursor() as cursor:
        for pk, weight in weights.items():
            cursor.execute(
                "UPDATE publications_publishedletter SET search_vector = setweight(search_vector, %s) WHERE id = %s",
                [weight, pk],
            )
    cache.clear()  # the vectors were written behind the public pages' back
    html = client.get(reverse("publications:letters"), {"q": "custody"}).content.decode()
    assert html.index("Merseyside Police:") < html.index("Cheshire Constabulary:")


@postgresql_only
def test_broad_searches_rank_the_newest_matches_and_say_so(client, letters, monkeypatch):
    monkeypatch.setattr("publications.search.RANKED_AT_MOST", 1)
    html = client.get(reverse("publications:letters"), {"q": "police"}).content.decode()
    assert "The 1 newest matching letters" in html and "find older ones" in html
    assert html.count('class="app-results__item"') == 1
    cache.clear()
    monkeypatch.setattr("publications.search.RANKED_AT_MOST", 2000)
    html = client.get(reverse("publications:letters"), {"q": "police"}).content.decode()
    assert "2 letters" in html and "newest matching" not in html


def test_a_phrase_and_hostile_text_never_fail(client, letters):
    for query in ['"national overview"', "-merseyside", "' OR 1=1 --", "a & | ! :*", "\\"]:
        assert client.get(reverse("publications:letters"), {"q": query}).status_code == 200, query
