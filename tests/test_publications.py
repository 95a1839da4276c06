"""The public site: nothing before the release time, everything after it, without any job running."""

import csv
import datetime
import hashlib
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from core.files import file_read
from letters.services import letter_approve, letter_correct, letter_issue
from publications.models import PublishedLetter
from publications.services import letter_withdraw
from tests.letter_helpers import add_letter_template
from tests.publication_helpers import issued, publish, text_of

RELEASE = timezone.make_aware(datetime.datetime(2030, 10, 5, 9, 30))
BEFORE = RELEASE - datetime.timedelta(minutes=1)
AFTER = RELEASE + datetime.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def published(review, merseyside, cheshire, inspector, signatory):
    """Merseyside's letter scheduled for RELEASE; Cheshire's issued but never published."""
    add_letter_template(review)
    merseyside_letter = issued(review, merseyside, inspector, signatory)
    cheshire_letter = issued(review, cheshire, inspector, signatory)
    publication = publish(review, [merseyside_letter], inspector, RELEASE)
    return {"review": review, "letter": merseyside_letter, "unpublished": cheshire_letter, "publication": publication}


@pytest.fixture
def clock(monkeypatch):
    def set_time(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_time


def public_urls(w):
    review, letter = w["review"], w["letter"]
    return {
        "letter": reverse("publications:letter", args=[review.slug, "merseyside"]),
        "pdf": reverse("publications:letter-pdf", args=[review.slug, "merseyside"]),
        "overview": reverse("publications:review", args=[review.slug]),
        "overview_pdf": reverse("publications:overview-pdf", args=[review.slug]),
        "version": reverse("publications:letter-version", args=[review.slug, "merseyside", letter.version]),
    }


def test_nothing_is_public_before_the_release_time_and_everything_after(client, published, clock):
    clock(BEFORE)
    for name, url in public_urls(published).items():
        assert client.get(url).status_code == 404, name
    assert "merseyside" not in text_of(client.get(reverse("publications:letters-csv")))
    assert json.loads(text_of(client.get(reverse("publications:letters-json"))))["letters"] == []
    assert b"<entry>" not in client.get(reverse("publications:feed")).content
    assert "0 letters" in client.get(reverse("publications:letters")).content.decode()
    assert "No letter to Merseyside Police has been published yet" in client.get("/forces/merseyside/").content.decode()

    clock(AFTER)  # no job runs in between: the release time passing is enough
    for name, url in public_urls(published).items():
        assert client.get(url).status_code == 200, name
    assert "merseyside" in text_of(client.get(reverse("publications:letters-csv")))
    assert len(json.loads(text_of(client.get(reverse("publications:letters-json"))))["letters"]) == 1
    assert client.get(reverse("publications:feed")).content.count(b"<entry>") == 1
    assert "1 letter" in client.get(reverse("publications:letters")).content.decode()
    assert "Already commenced" not in client.get("/forces/merseyside/").content.decode()
    assert "Insufficient information" in client.get("/forces/merseyside/").content.decode()


@pytest.mark.parametrize("role", ["anonymous", "inspector", "signatory", "merseyside_officer", "cheshire_officer"])
def test_unpublished_letters_never_appear_on_public_pages(client, published, clock, request, role):
    clock(AFTER)
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    review = published["review"]
    assert client.get(reverse("publications:letter", args=[review.slug, "cheshire"])).status_code == 404
    assert client.get(reverse("publications:letter-pdf", args=[review.slug, "cheshire"])).status_code == 404
    for url in [reverse("publications:letters"), reverse("publications:letters-csv")]:
        assert "Cheshire Constabulary" not in text_of(client.get(url)).split("<main")[-1], url
    overview = client.get(reverse("publications:review", args=[review.slug])).content.decode()
    cheshire_row = overview.split("Cheshire Constabulary</th>")[1].split("</tr>")[0]  # counted, nothing shown
    assert "Letter not yet published" in cheshire_row and "href" not in cheshire_row
    assert (
        "No letter to Cheshire Constabulary has been published yet" in client.get("/forces/cheshire/").content.decode()
    )


def test_drafts_and_approved_letters_are_never_public(client, review, cheshire, inspector, clock):
    from tests.letter_helpers import draft

    add_letter_template(review)
    draft(review, cheshire, inspector, approve=True)
    clock(AFTER)
    assert client.get(reverse("publications:letter", args=[review.slug, "cheshire"])).status_code == 404
    assert json.loads(text_of(client.get(reverse("publications:letters-json"))))["letters"] == []


def test_downloaded_pdf_matches_the_sha256_shown(client, published, clock):
    clock(AFTER)
    urls = public_urls(published)
    page = client.get(urls["letter"]).content.decode()
    shown = page.split("data-sha256>")[1].split("<")[0]
    pdf = client.get(urls["pdf"])
    assert pdf["Content-Type"] == "application/pdf"
    assert hashlib.sha256(pdf.getvalue()).hexdigest() == shown == published["letter"].pdf_sha256
    overview = client.get(urls["overview_pdf"])
    assert hashlib.sha256(overview.getvalue()).hexdigest() == published["publication"].overview_sha256


def test_pdfs_are_served_from_stored_bytes_never_rendered(client, published, clock, monkeypatch):
    clock(AFTER)
    # Every PDF is made by the render process: none may be asked for while the public downloads.
    monkeypatch.setattr("letters.pdf_engine.Engine.render", lambda *a, **k: pytest.fail("rendered on request"))
    urls = public_urls(published)
    assert client.get(urls["pdf"]).getvalue() == file_read(published["letter"].pdf)
    assert client.get(urls["overview_pdf"]).status_code == 200


@pytest.mark.parametrize(
    "query", ["abuse of authority", "Topic for ref-review-2017", "Merseyside", "merseyside police", "PEEL legitimacy"]
)
def test_search_finds_letters_by_topic_names_and_force(client, published, clock, query):
    clock(AFTER)
    topic = published["review"].recommendation.topic
    from inspections.services import topic_rename

    topic_rename(
        topic=topic,
        new_name="abuse of position for a sexual purpose",
        renamed_on=datetime.date(2017, 4, 1),
        reason="National strategy",
    )
    if query == "Topic for ref-review-2017":
        query = "abuse of position for a sexual purpose"
    if query == "abuse of authority":
        query = "topic for ref-review-2017"  # the topic's former name
    html = client.get(reverse("publications:letters"), {"q": query}).content.decode()
    assert "1 letter" in html, query
    assert "Merseyside Police" in html


def test_search_that_matches_nothing(client, published, clock):
    clock(AFTER)
    html = client.get(reverse("publications:letters"), {"q": "Cheshire"}).content.decode()
    assert "0 letters" in html and "No published letter matches" in html


def test_filters(client, published, clock):
    clock(AFTER)
    url = reverse("publications:letters")
    assert (
        "1 letter"
        in client.get(url, {"force": "merseyside", "year": str(published["letter"].letter_date.year)}).content.decode()
    )
    assert "0 letters" in client.get(url, {"force": "cheshire"}).content.decode()
    assert "0 letters" in client.get(url, {"year": "1999"}).content.decode()
    assert "1 letter" in client.get(url, {"review": published["review"].slug}).content.decode()


def test_csv_and_json_hold_the_documented_columns(client, published, clock):
    from publications.data import COLUMNS

    clock(AFTER)
    rows = list(csv.DictReader(io.StringIO(text_of(client.get(reverse("publications:letters-csv"))))))
    assert list(rows[0]) == [name for name, _ in COLUMNS]
    row = rows[0]
    assert row["id"] == f"{published['review'].slug}/merseyside/v1"
    assert row["ons_code"] == "E23000004"
    assert row["pdf_sha256"] == published["letter"].pdf_sha256
    assert row["pdf_url"].endswith("/merseyside/version-1.pdf")
    assert row["published_at"] == "2030-10-05T08:30:00+00:00"
    data = json.loads(text_of(client.get(reverse("publications:letters-json"))))
    assert list(data["columns"]) == [name for name, _ in COLUMNS]
    assert data["letters"][0] == {key: (int(value) if key == "version" else value) for key, value in row.items()}


def test_atom_feed_is_well_formed_with_one_entry_per_publication(client, published, clock, inspector):
    publish(published["review"], [published["unpublished"]], inspector, RELEASE + datetime.timedelta(hours=1), "")
    clock(RELEASE + datetime.timedelta(hours=2))
    root = ET.fromstring(client.get(reverse("publications:feed")).content)  # noqa: S314 - our own feed
    atom = "{http://www.w3.org/2005/Atom}"
    entries = root.findall(f"{atom}entry")
    assert len(entries) == 2
    assert {entry.find(f"{atom}id").text for entry in entries} == {
        f"publication-{pk}" for pk in published["review"].publications.values_list("pk", flat=True)
    }


def test_withdrawal_leaves_a_public_notice(client, published, clock, inspector):
    clock(AFTER)
    entry = published["letter"].publication_entry
    letter_withdraw(entry=entry, reason="It named the wrong force in one paragraph.", by=inspector)
    urls = public_urls(published)
    page = client.get(urls["letter"])
    assert page.status_code == 200
    assert "This letter was withdrawn on" in page.content.decode()
    assert "It named the wrong force in one paragraph." in page.content.decode()
    assert client.get(urls["pdf"]).status_code == 410
    row = next(csv.DictReader(io.StringIO(text_of(client.get(reverse("publications:letters-csv"))))))
    assert row["withdrawal_reason"] == "It named the wrong force in one paragraph."


def test_corrected_version_shows_alongside_the_one_it_replaces(client, published, clock, inspector, signatory):
    from letters.services import letter_approve, letter_correct

    correction = letter_correct(letter=published["letter"], by=inspector)
    letter_approve(letter=correction, by=signatory)
    from letters.services import letter_issue

    correction = letter_issue(letter=correction, by=signatory)
    publish(published["review"], [correction], inspector, AFTER, overview_title="")
    clock(AFTER + datetime.timedelta(minutes=1))
    review = published["review"]
    latest = client.get(reverse("publications:letter", args=[review.slug, "merseyside"])).content.decode()
    assert "Version 1" in latest and "Version 2 (this page)" in latest and "correcting version 1" in latest
    first = client.get(reverse("publications:letter-version", args=[review.slug, "merseyside", 1])).content.decode()
    assert "It has been corrected" in first
    listing = client.get(reverse("publications:letters")).content.decode()
    assert "1 letter" in listing and "corrected (version 2)" in listing
    assert len(list(csv.DictReader(io.StringIO(text_of(client.get(reverse("publications:letters-csv"))))))) == 2


def test_public_pages_are_cached_with_sensible_headers(client, published, clock, django_assert_num_queries):
    clock(AFTER)
    url = reverse("publications:letters")
    first = client.get(url)
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    with django_assert_num_queries(0):  # served from the cache: what is public now is known without a query
        assert client.get(url).content == first.content
    missing = client.get(reverse("publications:letter", args=[published["review"].slug, "cheshire"]))
    assert "no-cache" in missing["Cache-Control"]


def test_signed_in_users_get_private_pages(client, published, clock, inspector):
    clock(AFTER)
    client.force_login(inspector)
    response = client.get(reverse("publications:letters"))
    assert "private" in response["Cache-Control"]
    assert "Sign out" in response.content.decode()


# The latest public version, as stored supersession times make it.

LATER = AFTER + datetime.timedelta(days=3)


def correction_scheduled(published, inspector, signatory, release_at):
    correction = letter_correct(letter=published["letter"], by=inspector)
    letter_approve(letter=correction, by=signatory)
    correction = letter_issue(letter=correction, by=signatory)
    publish(published["review"], [correction], inspector, release_at, overview_title="")
    return PublishedLetter.objects.get(letter=correction)


def listed_versions(client):
    cache.clear()
    listing = client.get(reverse("publications:letters")).content.decode()
    assert "1 letter" in listing
    return "corrected (version 2)" in listing


def test_a_correction_takes_over_at_its_own_release_time(client, published, clock, inspector, signatory):
    correction_scheduled(published, inspector, signatory, LATER)
    clock(LATER - datetime.timedelta(seconds=1))
    assert not listed_versions(client)
    assert PublishedLetter.objects.latest_versions().get().letter.version == 1
    clock(LATER)
    assert listed_versions(client)
    assert PublishedLetter.objects.latest_versions().get().letter.version == 2


def test_a_correction_withdrawn_before_release_never_takes_over(client, published, clock, inspector, signatory):
    entry = correction_scheduled(published, inspector, signatory, LATER)
    clock(AFTER)
    letter_withdraw(entry=entry, reason="Sent in error.", by=inspector)
    clock(LATER + datetime.timedelta(days=1))
    assert not listed_versions(client)
    assert PublishedLetter.objects.latest_versions().get().letter.version == 1
