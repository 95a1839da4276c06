"""A member of the public finds Merseyside's letter by searching, reads it and downloads the PDF."""

import datetime
import hashlib
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from inspections.services import topic_rename
from tests.browser.conftest import assert_accessible
from tests.letter_helpers import add_letter_template
from tests.publication_helpers import issued, publish


def test_search_read_and_download(page, review, merseyside, inspector, signatory):
    add_letter_template(review)
    topic_rename(
        topic=review.recommendation.topic,
        new_name="abuse of position for a sexual purpose",
        renamed_on=datetime.date(2017, 4, 1),
        reason="National strategy",
    )
    letter = issued(review, merseyside, inspector, signatory)
    publish(review, [letter], inspector, timezone.now() - datetime.timedelta(minutes=5))

    page.goto("/")
    assert_accessible(page)
    page.get_by_label("Search published letters by force, topic or words in the letter").fill(
        "abuse of position for a sexual purpose"
    )
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 letter")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Merseyside Police: HMICFRS assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "HMICFRS assessment: Abuse of position for a sexual purpose"
    )
    assert_accessible(page)
    shown = page.locator("[data-sha256]").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the letter (PDF)").click()
    pdf = Path(download_info.value.path()).read_bytes()
    assert hashlib.sha256(pdf).hexdigest() == shown == letter.pdf_sha256

    for link in ["Review review-2017", "Published letters"]:
        page.get_by_role("link", name=link, exact=True).first.click()
        assert_accessible(page)
    for url in [
        "/reviews/review-2017/",
        f"/recommendations/{review.recommendation.reference}/",
        "/forces/merseyside/",
        "/forces/",
        "/data/",
        "/accessibility/",
        "/letters/?q=no+such+words+anywhere",
    ]:
        page.goto(url)
        assert_accessible(page)
