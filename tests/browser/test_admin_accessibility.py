"""The admin pages inspectors use for reference data (the force list and a force's edit page) pass axe-core."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_review_journey import sign_in


def test_force_list_and_force_edit_pages_are_accessible(page, forces, inspector):
    sign_in(page, "inspector")
    page.goto("/admin/forces/force/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("force")
    assert_accessible(page)

    page.get_by_role("link", name="Cheshire Constabulary").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change force")
    assert_accessible(page)
