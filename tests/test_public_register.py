"""The public register: pages per recommendation and per force, search by a former topic name, open data,
the API and the feed, with constant queries, and never an internal note or an evidence document."""

import csv
import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.documents import check_document
from forces.models import Force
from inspections.models import InspectionReport, Topic
from inspections.services import topic_rename
from recommendations.models import Recommendation, RecommendationLink, RegisterStatus
from recommendations.services import (
    action_add,
    claim_decide,
    force_response_record,
    link_add,
    progress_update_add,
    recommendation_save,
    status_change,
    target_revise,
)
from tests.factories import pdf_bytes, upload

SECRET = "INTERNAL-ONLY the chief is under investigation"
TODAY = timezone.localdate()
DAY = f"{TODAY:%-d %B %Y}".replace("  ", " ")


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def register(review, cheshire, merseyside, inspector, signatory, cheshire_officer):
    """PEEL 2016 R2 renamed topic; Cheshire: responded, planned, revised, claimed and verified;
    Merseyside: closed, with an internal note; a later recommendation follows it up."""
    recommendation = review.recommendation
    topic_rename(
        topic=recommendation.topic,
        new_name="abuse of authority for sexual gain",
        renamed_on=datetime.date(2016, 12, 1),
        reason="The report's name.",
    )
    topic_rename(
        topic=recommendation.topic,
        new_name="abuse of position for a sexual purpose",
        renamed_on=datetime.date(2017, 4, 1),
        reason="The national strategy's name.",
    )
    force_response_record(
        recommendation=recommendation,
        force=cheshire,
        position="partly",
        reasons="Funding is short.",
        by=cheshire_officer,
    )
    action = action_add(
        recommendation=recommendation,
        force=cheshire,
        description="Review the counter-corruption unit.",
        owner="Head of Professional Standards",
        target_date=TODAY + datetime.timedelta(days=30),
        by=cheshire_officer,
    )
    target_revise(
        action=action,
        new_date=TODAY + datetime.timedelta(days=90),
        reason="The review waits for new staff.",
        by=cheshire_officer,
    )
    claim = progress_update_add(
        recommendation=recommendation,
        force=cheshire,
        text="The unit was reviewed.",
        documents=[check_document(upload("unit-review.pdf", pdf_bytes()))],
        claims_completion=True,
        by=cheshire_officer,
    )
    claim_decide(update=claim, verified=True, reason="The review covers every element.", by=inspector)
    status_change(
        recommendation=recommendation,
        force=merseyside,
        status=RegisterStatus.CLOSED_NO_LONGER_RELEVANT,
        changed_on=TODAY,
        reason="The force merged its units.",
        basis="the 2018 inspection replaces it",
        authorised_by=signatory,
        internal_note=SECRET,
        by=inspector,
    )
    later = Recommendation.objects.create(
        reference="peel-2018-r1",
        report=InspectionReport.objects.create(
            title="PEEL: police integrity 2018", published_on=datetime.date(2018, 5, 1)
        ),
        topic=recommendation.topic,
        text="Forces should seek intelligence from organisations supporting vulnerable people.",
        kind=Recommendation.Kind.AREA_FOR_IMPROVEMENT,
        is_priority=True,
        priority_reason="Vulnerable people are at risk.",
        timescale=Recommendation.Timescale.FIXED_DATE,
        timescale_date=datetime.date(2019, 1, 31),
    )
    recommendation_save(recommendation=later, forces=[])
    link_add(earlier=recommendation, later=later, kind=RecommendationLink.Kind.FOLLOWED_UP_BY, by=inspector)
    return recommendation


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


