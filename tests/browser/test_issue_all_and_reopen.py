"""The signatory confirms a bulk issue from the list of letters it will issue; an inspector reopens uploads."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from letters.models import BulkJob
from letters.services import letter_issue
from reviews.models import UploadReopening
from tests.browser.conftest import assert_accessible
from tests.browser.test_review_journey import sign_in
from tests.letter_helpers import add_letter_template, draft


def test_bulk_issue_lists_the_letters_and_says_it_cannot_be_undone(
    page, review, inspector, signatory, cheshire, merseyside
):
    add_letter_template(review)
    for force in (cheshire, merseyside):
        draft(review, force, inspector, approve=True)
    sign_in(page, "signatory")
    page.goto(review.get_absolute_url())
    page.get_by_role("link", name="Issue the 2 approved letters").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Issue all approved letters")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Cheshire Constabulary")
    expect(table).to_contain_text("chief@merseyside.example.org")
    expect(page.locator(".govuk-warning-text")).to_contain_text("Issuing cannot be undone.")
    assert_accessible(page)
    page.get_by_role("button", name="Issue and email 2 letters").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Issue all approved letters")  # the job's page
    assert BulkJob.objects.get().total == 2


def test_an_inspector_reopens_uploads_closed_by_the_letter(page, review, inspector, signatory, cheshire):
    add_letter_template(review)
    letter_issue(letter=draft(review, cheshire, inspector, approve=True), by=signatory)
    until = timezone.localdate() + datetime.timedelta(days=5)
    sign_in(page, "inspector")
    page.goto(f"/manage/reviews/{review.pk}/forces/cheshire/")
    expect(page.locator(".govuk-summary-list").first).to_contain_text("Closed: the letter was issued on")
    page.get_by_role("link", name="Reopen uploads").click()
    assert_accessible(page)
    page.get_by_label("Day").fill(str(until.day))
    page.get_by_label("Month").fill(str(until.month))
    page.get_by_label("Year").fill(str(until.year))
    page.get_by_label("Reason").fill("The force found an annex it had left out.")
    page.get_by_role("button", name="Reopen uploads").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"Cheshire Constabulary may upload again until {until:%-d %B %Y}"
    )
    assert_accessible(page)
    assert UploadReopening.objects.get().reopened_by == inspector
