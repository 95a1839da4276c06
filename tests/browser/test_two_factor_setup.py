"""A new inspector sets up their authenticator app at first sign-in and is shown recovery codes."""

import base64

from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.conftest import PASSWORD


def test_first_sign_in_sets_up_the_authenticator(page, inspector):
    page.goto("/account/sign-in/")
    page.get_by_label("Username").fill("inspector")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    expect(
        page.get_by_role("img", name="QR code to add Recommendation Tracker to an authenticator app")
    ).to_be_visible()
    assert_accessible(page)

    key = base64.b32decode(page.locator("code").inner_text().replace(" ", ""))
    page.get_by_label("Code").fill(str(TOTP(key).token()).zfill(6))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Keep your recovery codes safe")).to_be_visible()
    assert page.locator(".app-recovery-codes li").count() == 10
    assert_accessible(page)
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
