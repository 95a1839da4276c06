"""Every public page and export runs the same number of queries for 1 published letter as for 200."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forces.models import Force
from tests.publication_helpers import many_published_letters, text_of


def list_pages(prefix):
    """Every public page and export, at the addresses of the data made with `prefix`."""
    review, reference = f"{prefix}-0", f"ref-{prefix}-0"
    force = Force.objects.filter(kind=Force.Kind.TERRITORIAL).first().slug  # the first one given a letter
    year = timezone.localdate().year
    return [
        reverse("home"),
        reverse("publications:letters"),
        reverse("publications:letters") + "?page=2",
        reverse("publications:letters") + "?q=topic",
        reverse("publications:letters") + f"?force={force}&year={year}&review={review}",
        reverse("publications:letter", args=[review, force]),
        reverse("publications:review", args=[review]),
        reverse("publications:recommendation", args=[reference]),
        reverse("publications:recommendation-force", args=[reference, force]),
        reverse("publications:register"),
        reverse("publications:register") + "?q=topic&overdue=1",
        reverse("publications:responses"),
        reverse("publications:data"),
        reverse("publications:letters-csv"),
        reverse("publications:letters-json"),
        reverse("publications:register-recommendations-csv"),
        reverse("publications:register-recommendations-json"),
        reverse("publications:register-statuses-csv"),
        reverse("publications:register-statuses-json"),
        reverse("publications:feed"),
        reverse("publications:register-feed"),
        "/api/v1/recommendations",
        "/api/v1/statuses",
        reverse("forces:list"),
        f"/forces/{force}/",
        f"/forces/{force}/?page=2",
        f"/forces/{force}/register/",
    ]


def queries_per_page(client, prefix):
    counts = []
    for url in list_pages(prefix):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            assert response.status_code == 200, url
            text_of(response)  # an export runs its queries as it is read
        counts.append((url.replace(prefix, "*"), len(queries)))
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
