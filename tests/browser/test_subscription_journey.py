"""A member of the public follows Cheshire from its page: a refused address, the confirmation email's link,
the button that confirms, and the one that unsubscribes. Every page is checked with axe-core."""

import re

from playwright.sync_api import expect

from outbox.models import Delivery
from subscriptions.models import Subscription
from tests.browser.conftest import assert_accessible


def test_subscribe_confirm_and_unsubscribe(page, cheshire):
    page.goto("/forces/cheshire/")
    page.get_by_role("link", name="Get emails about this force").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get emails about Cheshire Constabulary")
    assert_accessible(page)

    page.get_by_label("Email address").fill("not an address")
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter an email address in the correct format")
    assert_accessible(page)

    page.get_by_label("Email address").fill("reader@example.org")
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)

    [confirmation] = Delivery.objects.all()
    confirm_path = re.search(r"https?://[^/]+(/subscriptions/\S+/confirm/)", confirmation.body).group(1)
    page.goto(confirm_path)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my subscription").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Subscription confirmed")
    assert_accessible(page)
    assert Subscription.objects.get().confirmed_at is not None

    page.goto(Subscription.objects.get().unsubscribe_url())
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have unsubscribed")
    assert_accessible(page)
    assert Subscription.objects.get().unsubscribed_at is not None
