"""An inspector drafts and dates Cheshire's letter; the signatory approves it and issues it through the
confirmation page; Cheshire reads the conclusion, finds uploads closed and downloads the signed letter."""

import datetime
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from accounts.demo import signature_png
from core.files import file_read
from letters.models import Letter
from tests.browser.conftest import assert_accessible
from tests.browser.test_review_journey import sign_in, sign_out
from tests.letter_helpers import add_letter_template, assess
from tests.test_letter_drafts import pages_of


def open_cheshire(page, review):
    page.get_by_role("link", name="Dashboard").click()
    page.get_by_role("link", name=review.title).first.click()
    page.get_by_role("link", name="Cheshire Constabulary").click()


def pdf_pages(page, url):
    response = page.request.get(url)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    return pages_of(response.body())


def test_draft_date_approve_by_another_confirm_issue_and_download(
    page, review, inspector, signatory, cheshire, cheshire_officer
):
    add_letter_template(review)
    signatory.signature.save("signature.png", ContentFile(signature_png()))
    cheshire.chief_officer_email = "chief.constable@cheshire.example.org"
    cheshire.governance_email = "pcc@cheshire.example.org"
    cheshire.save()
    assess(review, cheshire, inspector)
    letter_day = timezone.localdate() - datetime.timedelta(days=1)

    sign_in(page, "inspector")
    open_cheshire(page, review)
    page.get_by_role("button", name="Draft the letter").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Letter drafted")
    expect(page.locator(".app-letter__draft-mark")).to_contain_text("DRAFT Not issued and not signed")
    assert_accessible(page)
    page.get_by_role("link", name="Edit letter").click()
    page.get_by_label("Day").fill(str(letter_day.day))
    page.get_by_label("Month").fill(str(letter_day.month))
    page.get_by_label("Year").fill(str(letter_day.year))
    body = page.get_by_label("Letter text")
    body.fill(body.input_value() + "\n\nWe thank your force for its *prompt* reply.")
    expect(page.locator("[data-letter-preview] em").last).to_have_text("prompt")  # the live preview follows
    assert_accessible(page)
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".app-letter")).to_contain_text(f"{letter_day:%-d %B %Y}")
    expect(page.get_by_role("button", name="Approve letter")).to_have_count(0)  # not by its own editor
    expect(page.locator(".govuk-inset-text").filter(has_text="You were the last to edit")).to_contain_text(
        "someone else must approve it"
    )
    for text, images in pdf_pages(page, page.get_by_role("link", name="Preview the PDF").get_attribute("href")):
        assert "DRAFT" in text and images == []
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "signatory")
    open_cheshire(page, review)
    page.get_by_role("link", name="Letter to Cheshire Constabulary").click()
    page.get_by_role("button", name="Approve letter").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Letter approved")
    expect(page.locator(".app-letter__draft-mark")).to_be_visible()  # approved is still not issued
    page.get_by_role("link", name="Issue and email letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Issue the letter to Cheshire Constabulary")
    summary = page.locator(".govuk-summary-list")
    expect(summary).to_contain_text("Chief Constable, chief.constable@cheshire.example.org")
    expect(summary).to_contain_text("Police and Crime Commissioner, pcc@cheshire.example.org")
    expect(summary).to_contain_text(f"{letter_day:%-d %B %Y}")
    expect(page.locator(".govuk-warning-text")).to_contain_text("Issuing cannot be undone.")
    assert Letter.objects.get(force=cheshire).state == Letter.State.APPROVED  # the page alone issues nothing
    assert_accessible(page)
    page.get_by_role("button", name="Issue and email letter").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Letter issued. Its email to chief.constable@cheshire.example.org is queued"
    )
    expect(page.locator(".app-letter__draft-mark")).to_have_count(0)
    issued_pages = pdf_pages(page, page.get_by_role("link", name="Download the issued PDF").get_attribute("href"))
    assert all("DRAFT" not in text for text, _ in issued_pages)
    assert sum(len(images) for _, images in issued_pages) == 1  # the signature
    page.get_by_role("link", name="Back to Cheshire Constabulary").click()
    expect(page.locator("main")).to_contain_text("the assessment is locked")
    page.goto(f"/manage/reviews/{review.pk}/forces/cheshire/assessment/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The assessment is locked")
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "cheshire")
    page.get_by_role("link", name="Your force's requests").click()
    page.get_by_role("link", name=review.title).click()
    expect(page.locator("main")).to_contain_text(f"Our letter of {letter_day:%-d %B %Y} concluded:")
    expect(page.locator("main")).to_contain_text("Uploads for this request are closed")
    expect(page.get_by_label("Documents")).to_have_count(0)
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Topic for ref-review-2017").click()
    letter = Letter.objects.get(force=cheshire)
    assert letter.state == Letter.State.ISSUED and letter.letter_date == letter_day
    assert Path(download_info.value.path()).read_bytes() == file_read(letter.pdf)
