"""An inspector records a recommendation's status at a force and reads it back, on accessible pages."""

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_review_journey import sign_in


def test_an_inspector_records_a_status_change_at_a_force(page, review, inspector, signatory):
    recommendation = review.recommendation
    today = timezone.localdate()
    sign_in(page, "inspector")
    page.goto(f"/manage/recommendations/{recommendation.pk}/")
    page.get_by_role("link", name="Status at each force").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Status at each force")
    assert_accessible(page)
    page.get_by_role("link", name="Cheshire Constabulary").click()
    page.get_by_label("Closed: no longer relevant").check()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Reason (shown on the timeline)").fill("A 2018 recommendation replaces it.")
    page.get_by_role("button", name="Record the change").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the basis on which the recommendation is closed")
    assert_accessible(page)
    page.get_by_label("Basis of the closure").fill("the 2018 report reframes it")
    page.get_by_label("Inspector authorising the closure").select_option(label=signatory.display_name)
    page.get_by_role("button", name="Record the change").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Status at Cheshire Constabulary recorded"
    )
    expect(page.locator(".app-timeline")).to_contain_text("Status: Closed: no longer relevant")
    expect(page.locator(".app-timeline")).to_contain_text("A 2018 recommendation replaces it.")
    assert_accessible(page)
