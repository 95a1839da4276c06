"""A factual-accuracy check from the force's comment to the inspector's reply, its sign-off and the issue:
each user in a browser context of their own (a second-factor code is good once per 30 seconds)."""

from pathlib import Path

from playwright.sync_api import expect

from letters.models import AccuracyCheck, Letter
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_review_journey import sign_in
from tests.factories import pdf_bytes
from tests.letter_helpers import add_letter_template, draft


def new_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def test_a_factual_accuracy_check_from_force_comment_to_inspector_reply_to_issue(
    browser, live_server, review, inspector, signatory, cheshire, cheshire_officer, tmp_path
):
    add_letter_template(review)
    letter = draft(review, cheshire, signatory)  # drafted by the signatory, so the inspector may approve it
    evidence = tmp_path / "Unit review minutes.pdf"
    evidence.write_bytes(pdf_bytes())

    # The inspector turns the check on, then approves the letter: it goes to Cheshire.
    staff = new_page(browser, live_server)
    sign_in(staff, "inspector")
    staff.goto(f"/manage/reviews/{review.pk}/letter-template/")
    staff.get_by_label("Send each approved letter to the force to check its facts before it is issued").check()
    staff.get_by_label("Working days the force has to comment").fill("10")
    staff.get_by_role("button", name="Save the factual-accuracy check").click()
    expect(staff.locator(".govuk-notification-banner--success")).to_contain_text(
        "Factual-accuracy check on: 10 working days"
    )
    assert_accessible(staff)
    staff.goto(letter.get_absolute_url())
    staff.get_by_role("button", name="Approve letter").click()
    expect(staff.get_by_text("is checking this letter's facts until")).to_be_visible()
    assert_accessible(staff)
    check = AccuracyCheck.objects.get(letter=letter)

    # Cheshire reads the draft, downloads the marked PDF and comments on a paragraph with evidence.
    force = new_page(browser, live_server)
    sign_in(force, "cheshire")
    force.goto(f"/force/reviews/{review.pk}/")
    force.get_by_role("link", name="Read and comment on the draft letter").click()
    expect(force.get_by_role("heading", level=1)).to_have_text("Check the facts of our draft letter")
    assert_accessible(force)
    with force.expect_download() as download_info:
        force.get_by_role("link", name="Download the draft (PDF, marked not for publication)").click()
    assert Path(download_info.value.path()).read_bytes().startswith(b"%PDF-")
    force.get_by_role("link", name="Comment on paragraph 2").click()
    assert_accessible(force)
    force.get_by_label("Your comment").fill("The counter-corruption unit was reviewed in March 2017.")
    force.get_by_label("Evidence (optional)").set_input_files(str(evidence))
    force.get_by_role("button", name="Send comment").click()
    expect(force.locator(".govuk-notification-banner--success")).to_contain_text("Comment on paragraph 2 sent")
    expect(force.get_by_text("Awaiting the inspectorate's reply")).to_be_visible()
    assert_accessible(force)

    # The inspector accepts it with a reason; they may not sign off their own reply.
    staff.goto(letter.get_absolute_url())
    staff.get_by_role("link", name="View the factual-accuracy check").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Factual-accuracy check: Cheshire Constabulary")
    assert_accessible(staff)
    staff.get_by_role("link", name="Reply to the comment on paragraph 2").click()
    assert_accessible(staff)
    staff.get_by_label("Accepted: the draft will be changed").check()
    staff.get_by_label("Reason (the force reads it)").fill("The minutes show the review; the letter now says so.")
    staff.get_by_role("button", name="Save reply").click()
    expect(staff.locator(".govuk-inset-text").first).to_contain_text("another inspector must sign the reply off")
    assert_accessible(staff)

    # A second inspector (the signatory) signs the reply off, then issues the letter.
    second = new_page(browser, live_server)
    sign_in(second, "signatory")
    second.goto(f"/manage/accuracy-checks/{check.pk}/")
    second.get_by_role("button", name="Sign off the reply").click()
    expect(second.locator(".govuk-notification-banner--success")).to_contain_text("Reply signed off")
    assert_accessible(second)
    second.goto(letter.get_absolute_url())
    second.get_by_role("link", name="Issue and email letter").click()
    assert_accessible(second)
    second.get_by_role("button", name="Issue and email letter").click()
    expect(second.locator(".govuk-notification-banner--success")).to_contain_text("Letter issued")
    assert_accessible(second)
    assert Letter.objects.get(pk=letter.pk).is_issued

    # Cheshire sees the outcome of its comment and the reason.
    force.reload()
    expect(force.get_by_text("Accepted", exact=True)).to_be_visible()
    expect(force.get_by_text("The minutes show the review; the letter now says so.")).to_be_visible()
    assert_accessible(force)
    screenshot(force, "accuracy-check-outcome.png")
    for page in (staff, force, second):
        page.context.close()
