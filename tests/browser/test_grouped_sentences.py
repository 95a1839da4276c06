"""Done when (issue 13, letters that read as a person wrote them): an inspector gives two elements their phrases,
writes the sentence said once for elements sharing 'Already commenced' and a qualifier, assesses Cheshire with both
elements already commenced and 'comprehensive'; the letter says one sentence for the two, in the preview, in the
list of where each sentence came from, and in the issued PDF."""

import re

from django.core.files.base import ContentFile
from playwright.sync_api import expect

from accounts.demo import signature_png
from letters.models import Letter
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_letter_journey import open_cheshire, pdf_pages
from tests.browser.test_review_journey import sign_in, sign_out
from tests.letter_helpers import add_letter_template

GROUPED = "Work on reflecting the national strategy and monitoring your IT systems actively has already started."
PHRASES = {
    "Reflects the national strategy": "reflecting the national strategy",
    "Monitoring of IT systems": "monitoring your IT systems actively",
}


def one_line(text):
    return " ".join(text.split())


def test_two_elements_sharing_a_judgement_come_out_as_one_sentence(page, review, inspector, signatory, cheshire):
    add_letter_template(review)
    outcome = review.outcome_categories.get(name="Already had all elements in place")
    outcome.letter_paragraph = "We found $qualifier plans in place."
    outcome.save()
    signatory.signature.save("signature.png", ContentFile(signature_png()))
    cheshire.chief_officer_email = "chief.constable@cheshire.example.org"
    cheshire.governance_email = "pcc@cheshire.example.org"
    cheshire.save()

    sign_in(page, "inspector")
    page.goto(f"/manage/reviews/{review.pk}/framework/")
    for name, phrase in PHRASES.items():
        page.get_by_role("link", name=f"Edit element: {name}").click()
        page.get_by_label("Phrase in a grouped sentence (optional)").fill(phrase)
        page.get_by_role("button", name="Save element").click()
        expect(page.locator(".govuk-notification-banner--success")).to_contain_text(f"Element saved: {name}")
    page.get_by_role("link", name="Add a qualifier").click()
    page.get_by_label("Qualifier").fill("comprehensive")
    page.get_by_role("button", name="Save qualifier").click()
    expect(page.locator("main")).to_contain_text("In a grouped sentence: ‘monitoring your IT systems actively’")
    assert_accessible(page)

    page.get_by_role("link", name="letter template").click()
    page.get_by_role("link", name="Change grouped sentences").click()
    assert_accessible(page)
    page.get_by_label("When two or more elements are judged ‘Already commenced’").fill("Work on $elements has started.")
    page.get_by_role("button", name="Save grouped sentences").click()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    page.get_by_role("link", name="Change grouped sentences").click()
    sentence = page.get_by_label("When two or more elements are judged ‘Already commenced’")
    sentence.fill("Work on $element has already started.")  # a mistyped placeholder is refused when saved
    page.get_by_role("button", name="Save grouped sentences").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Unknown placeholder $element")
    assert_accessible(page)
    sentence.fill("Work on $elements has already started.")
    page.get_by_role("button", name="Save grouped sentences").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Grouped sentences saved")

    open_cheshire(page, review)
    page.get_by_role("link", name="Assess the force's plans").click()
    for name in PHRASES:
        page.get_by_role("group", name=name).get_by_label("Already commenced").check()
    page.get_by_label("Already had all elements in place").check()
    page.get_by_role("group", name="Qualifier for the force's plans (optional)").get_by_label("comprehensive").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save assessment").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Assessment of Cheshire Constabulary")

    page.get_by_role("button", name="Draft the letter").click()
    letter_text = page.locator(".app-letter")
    expect(letter_text).to_contain_text(f"We found comprehensive plans in place. {GROUPED}")
    expect(letter_text).not_to_contain_text("Monitoring of IT systems: already commenced.")
    page.get_by_role("link", name="Edit letter").click()
    expect(page.locator("[data-letter-preview]")).to_contain_text(GROUPED)
    sources = page.get_by_role("list", name="Where the composed sentences came from").get_by_role("listitem")
    expect(sources).to_have_count(2)
    expect(sources.nth(0)).to_contain_text("Sentence 1: from the outcome ‘Already had all elements in place’")
    expect(sources.nth(1)).to_contain_text(
        "Sentence 2: from ‘Already commenced’ for Reflects the national strategy and Monitoring of IT systems"
    )
    expect(sources.nth(1)).to_contain_text(GROUPED)
    assert_accessible(page)
    screenshot(page, "letter-grouped-sentence.png")
    sign_out(page)

    sign_in(page, "signatory")
    open_cheshire(page, review)
    page.get_by_role("link", name="Letter to Cheshire Constabulary").click()
    page.get_by_role("button", name="Approve letter").click()
    page.get_by_role("link", name="Issue and email letter").click()
    page.get_by_role("button", name="Issue and email letter").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Letter issued.")
    issued = pdf_pages(page, page.get_by_role("link", name="Download the issued PDF").get_attribute("href"))
    pdf_text = one_line(" ".join(text for text, _ in issued))
    assert GROUPED in pdf_text, pdf_text
    assert re.search(r"Monitoring of IT systems: already commenced", pdf_text) is None
    assert Letter.objects.get(force=cheshire).state == Letter.State.ISSUED