def test_the_register_lists_each_recommendation_with_its_forces_by_status(anonymous, register):
    html = page(anonymous, reverse("publications:register"))
    assert register.title in html and "PEEL: police integrity 2018" in html
    assert "Complete (verified): 1" in html and "Closed: no longer relevant: 1" in html
    assert "Awaiting response: 41" in html
    assert 'rel="alternate" type="application/atom+xml"' in html
    assert '<label class="govuk-label govuk-label--s" for="status">' in html


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ({"q": "abuse of authority"}, "ref-review-2017", "zzz"),  # the topic's former name
        ({"q": "vulnerable"}, "peel-2018-r1", "ref-review-2017"),
        ({"kind": "afi"}, "peel-2018-r1", "ref-review-2017"),
        ({"priority": "yes"}, "peel-2018-r1", "ref-review-2017"),
        ({"priority": "no"}, "ref-review-2017", "peel-2018-r1"),
        ({"force": "cheshire", "status": "verified"}, "ref-review-2017", "peel-2018-r1"),
        ({"force": "kent", "status": "verified"}, "zzz", "ref-review-2017"),
        ({"overdue": "1"}, "ref-review-2017", "zzz"),
        ({"year": "2018"}, "peel-2018-r1", "ref-review-2017"),
        ({"year": "2016"}, "ref-review-2017", "peel-2018-r1"),
        ({"status": "nonsense", "report": "x"}, "ref-review-2017", "zzz"),  # an invalid filter is ignored
    ],
)
def test_the_register_filters(anonymous, register, query, found, not_found):
    response = anonymous.get(reverse("publications:register"), query)
    html = response.content.decode()
    assert response.status_code == 200
    if found != "zzz":
        assert f'href="/recommendations/{found}/"' in html
    assert f'href="/recommendations/{not_found}/"' not in html


def test_a_recommendations_page_leads_to_the_others_of_its_report(anonymous, register):
    recommendation = page(anonymous, reverse("publications:recommendation", args=["peel-2018-r1"]))
    report = Recommendation.objects.get(reference="peel-2018-r1").report
    link = f'href="/register/?report={report.pk}">Every recommendation of this report</a>'
    assert link in recommendation
    html = page(anonymous, f"/register/?report={report.pk}&status=awaiting")
    assert '<span class="govuk-!-font-weight-bold">Report:</span> PEEL: police integrity 2018.' in html
    assert 'href="/recommendations/peel-2018-r1/"' in html and 'href="/recommendations/ref-review-2017/"' not in html
    assert 'href="?status=awaiting&amp;">Recommendations of every report</a>' in html
    assert '<option value="2018">2018</option>' in html and '<option value="2016">2016</option>' in html


def test_a_report_not_yet_published_is_neither_named_nor_offered(anonymous, register):
    report = InspectionReport.objects.create(title="Unpublished inspection", published_on=TODAY + datetime.timedelta(1))
    html = page(anonymous, f"/register/?report={report.pk}")
    assert "Unpublished inspection" not in html and "Report:</span>" not in html
    assert '<h2 class="govuk-heading-m">0 recommendations</h2>' in html
    assert f'<option value="{TODAY.year + 1}"' not in html


def test_former_topic_name_finds_it(anonymous, register):
    register.topic.refresh_from_db()
    assert register.topic.name == "abuse of position for a sexual purpose"
    html = page(anonymous, reverse("publications:register") + "?q=authority+sexual+gain")
    assert f'href="/recommendations/{register.reference}/"' in html


def test_the_recommendation_page_has_its_43_forces_counts_and_links_both_ways(anonymous, register):
    html = page(anonymous, reverse("publications:recommendation", args=[register.reference]))
    assert html.count('href="/recommendations/ref-review-2017/') == 43
    assert "Status at each force it applies to</caption>" in html
    assert "Followed up by" in html and 'href="/recommendations/peel-2018-r1/"' in html
    later = page(anonymous, reverse("publications:recommendation", args=["peel-2018-r1"]))
    assert "Follows up" in later and 'href="/recommendations/ref-review-2017/"' in later
    assert SECRET not in html


