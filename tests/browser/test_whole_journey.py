"""The journey as the inspectorate lives it, end to end: a deep link survives sign-in and the second
factor; the draft's PDF says DRAFT and carries no signature; a second person approves; the signatory
issues from their queue through the confirmation page; the issued PDF is signed and unmarked; the
letter is published and the national overview counts every force of the review. axe on every page.

With SCREENSHOTS set to a folder, each step is saved there as a PNG for people to look at.
"""

import datetime
import os
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from accounts.demo import signature_png
from tests.browser.conftest import assert_accessible
from tests.browser.test_letter_journey import pdf_pages
from tests.browser.test_review_journey import current_code, sign_in, sign_out
from tests.conftest import PASSWORD
from tests.letter_helpers import add_letter_template, assess


def step(page, name):
    """Check the page with axe, and keep a screenshot of it when SCREENSHOTS names a folder."""
    assert_accessible(page)
    if folder := os.environ.get("SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def sign_in_at_deep_link(page, review):
    target = f"/manage/reviews/{review.pk}/forces/cheshire/"
    page.goto(target)
    step(page, "01-sign-in-from-deep-link")
    page.get_by_label("Username").fill("inspector")
    page.get_by_label("Password").fill(PASSWORD)
    code = current_code("inspector")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    step(page, "02-second-factor")
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Continue").click()
    assert page.url.endswith(target)
    step(page, "03-arrived-at-deep-link")


def draft_and_preview(page):
    page.get_by_role("button", name="Draft the letter").click()
    expect(page.locator(".app-letter__draft-mark")).to_contain_text("DRAFT")
    step(page, "04-draft")
    for text, images in pdf_pages(page, page.get_by_role("link", name="Preview the PDF").get_attribute("href")):
        assert "DRAFT" in text and images == []  # marked on every page, no signature


def approve_from_queue(page):
    page.get_by_role("link", name="Dashboard").click()
    page.locator("#letters-to-approve + table").get_by_role("link", name="Letter to Cheshire Constabulary").click()
    page.get_by_role("button", name="Approve letter").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Letter approved")
    step(page, "05-approved-by-another")


def issue_from_queue(page):
    page.get_by_role("link", name="Dashboard").click()
    queue = page.locator("#letters-ready-to-issue + table")
    step(page, "06-signatory-queue")
    queue.get_by_role("link", name="Letter to Cheshire Constabulary").click()
    page.get_by_role("link", name="Issue and email letter").click()
    expect(page.locator(".govuk-warning-text")).to_contain_text("Issuing cannot be undone.")
    step(page, "07-issue-confirmation")
    page.get_by_role("button", name="Issue and email letter").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Letter issued")
    step(page, "08-issued")
    issued = pdf_pages(page, page.get_by_role("link", name="Download the issued PDF").get_attribute("href"))
    assert all("DRAFT" not in text for text, _ in issued)
    assert sum(len(images) for _, images in issued) == 1  # the signature


def publish_now(page, review):
    page.goto(f"/manage/reviews/{review.pk}/publications/")
    step(page, "09-publication")
    page.get_by_role("link", name="Schedule publication").click()
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Release time").fill((timezone.localtime() - datetime.timedelta(minutes=2)).strftime("%H:%M"))
    page.get_by_label("Cheshire Constabulary").check()
    page.get_by_label("Title of the national overview").fill("Counter-corruption: national overview")
    step(page, "10-schedule")
    page.get_by_role("button", name="Schedule publication").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("1 letter will be published")


def test_deep_link_draft_approve_issue_publish_and_count_every_force(
    page, review, inspector, signatory, cheshire, cheshire_officer
):
    add_letter_template(review)
    signatory.signature.save("signature.png", ContentFile(signature_png()))
    cheshire.chief_officer_email = "chief.constable@cheshire.example.org"
    cheshire.save()
    assess(review, cheshire, inspector)

    sign_in_at_deep_link(page, review)
    draft_and_preview(page)
    sign_out(page)
    sign_in(page, "signatory")
    approve_from_queue(page)
    issue_from_queue(page)
    publish_now(page, review)  # staff publish: here the signatory, already signed in
    sign_out(page)

    page.goto(f"/reviews/{review.slug}/")
    expect(page.locator("main")).to_contain_text("43 forces were asked; 1 letter is published.")
    expect(page.locator("main")).to_contain_text("No submission")
    step(page, "11-public-overview")
