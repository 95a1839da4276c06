"""Cheshire uploads its plan; an inspector finds it, downloads it and records the assessment."""

import re
from pathlib import Path

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.models import User
from tests.browser.conftest import assert_accessible
from tests.conftest import PASSWORD
from tests.factories import pdf_bytes


def current_code(username):
    """The code an authenticator app would show now for the user's (test) device."""
    user = User.objects.get(username=username)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Test app", defaults={"confirmed": True})
    return str(TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()).zfill(6)


def sign_in(page, username):
    page.goto("/account/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    if User.objects.get(username=username).is_inspector:
        code = current_code(username)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
        assert_accessible(page)
        page.get_by_label("Code").fill(code)
        page.get_by_role("button", name="Continue").click()
    else:
        page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name=f"Sign out ({username})")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_cheshire_uploads_and_inspector_assesses(page, review, cheshire_officer, inspector, tmp_path):
    plan = tmp_path / "Cheshire plan.pdf"
    plan.write_bytes(pdf_bytes(pages=2))

    sign_in(page, "cheshire")
    page.get_by_role("link", name="Your force's requests").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your force's requests")
    assert_accessible(page)
    page.get_by_role("link", name=review.title).click()
    expect(page.get_by_text("10 days left")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Send documents").click()  # nothing chosen: an error, then a real upload
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select at least one document")
    assert_accessible(page)
    page.get_by_label("Documents").set_input_files(str(plan))
    page.get_by_label("Covering note (optional)").fill("Approved by the chief officer group.")
    page.get_by_role("button", name="Send documents").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("1 document received")
    expect(page.get_by_role("link", name="Cheshire plan.pdf")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "inspector")
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    assert_accessible(page)
    page.get_by_role("link", name=review.title).first.click()
    expect(page.get_by_text("Submitted on time: 1")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Cheshire Constabulary").click()
    expect(page).to_have_url(re.compile(r"/forces/cheshire/$"))
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Cheshire plan.pdf").click()
    download = download_info.value
    assert download.suggested_filename == "Cheshire plan.pdf"
    assert Path(download.path()).read_bytes() == plan.read_bytes()

    page.get_by_role("link", name="Assess the force's plans").click()
    assert_accessible(page)
    for element in review.elements.all():
        page.get_by_role("group", name=element.name).get_by_label("Planned").check()
    page.get_by_label("Already had all elements in place").check()
    page.get_by_label("Notes (not shown to the force)").fill("Thorough plan.")
    page.get_by_role("button", name="Save assessment").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Assessment of Cheshire Constabulary")
    expect(page.get_by_text("Assessed: Already had all elements in place")).to_be_visible()
    assert_accessible(page)
