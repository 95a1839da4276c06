"""A letter whose email could not be sent, and a job that stopped: what the pages say, checked with axe-core."""

from playwright.sync_api import expect

from letters.jobs import start_job
from letters.models import BulkJob
from letters.services import letter_issue
from outbox.models import Delivery
from outbox.sending import MAX_ATTEMPTS, deliveries_send_due
from tests.browser.conftest import assert_accessible
from tests.browser.test_review_journey import sign_in
from tests.letter_helpers import add_letter_template, draft


def test_a_signatory_sees_an_unsent_letter_email_and_sends_it_again(page, review, inspector, signatory, cheshire):
    add_letter_template(review)
    letter = letter_issue(letter=draft(review, cheshire, inspector, approve=True), by=signatory)
    Delivery.objects.update(
        state=Delivery.State.FAILED,
        attempts=MAX_ATTEMPTS,
        next_attempt_at=None,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )

    sign_in(page, "signatory")
    page.goto(letter.get_absolute_url())
    emails = page.get_by_role("table", name="Emails")
    expect(emails).to_contain_text("Not sent")
    expect(emails).to_contain_text("Connection refused")
    assert_accessible(page)

    emails.get_by_role("button", name="Send again").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("queued to be sent again")
    expect(page.get_by_role("table", name="Emails")).to_contain_text("Queued")
    assert_accessible(page)

    deliveries_send_due()  # the worker
    page.reload()
    expect(page.get_by_role("table", name="Emails")).to_contain_text("Sent")
    expect(page.get_by_role("button", name="Send again")).to_have_count(0)


def test_a_failed_job_says_what_was_and_was_not_done(page, review, inspector, signatory, cheshire, merseyside):
    add_letter_template(review)
    draft(review, cheshire, inspector, approve=True)
    job = start_job(review=review, kind=BulkJob.Kind.ISSUE, by=signatory)
    BulkJob.objects.filter(pk=job.pk).update(
        state=BulkJob.State.FAILED,
        attempts=BulkJob.MAX_ATTEMPTS,
        failure="The worker stopped 3 times before this job could finish, so it was not tried again.",
    )

    sign_in(page, "signatory")
    page.goto(f"/manage/jobs/{job.pk}/")
    expect(page.get_by_role("status")).to_contain_text("Failed: 0 of 1 letter")
    expect(page.get_by_role("status")).to_contain_text("Cheshire Constabulary")
    assert_accessible(page)
