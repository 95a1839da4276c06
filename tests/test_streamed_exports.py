"""The open data exports stream: the first byte leaves before a row is read, Python memory stays flat however
long the export is, and every row arrives, parseable. The Atom feed reads no letter's row."""

import csv
import datetime
import hashlib
import io
import json
import re
import tracemalloc
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.history import bulk_create_audited
from forces.models import Force
from inspections.models import InspectionReport, Topic
from letters.models import Letter
from publications.bench.measure import in_process
from publications.models import Publication, PublishedLetter
from recommendations.models import Recommendation, RegisterEntry, RegisterStatus
from reviews.models import Assessment
from tests.factories import make_review
from tests.publication_helpers import text_of


def bulk_letters(count, signatory, inspector, prefix="bulk", body="Body text about the topic."):
    """`count` published letters in reviews of 40 forces, a few bulk inserts per model (no PDF is rendered:
    the exports never read one)."""
    release_at = timezone.now() - datetime.timedelta(days=1)
    forces = list(Force.objects.filter(kind=Force.Kind.TERRITORIAL)[:40])
    pdf = b"%PDF-1.7 stand-in"
    stored = default_storage.save("letter/stand-in.pdf", ContentFile(pdf))  # one file for every row
    assessments, letters, entries = [], [], []
    for index in range((count + 39) // 40):
        review = make_review(signatory, slug=f"{prefix}-{index}", forces=forces)
        outcome = review.outcome_categories.first()
        publication = Publication.objects.create(review=review, release_at=release_at, scheduled_by=inspector)
        for force in forces[: min(40, count - len(letters))]:
            assessment = Assessment(
                review=review, force=force, outcome=outcome, assessed_by=inspector, assessed_at=release_at
            )
            assessments.append(assessment)
            letter = Letter(
                assessment=assessment,
                review=review,
                force=force,
                state=Letter.State.ISSUED,
                heading="Heading",
                body=body,
                drafted_by=inspector,
                issued_by=signatory,
                issued_at=release_at,
                letter_date=release_at.date(),
                force_name=force.name,
                pdf=stored,
                pdf_size=len(pdf),
                pdf_sha256=hashlib.sha256(pdf).hexdigest(),
            )
            letters.append(letter)
            entries.append(
                PublishedLetter(
                    publication=publication,
                    letter=letter,
                    outcome_name=outcome.name,
                    outcome_position=0,
                    release_at=release_at,
                    letter_date=letter.letter_date,
                    force_id=letter.force_id,
                )
            )
    for model, rows in [(Assessment, assessments), (Letter, letters), (PublishedLetter, entries)]:
        bulk_create_audited(model, rows, by=inspector)
    return len(letters)


def bulk_recommendations(count, inspector, prefix):
    """`count` recommendations of one published report, each at one force."""
    report = InspectionReport.objects.create(title=f"Report {prefix}", published_on=datetime.date(2019, 1, 1))
    topic = Topic.objects.create(name=f"Topic {prefix}")
    recommendations = [
        Recommendation(
            reference=f"{prefix}-{index}",
            report=report,
            topic=topic,
            text="Forces should review the capacity of their counter-corruption units.",
            timescale=Recommendation.Timescale.MONTHS_AFTER_PUBLICATION,
            timescale_months=6,
            due_on=datetime.date(2019, 7, 1),
        )
        for index in range(count)
    ]
    bulk_create_audited(Recommendation, recommendations, by=inspector)
    forces = list(Force.objects.filter(kind=Force.Kind.TERRITORIAL).order_by("name"))
    RegisterEntry.objects.bulk_create(
        RegisterEntry(
            recommendation=recommendation,
            force=forces[index % len(forces)],
            status=RegisterStatus.BEING_PROGRESSED,
            status_since=datetime.date(2019, 2, 1),
        )
        for index, recommendation in enumerate(Recommendation.objects.filter(report=report))
    )
    return count


@dataclass
class Read:
    """An export read as a server sends it: piece by piece, each written out and let go."""

    text: str
    size: int
    pieces: int
    queries_before_first_piece: int
    peak_memory: int  # the peak of Python memory allocated while it was read, in bytes


def read(client, url, tmp_path) -> Read:
    response = client.get(url)
    assert response.status_code == 200 and response.streaming, url
    pieces = iter(response.streaming_content)
    path = tmp_path / "export"
    tracemalloc.start()
    try:
        with CaptureQueriesContext(connection) as queries:
            first = next(pieces)
        count = 1
        with path.open("wb") as file:
            file.write(first)
            for piece in pieces:
                file.write(piece)
                count += 1
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return Read(path.read_text(), path.stat().st_size, count, len(queries), peak)


def reads_at_two_sizes(client, urls, tmp_path, add_rows) -> list[tuple[Read, Read]]:
    """Each export read with the rows there are, then again once add_rows() has added twice as many."""
    for url in urls:
        read(client, url, tmp_path)  # the first read fills the caches every later one uses (URLs, SQL, codecs)
    small = [read(client, url, tmp_path) for url in urls]
    add_rows()
    return list(zip(small, [read(client, url, tmp_path) for url in urls], strict=True))


def assert_flat(url, small: Read, large: Read):
    """The first byte left before the database was asked for a row, the body came in several pieces, and
    memory stayed flat as the body grew threefold: built whole, an export holds every row and its text, so its
    memory grows with it. (The peak is a chunk of rows and a piece of text, about 1.5 to 3 MB whatever the
    export's length: at 50,000 letters a 16 MB CSV.)"""
    print(f"{url}: {small.size} -> {large.size} bytes, peak {small.peak_memory} -> {large.peak_memory} bytes")  # noqa: T201
    assert large.queries_before_first_piece == 0, url
    assert large.pieces > 2, url
    assert large.size > 2.5 * small.size, url
    assert large.peak_memory < 1.25 * small.peak_memory, url


def test_the_letters_exports_stream_in_flat_memory(client, forces, signatory, inspector, tmp_path):
    bulk_letters(1000, signatory, inspector, prefix="first")
    urls = [reverse("publications:letters-csv"), reverse("publications:letters-json")]
    reads = reads_at_two_sizes(client, urls, tmp_path, lambda: bulk_letters(2000, signatory, inspector, "more"))
    for url, (small, large) in zip(urls, reads, strict=True):
        assert_flat(url, small, large)
    (_, csv_read), (_, json_read) = reads
    rows = list(csv.DictReader(io.StringIO(csv_read.text)))
    assert len(rows) == 3000
    assert len({row["id"] for row in rows}) == 3000
    assert rows[0]["pdf_url"].startswith("http://testserver/letters/first-")
    data = json.loads(json_read.text)
    assert list(data) == ["columns", "letters"]
    assert data["letters"] == [{**row, "version": int(row["version"])} for row in rows]


def test_the_letters_csv_is_an_attachment(client, forces, signatory, inspector):
    bulk_letters(1, signatory, inspector)
    response = client.get(reverse("publications:letters-csv"))
    assert response["Content-Disposition"] == 'attachment; filename="published-letters.csv"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_the_register_exports_stream_in_flat_memory(client, forces, inspector, tmp_path):
    bulk_recommendations(1000, inspector, "first")
    names = [("recommendations", "reference"), ("statuses", "recommendation")]
    urls = [reverse(f"publications:register-{name}-{kind}") for name, _ in names for kind in ("csv", "json")]
    reads = reads_at_two_sizes(client, urls, tmp_path, lambda: bulk_recommendations(2000, inspector, "more"))
    for url, (small, large) in zip(urls, reads, strict=True):
        assert_flat(url, small, large)
    for index, (name, key) in enumerate(names):
        csv_read, json_read = reads[2 * index][1], reads[2 * index + 1][1]
        rows = list(csv.DictReader(io.StringIO(csv_read.text)))
        assert len(rows) == 3000
        assert [row[key] for row in json.loads(json_read.text)[name]] == [row[key] for row in rows]


def test_the_feed_reads_no_letter_text(client, forces, signatory, inspector):
    bulk_letters(40, signatory, inspector, body="The force's plans in detail. " * 20_000)  # 23 MB of text
    tracemalloc.start()
    try:
        feed = text_of(client.get(reverse("publications:feed")))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert feed.count("<entry>") == 1 and "Merseyside Police" in feed
    assert peak < 5_000_000, peak


def test_the_scale_benchmark_measures_an_export_and_its_first_byte(forces, signatory, inspector):
    bulk_letters(3, signatory, inspector)
    lines = [measure.line() for measure in in_process("letters csv", reverse("publications:letters-csv"), runs=1)]
    form = r"scale: letters csv( first byte)? p50_ms=\d+\.\d queries=\d+ bytes=\d+ rss_delta_mb=-?\d+\.\d"
    assert len(lines) == 2 and all(re.fullmatch(form, line) for line in lines), lines
    assert "first byte" in lines[1] and "queries=1 " in lines[0]  # the rows, read in chunks of one query