def test_the_force_timeline_shows_both_sides_and_both_dates(anonymous, register):
    html = page(anonymous, reverse("publications:recommendation-force", args=[register.reference, "cheshire"]))
    assert f"Force reports complete on {DAY}; inspectorate verified on {DAY}" in html
    assert "Partly agreed" in html and "Funding is short." in html
    assert "The review waits for new staff." in html and "Target date revised" in html
    assert "1 document sent as evidence" in html
    assert "/evidence/" not in html and "unit-review.pdf" not in html
    assert "Evidence: The force&#x27;s claim of" in html and "and the 1 document sent with it" in html
    closed = page(anonymous, reverse("publications:recommendation-force", args=[register.reference, "merseyside"]))
    assert "the 2018 inspection replaces it" in closed and "Michael Cunningham" in closed
    assert SECRET not in closed


def test_a_force_not_concerned_or_an_unpublished_report_is_not_found(anonymous, register):
    assert (
        anonymous.get(reverse("publications:recommendation-force", args=[register.reference, "no-force"])).status_code
        == 404
    )
    report = register.report
    report.published_on = TODAY + datetime.timedelta(days=1)
    report.save()
    assert (
        anonymous.get(reverse("publications:recommendation-force", args=[register.reference, "cheshire"])).status_code
        == 404
    )
    assert register.reference not in page(anonymous, reverse("publications:register"))


def test_the_force_register_lists_its_recommendations_and_counts(anonymous, register):
    html = page(anonymous, reverse("forces:register", args=["cheshire"]))
    assert f'href="/recommendations/{register.reference}/cheshire/"' in html
    assert 'href="/recommendations/peel-2018-r1/cheshire/"' in html
    assert "Complete (verified)" in html
    html = page(anonymous, reverse("forces:register", args=["cheshire"]) + "?status=verified")
    assert 'href="/recommendations/peel-2018-r1/cheshire/"' not in html
    assert "Every recommendation at Cheshire" in page(anonymous, reverse("forces:detail", args=["cheshire"]))


def public_outputs(reference):
    return [
        reverse("publications:register"),
        reverse("publications:register") + "?q=merged",
        reverse("publications:recommendation", args=[reference]),
        reverse("publications:recommendation-force", args=[reference, "merseyside"]),
        reverse("forces:register", args=["merseyside"]),
        reverse("forces:detail", args=["merseyside"]),
        reverse("publications:register-recommendations-csv"),
        reverse("publications:register-recommendations-json"),
        reverse("publications:register-statuses-csv"),
        reverse("publications:register-statuses-json"),
        reverse("publications:register-feed"),
        reverse("publications:data"),
        "/api/v1/recommendations",
        f"/api/v1/recommendations/{reference}",
        "/api/v1/statuses?force=merseyside",
        "/api/v1/openapi.json",
    ]


def test_an_internal_note_never_appears_in_any_public_output(anonymous, register):
    for url in public_outputs(register.reference):
        body = page(anonymous, url)
        assert SECRET not in body and "INTERNAL-ONLY" not in body, url


def test_the_change_shows_in_the_csv_json_api_and_feed(anonymous, register):
    rows = list(csv.DictReader(io.StringIO(page(anonymous, reverse("publications:register-statuses-csv")))))
    assert len(rows) == 43 + 43
    merseyside = next(
        row for row in rows if row["force"] == "merseyside" and row["recommendation"] == register.reference
    )
    assert (merseyside["status"], merseyside["status_since"], merseyside["delay"]) == (
        "not_relevant",
        TODAY.isoformat(),
        "done",
    )
    cheshire = json.loads(page(anonymous, reverse("publications:register-statuses-json")))["statuses"]
    cheshire = next(
        row for row in cheshire if row["force"] == "cheshire" and row["recommendation"] == register.reference
    )
    assert (cheshire["claimed_on"], cheshire["verified_on"], cheshire["target_revisions"]) == (
        TODAY.isoformat(),
        TODAY.isoformat(),
        1,
    )
    assert cheshire["response"] == "partly"
    recommendations = json.loads(page(anonymous, reverse("publications:register-recommendations-json")))
    first = next(row for row in recommendations["recommendations"] if row["reference"] == register.reference)
    assert first["forces"] == 43 and first["forces_verified"] == 1
    assert "abuse of authority" in first["topic_former_names"]
    api = json.loads(page(anonymous, "/api/v1/statuses?force=merseyside&status=not_relevant"))
    assert [row["recommendation"] for row in api["results"]] == [register.reference]
    feed = page(anonymous, reverse("publications:register-feed"))
    assert f"{register.reference} at Merseyside Police: Closed: no longer relevant" in feed
    assert f"/recommendations/{register.reference}/merseyside/" in feed


