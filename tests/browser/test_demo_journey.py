"""A newcomer's first walk through the demo data: Cheshire uploads to the demonstration review, the
inspector assesses and drafts the letter, and no page on the way is a dead end or has an axe violation."""

import io

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from letters.models import Letter
from reviews.models import Review
from tests.browser.conftest import assert_accessible
from tests.factories import pdf_bytes

# Before this work the demo dashboard was 4,434 px tall (41 overdue rows of the 2017 review).
DASHBOARD_MAX_HEIGHT = 2000


@pytest.fixture
def demo(forces, settings):
    settings.DEBUG = True  # load_demo_data refuses otherwise, as it would on a server
    call_command("load_demo_data", stdout=io.StringIO())
    settings.DEBUG = False
    return Review.objects.get(is_demonstration=True)


def demo_code(username):
    """What `make code` prints: the current code of the demo account's authenticator."""
    device = TOTPDevice.objects.get(user__username=username, name="Demo authenticator")
    return str(TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()).zfill(6)


def sign_in(page, username, password, staff_heading=None):
    page.goto("/account/sign-in/")
    assert_accessible(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if staff_heading:
        expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
        assert_accessible(page)
        page.get_by_label("Code").fill(demo_code(username))
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_a_newcomer_uploads_assesses_and_drafts_in_the_demonstration_review(page, demo, settings, tmp_path):
    plan, broken = tmp_path / "Cheshire plan.pdf", tmp_path / "notes.pdf"
    plan.write_bytes(pdf_bytes(pages=2))
    broken.write_bytes(b"<html>not a PDF</html>")

    sign_in(page, "cheshire", settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Your force's requests").click()
    assert_accessible(page)
    page.get_by_role("link", name=demo.title).click()
    expect(page.get_by_text("30 days left")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Documents").set_input_files([str(plan), str(broken)])
    page.get_by_role("button", name="Send documents").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("notes.pdf is not a PDF")
    expect(summary).to_contain_text("The 2 files you chose were not kept: choose them again")
    assert_accessible(page)
    page.get_by_label("Documents").set_input_files(str(plan))
    page.get_by_role("button", name="Send documents").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("1 document received")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "inspector", settings.DEMO_PASSWORD, staff_heading="Enter your code")
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    assert_accessible(page)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < DASHBOARD_MAX_HEIGHT, f"the dashboard is {height}px tall"
    expect(page.get_by_text("41 forces overdue")).to_be_hidden()  # folded away with the 2017 review
    page.get_by_text("Show the 1 past review").click()
    expect(page.get_by_role("link", name="41 forces overdue")).to_be_visible()
    assert_accessible(page)

    to_assess = page.locator("table", has=page.get_by_text("waiting for an assessment"))
    to_assess.get_by_role("link", name="Cheshire Constabulary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cheshire Constabulary")
    assert_accessible(page)
    page.get_by_role("link", name="Assess the force's plans").click()
    assert_accessible(page)
    page.get_by_role("group", name="Retrospective review of allegations").get_by_label("Already commenced").check()
    page.get_by_role("group", name="Referrals to the IPCC").get_by_label("Planned").check()
    page.get_by_label("Review under way").check()
    page.get_by_role("button", name="Save assessment").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Assessment of Cheshire Constabulary")
    assert_accessible(page)

    page.get_by_role("button", name="Draft the letter").click()  # the shipped template: no dead end
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Letter drafted")
    expect(page.locator(".app-letter")).to_contain_text("Your force's retrospective review is under way.")
    expect(page.locator(".app-letter")).to_contain_text("Work on referring cases to the IPCC is planned.")
    assert_accessible(page)
    assert Letter.objects.get(review=demo).state == Letter.State.DRAFT
