"""Every public list page runs the same number of queries for 1 published letter as for 200."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.publication_helpers import many_published_letters, text_of


def list_pages(prefix):
    return [
        reverse("publications:letters"),
        reverse("publications:letters") + "?q=topic",
        reverse("publications:letters-csv"),
        reverse("publications:letters-json"),
        reverse("publications:feed"),
        "/forces/kent/",
        reverse("publications:review", args=[f"{prefix}-0"]),
        reverse("publications:recommendation", args=[f"ref-{prefix}-0"]),
        reverse("forces:list"),
    ]


def queries_per_page(client, prefix):
    counts = []
    for url in list_pages(prefix):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            assert response.status_code == 200, url
            text_of(response)  # an export runs its queries as it is read
        counts.append(len(queries))
    return counts


@pytest.mark.parametrize("role", ["anonymous", "inspector"])
def test_same_queries_for_1_and_for_200_letters(client, forces, signatory, inspector, role):
    if role == "inspector":
        client.force_login(inspector)
    assert many_published_letters(1, signatory, inspector, prefix="one") == 1
    one = queries_per_page(client, "one")
    assert many_published_letters(200, signatory, inspector, prefix="many") == 200
    two_hundred = queries_per_page(client, "many")
    assert one == two_hundred