def test_a_status_change_shows_at_once_on_cached_pages(anonymous, register, kent, inspector):
    url = reverse("publications:recommendation-force", args=[register.reference, "kent"])
    assert "Being progressed" not in page(anonymous, url)
    status_change(
        recommendation=register,
        force=kent,
        status=RegisterStatus.BEING_PROGRESSED,
        changed_on=TODAY,
        reason="Kent sent its plan.",
        by=inspector,
    )
    assert "Kent sent its plan." in page(anonymous, url)


@pytest.fixture
def kent(forces):
    return Force.objects.get(slug="kent")


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(anonymous, register):
    register.text = '=HYPERLINK("http://evil.example","x")'
    register.save()
    rows = list(csv.DictReader(io.StringIO(page(anonymous, reverse("publications:register-recommendations-csv")))))
    row = next(row for row in rows if row["reference"] == register.reference)
    assert row["text"].startswith("'=HYPERLINK")
    assert next(row for row in rows if row["reference"] == "peel-2018-r1")["text"].startswith("Forces")


def test_the_api_filters_pages_and_describes_itself(anonymous, register):
    body = json.loads(page(anonymous, "/api/v1/recommendations?limit=1"))
    assert (body["count"], len(body["results"]), body["limit"]) == (2, 1, 1)
    second = json.loads(page(anonymous, "/api/v1/recommendations?limit=1&offset=1"))
    assert second["results"][0]["reference"] != body["results"][0]["reference"]
    assert [r["reference"] for r in json.loads(page(anonymous, "/api/v1/recommendations?kind=afi"))["results"]] == [
        "peel-2018-r1"
    ]
    assert json.loads(page(anonymous, "/api/v1/recommendations?q=vulnerable"))["count"] == 1
    assert json.loads(page(anonymous, "/api/v1/recommendations?q=authority+gain"))["count"] == 2  # a former name
    assert anonymous.get("/api/v1/")["Location"] == "/api/v1/openapi.json"
    detail = json.loads(page(anonymous, f"/api/v1/recommendations/{register.reference}"))
    assert len(detail["statuses"]) == 43
    assert json.loads(page(anonymous, f"/api/v1/statuses?changed_since={TODAY.isoformat()}"))["count"] == 2
    openapi = json.loads(page(anonymous, "/api/v1/openapi.json"))
    assert {"/api/v1/recommendations", "/api/v1/recommendations/{reference}", "/api/v1/statuses"} <= set(
        openapi["paths"]
    )
    assert all(set(operations) == {"get"} for operations in openapi["paths"].values())
    response = anonymous.get("/api/v1/statuses")
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/recommendations?limit=100000", 422),
        ("/api/v1/recommendations?limit=0", 422),
        ("/api/v1/recommendations?offset=-1", 422),
        ("/api/v1/recommendations?offset=99999999999999999999999", 422),
        ("/api/v1/recommendations?offset=50", 404),
        ("/api/v1/recommendations?status=nonsense", 422),
        ("/api/v1/recommendations?report=abc", 422),
        ("/api/v1/recommendations?force=%00", 400),  # refused before the API, as on every page
        ("/api/v1/recommendations?force=a%20b", 422),
        ("/api/v1/statuses?changed_since=yesterday", 422),
        ("/api/v1/statuses?changed_since=2020-02-30", 422),
        ("/api/v1/recommendations/no-such-reference", 404),
        ("/api/v1/docs", 404),
    ],
)
def test_bad_api_input_is_a_client_error_in_json(anonymous, register, url, status):
    response = anonymous.get(url)
    assert response.status_code == status, response.content
    if status != 400 and url != "/api/v1/docs":
        assert "detail" in response.json()
    assert "public" not in response.get("Cache-Control", "")


