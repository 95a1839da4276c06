"""A deep staff link opened while signed out: sign in, pass the second factor, and arrive there."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_review_journey import current_code
from tests.conftest import PASSWORD


def test_a_signed_out_inspector_arrives_at_the_deep_link(page, review, inspector, cheshire):
    target = f"/manage/reviews/{review.pk}/forces/cheshire/"
    page.goto(target)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Username").fill("inspector")
    page.get_by_label("Password").fill(PASSWORD)
    code = current_code("inspector")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    expect(page.get_by_role("link", name="Dashboard")).to_have_count(0)  # no staff navigation yet
    assert_accessible(page)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{page.url.split('/manage')[0]}{target}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cheshire Constabulary")
    expect(page.get_by_role("link", name="Dashboard")).to_be_visible()
    assert_accessible(page)


def test_a_signed_out_liaison_officer_arrives_at_their_request(page, review, cheshire_officer):
    target = f"/force/reviews/{review.pk}/"
    page.goto(target)
    page.get_by_label("Username").fill("cheshire")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(review.title)
    assert page.url.endswith(target)
    assert_accessible(page)
