"""Issue 13 in the browser: the daily job's reminder and chaser on a force's row (time moved by giving
the job its day, never slept), and a governance body submitting its section 55 response."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from inspections.models import InspectionReport
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_review_journey import sign_in


def test_a_reminder_and_a_chaser_are_recorded_on_the_force_row(page, review, inspector, merseyside_officer):
    deadline = review.submission_deadline
    for day in (deadline - datetime.timedelta(days=7), deadline + datetime.timedelta(days=1)):
        call_command("send_reminders", "--date", day.isoformat(), stdout=io.StringIO())
    sign_in(page, "inspector")
    page.goto(f"/manage/reviews/{review.pk}/")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Merseyside Police"))
    expect(row).to_contain_text(f"Reminder sent {deadline - datetime.timedelta(days=7):%-d %b}")
    expect(row).to_contain_text(f"Chaser sent {deadline + datetime.timedelta(days=1):%-d %b}")
    assert_accessible(page)
    screenshot(page, "review-reminder-and-chaser.png")
    for path, heading in [
        ("/manage/section-55/", "Section 55 responses"),
        ("/manage/register/forces/merseyside/", "Merseyside Police"),
        ("/manage/register/claims/", "Claims awaiting verification"),
    ]:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)


def test_a_governance_body_submits_its_section_55_response(page, cheshire, cheshire_pcc, tmp_path):
    InspectionReport.objects.create(
        title="Custody inspection of Cheshire Constabulary",
        published_on=timezone.localdate() - datetime.timedelta(days=20),
        scope=InspectionReport.Scope.FORCE,
        force=cheshire,
    )
    sign_in(page, "cheshire-pcc")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your responses to inspection reports")
    expect(page.get_by_role("row").filter(has_text="Custody inspection")).to_contain_text("Due in 36 days")
    assert_accessible(page)
    page.get_by_role("link", name="Custody inspection of Cheshire Constabulary").click()
    page.get_by_role("button", name="Submit and publish the response").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the chief officer's comments")
    assert_accessible(page)
    page.get_by_label("The chief officer's comments").fill("The Chief Constable accepts the findings.")
    page.get_by_label("Your response to the report").fill("I will monitor the custody improvements monthly.")
    page.get_by_role("button", name="Submit and publish the response").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Response submitted and published")
    expect(page.get_by_text("I will monitor the custody improvements monthly.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Responses to inspection reports").click()
    expect(page.get_by_role("row").filter(has_text="Custody inspection")).to_contain_text("Received on time")
    assert_accessible(page)
    page.get_by_role("link", name="Custody inspection of Cheshire Constabulary").click()
    expect(page.get_by_text("The Chief Constable accepts the findings.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "public-section-55-response.png")
