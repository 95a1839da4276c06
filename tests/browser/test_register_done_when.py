"""The register end to end, as issue 12's "Done when" walks it: an inspector imports a report's
recommendations from CSV; Cheshire's liaison officer responds, plans, revises a target date with a
reason and claims completion with evidence; the inspector returns the claim once, then verifies it.
axe-core checks every page on the way."""

import datetime
import json
import re

from playwright.sync_api import expect

from inspections.models import TopicRename
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_review_journey import sign_in
from tests.factories import pdf_bytes

REFERENCE = "peel-2016-imported-1"


def import_csv(page, report, former_topic_name, tmp_path):
    csv = tmp_path / "recommendations.csv"
    csv.write_text(
        "reference,kind,topic,text,timescale_months,due_date,forces,priority,priority_reason,cause_of_concern\n"
        f'{REFERENCE},recommendation,{former_topic_name},"Forces should publish their vetting plans.",6,,all,yes,'
        '"Public confidence depends on it.",\n',
        encoding="utf-8",
    )
    page.goto("/manage/recommendations/")
    page.get_by_role("link", name="Import recommendations from a CSV file").click()
    assert_accessible(page)
    page.get_by_label("Report").select_option(value=str(report.pk))
    page.get_by_label("CSV file").set_input_files(str(csv))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("cell", name=REFERENCE)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Add this recommendation").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()


def fill_date(page, day, scope=None):
    where = scope or page
    where.get_by_label("Day").fill(str(day.day))
    where.get_by_label("Month").fill(str(day.month))
    where.get_by_label("Year").fill(str(day.year))


def officer_plans_and_claims(page, tmp_path):
    page.get_by_role("link", name="Your force's recommendations").click()
    assert_accessible(page)
    page.get_by_role("link", name=REFERENCE).click()
    assert_accessible(page)
    page.get_by_label("Agreed", exact=True).check()
    page.get_by_role("button", name="Record the response").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Response recorded")
    page.get_by_label("Action").fill("Publish the vetting plan on the force website.")
    page.get_by_label("Owner").fill("Head of Professional Standards")
    fill_date(page, datetime.date(2030, 3, 31))
    page.get_by_role("button", name="Add the action").click()
    page.get_by_role("link", name="Revise the target date").click()
    fill_date(page, datetime.date(2030, 6, 30))
    page.get_by_role("button", name="Revise the target date").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the reason the target date moves")
    assert_accessible(page)
    page.get_by_label("Why the date moves").fill("The website is being rebuilt.")
    page.get_by_role("button", name="Revise the target date").click()
    expect(page.get_by_text("originally 31 March 2030; revised 1 time")).to_be_visible()
    claim(page, tmp_path, "vetting-plan.pdf")


def claim(page, tmp_path, name):
    evidence = tmp_path / name
    evidence.write_bytes(pdf_bytes())
    page.get_by_label("What the force has done").fill("The plan is published.")
    page.get_by_label("Evidence (optional)").set_input_files(str(evidence))
    page.get_by_label("The force has completed this recommendation").check()
    page.get_by_role("button", name="Send the update").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Completion claimed")
    assert_accessible(page)


def inspector_decides(page, decision, reason):
    page.goto("/manage/register/claims/")
    assert_accessible(page)
    page.get_by_role("link", name="Cheshire Constabulary").click()
    page.get_by_label(decision).check()
    page.get_by_label("Reasons (the force sees them)").fill(reason)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    assert_accessible(page)


def test_import_respond_plan_claim_return_and_verify(
    page, browser, live_server, review, inspector, cheshire_officer, tmp_path
):
    topic = review.recommendation.topic
    TopicRename.objects.create(
        topic=topic, former_name="legitimacy (old name)", new_name=topic.name, renamed_on=datetime.date(2017, 4, 1)
    )
    sign_in(page, "inspector")
    import_csv(page, review.recommendation.report, "legitimacy (old name)", tmp_path)
    # The force's officer works in a browser of their own (an inspector's code is used once only).
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    officer = context.new_page()
    officer.set_default_timeout(10_000)
    sign_in(officer, "cheshire")
    officer_plans_and_claims(officer, tmp_path)
    inspector_decides(page, "Return it to the force", "The plan is not yet on the website.")
    expect(page.locator(".app-timeline")).to_contain_text("Claim returned")
    officer.goto(f"/force/recommendations/{REFERENCE}/")
    expect(officer.locator(".app-timeline")).to_contain_text("The plan is not yet on the website.")
    claim(officer, tmp_path, "vetting-plan-live.pdf")
    context.close()
    inspector_decides(page, "Verify: the recommendation is complete", "Checked on the website.")
    today = datetime.date.today()
    expect(
        page.get_by_text(f"Force reports complete on {today:%-d %B %Y}; inspectorate verified on {today:%-d %B %Y}")
    ).to_be_visible()
    page.get_by_role("link", name="Status at each force").click()
    expect(page.locator("tbody tr")).to_have_count(43)
    assert_accessible(page)
    page.goto("/manage/register/?status=verified")
    expect(page.get_by_role("heading", name="1 entry")).to_be_visible()
    assert_accessible(page)
    public = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    public_sees_the_change(public, today)


def public_sees_the_change(page, today):
    page.goto("/register/")
    page.get_by_label("Search").fill("legitimacy (old name)")
    page.get_by_role("button", name="Filter").click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("publish their vetting plans|PEEL: police legitimacy 2016")).first.click()
    expect(page.locator("tbody tr")).to_have_count(43)
    expect(page.get_by_role("row").filter(has_text="Cheshire Constabulary")).to_contain_text("Complete (verified)")
    assert_accessible(page)
    screenshot(page, "public-recommendation.png")
    page.get_by_role("link", name="Every recommendation of this report").click()
    expect(page.locator("form")).to_contain_text("Report:")
    expect(page.locator(f'a[href="/recommendations/{REFERENCE}/"]')).to_be_visible()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="Cheshire Constabulary").click()
    both = f"Force reports complete on {today:%-d %B %Y}; inspectorate verified on {today:%-d %B %Y}"
    expect(page.get_by_text(both)).to_be_visible()
    expect(page.locator(".app-timeline")).to_contain_text("Target date revised")
    assert_accessible(page)
    screenshot(page, "public-force-timeline.png")
    page.goto("/forces/cheshire/register/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cheshire Constabulary")
    assert_accessible(page)
    screenshot(page, "public-force-register.png")
    open_data_shows_the_change(page)


def open_data_shows_the_change(page):
    statuses = page.request.get("/data/register/statuses.csv").text()
    assert any(REFERENCE in line and "cheshire" in line and "verified" in line for line in statuses.splitlines())
    rows = page.request.get("/data/register/statuses.json").json()
    rows = rows if isinstance(rows, list) else next(value for value in rows.values() if isinstance(value, list))
    assert any(
        row.get("recommendation") == REFERENCE and row.get("status") == "verified"
        for row in rows
        if row.get("force") == "cheshire"
    )
    api = page.request.get(f"/api/v1/statuses?recommendation={REFERENCE}&force=cheshire").json()
    assert "verified" in json.dumps(api)
    assert page.request.get("/api/v1/openapi.json").json()["openapi"].startswith("3.")
    feed = page.request.get("/register/changes.atom").text()
    assert REFERENCE in feed and "Complete (verified)" in feed
