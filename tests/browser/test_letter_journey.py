"""Inspector composes and approves Cheshire's letter; the signatory issues it; Cheshire downloads it."""

from pathlib import Path

from playwright.sync_api import expect

from letters.models import Letter
from tests.browser.conftest import assert_accessible
from tests.browser.test_review_journey import sign_in, sign_out
from tests.letter_helpers import add_letter_template, assess


def open_cheshire(page, review):
    page.get_by_role("link", name="Dashboard").click()
    page.get_by_role("link", name=review.title).first.click()
    page.get_by_role("link", name="Cheshire Constabulary").click()


def test_compose_approve_issue_and_download(page, review, inspector, signatory, cheshire, cheshire_officer):
    add_letter_template(review)
    cheshire.chief_officer_email = "chief.constable@cheshire.example.org"
    cheshire.save()
    assess(review, cheshire, inspector)

    sign_in(page, "inspector")
    open_cheshire(page, review)
    page.get_by_role("button", name="Draft the letter").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Letter drafted")
    assert_accessible(page)
    page.get_by_role("link", name="Edit letter").click()
    assert_accessible(page)
    body = page.get_by_label("Letter text")
    body.fill(body.input_value() + "\n\nWe thank your force for its *prompt* reply.")
    expect(page.locator("[data-letter-preview] em").last).to_have_text("prompt")  # the live preview follows
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("button", name="Approve letter").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Letter approved")
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "signatory")
    open_cheshire(page, review)
    page.get_by_role("link", name="Letter to Cheshire Constabulary").click()
    page.get_by_role("button", name="Issue and email letter").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Letter issued. Its email to chief.constable@cheshire.example.org is queued"
    )
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "cheshire")
    page.get_by_role("link", name="Your force's requests").click()
    page.get_by_role("link", name=review.title).click()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Topic for ref-review-2017").click()
    letter = Letter.objects.get(force=cheshire)
    assert letter.state == Letter.State.ISSUED
    assert Path(download_info.value.path()).read_bytes() == bytes(letter.pdf)
