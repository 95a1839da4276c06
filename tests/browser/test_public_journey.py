"""A visitor reads a force's page; an inspector signs in and out. axe-core checks every page."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_review_journey import current_code
from tests.conftest import PASSWORD


def test_home_force_page_sign_in_and_out(page, forces, inspector):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Recommendation Tracker")
    assert_accessible(page)

    page.get_by_role("link", name="police forces and other bodies we inspect").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Police forces")
    assert_accessible(page)

    page.get_by_role("link", name="Merseyside Police").click()
    expect(page).to_have_url(re.compile(r"/forces/merseyside/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Merseyside Police")
    assert_accessible(page)

    page.get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)

    page.get_by_label("Username").fill("inspector")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a correct username and password")
    assert_accessible(page)

    page.get_by_label("Password").fill(PASSWORD)
    code = current_code("inspector")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    assert_accessible(page)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")  # staff land on their dashboard
    expect(page.get_by_role("link", name="Reference data")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert_accessible(page)