def test_the_api_refuses_writes(anonymous, register):
    assert anonymous.post("/api/v1/recommendations", {}).status_code == 405


def add_recommendations(count, inspector, prefix):
    """Recommendations at three forces each, with a status change at one of them."""
    forces = list(Force.objects.filter(kind=Force.Kind.TERRITORIAL).order_by("name")[:3])
    report = InspectionReport.objects.create(title=f"Report {prefix}", published_on=datetime.date(2019, 1, 1))
    topic = Topic.objects.create(name=f"Topic {prefix}")
    for index in range(count):
        recommendation = Recommendation(
            reference=f"{prefix}-{index}",
            report=report,
            topic=topic,
            text="Do it.",
            timescale=Recommendation.Timescale.MONTHS_AFTER_PUBLICATION,
            timescale_months=6,
            applies_to_all_territorial_forces=False,
        )
        recommendation_save(recommendation=recommendation, forces=forces)
        status_change(
            recommendation=recommendation,
            force=forces[0],
            status=RegisterStatus.BEING_PROGRESSED,
            changed_on=TODAY,
            reason="Started.",
            internal_note=SECRET,
            by=inspector,
        )


def list_urls():
    return [
        reverse("publications:register"),
        reverse("publications:register") + "?q=do+topic&overdue=1&status=progressed",
        reverse("forces:register", args=[Force.objects.filter(kind="territorial").order_by("name").first().slug]),
        reverse("publications:register-recommendations-csv"),
        reverse("publications:register-statuses-json"),
        reverse("publications:register-feed"),
        "/api/v1/recommendations?limit=100",
        "/api/v1/statuses?limit=100",
        "/api/v1/recommendations/few-0",
    ]


def counts(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = []
    for url in list_urls():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            page(client, url)
        result.append(len(queries))
    return result


def test_lists_run_the_same_queries_for_1_and_for_60_recommendations(
    anonymous, forces, inspector, django_assert_max_num_queries
):
    add_recommendations(1, inspector, "few")
    one = counts(anonymous, django_assert_max_num_queries)
    add_recommendations(60, inspector, "many")
    sixty = counts(anonymous, django_assert_max_num_queries)
    assert one == sixty
    cache.clear()
    with django_assert_max_num_queries(8):
        page(anonymous, reverse("publications:register") + "?page=2")


def test_the_43_row_table_is_a_fixed_number_of_queries(anonymous, register, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        html = page(anonymous, reverse("publications:recommendation", args=[register.reference]))
    assert html.count("govuk-table__row") >= 44


def test_the_bench_compares_the_register_with_the_letters_list(forces):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("bench_register", recommendations=12, letters=5, runs=1, stdout=out)
    assert "the letters list" in out.getvalue() and "rolled back" in out.getvalue()
    assert not Recommendation.objects.filter(reference__startswith="bench-").exists()


def test_a_published_letter_is_on_the_public_timeline_and_an_unpublished_one_is_not(
    client, review, inspector, signatory, cheshire, merseyside
):
    from tests.letter_helpers import add_letter_template
    from tests.publication_helpers import issued, publish

    add_letter_template(review)
    letter = issued(review, cheshire, inspector, signatory)
    issued(review, merseyside, inspector, signatory)  # issued, never published
    publish(review, [letter], inspector, timezone.now() - datetime.timedelta(hours=1))
    reference = review.recommendation.reference
    cheshire_page = client.get(
        reverse("publications:recommendation-force", args=[reference, "cheshire"])
    ).content.decode()
    assert "Assessment letter published" in cheshire_page
    assert reverse("publications:letter", args=[review.slug, "cheshire"]) in cheshire_page
    merseyside_page = client.get(
        reverse("publications:recommendation-force", args=[reference, "merseyside"])
    ).content.decode()
    assert "Assessment letter" not in merseyside_page
