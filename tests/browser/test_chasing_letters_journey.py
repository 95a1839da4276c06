"""Issue 13 in the browser: an inspector drafts chasing letters for a review's overdue forces through
the bulk letter pipeline, reads one, and sends them; the force rows say so."""

import io

from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_review_journey import sign_in
from tests.factories import make_review


def test_an_inspector_drafts_and_sends_chasing_letters(page, forces, signatory, inspector, cheshire_officer):
    overdue = list(forces.filter(slug__in=["cheshire", "merseyside"]))
    review = make_review(signatory, forces=overdue, slug="chased", days_left=-3)
    for force in overdue:
        force.chief_officer_email = f"chief@{force.slug}.example.org"
        force.save()
    sign_in(page, "inspector")
    page.goto(f"/manage/reviews/{review.pk}/")
    page.get_by_role("button", name="Draft chasing letters for the 2 overdue forces").click()
    assert_accessible(page)
    call_command("run_worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())  # the worker's turn
    page.goto(f"/manage/reviews/{review.pk}/")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Cheshire Constabulary"))
    row.get_by_role("link", name="Chasing letter drafted").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chasing letter to Cheshire Constabulary")
    assert_accessible(page)
    page.get_by_role("link", name="Back to the review").click()
    page.get_by_role("button", name="Send the 2 drafted chasing letters").click()
    expect(row.get_by_role("link", name="Chasing letter sent")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "review-chasing-letters.png")
