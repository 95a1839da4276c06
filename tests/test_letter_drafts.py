"""Drafts cannot pass for letters: DRAFT on every page and in the HTML preview, and no signature until issued."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.demo import signature_png
from letters.services import letter_edit, letter_issue
from tests.letter_helpers import add_letter_template, draft, pdf_reader

MARK = "DRAFT"
LONG_BODY = "\n\n".join(f"{n}. " + "A paragraph of the draft that runs on for a good while. " * 8 for n in range(40))


@pytest.fixture
def letter_review(review, signatory):
    add_letter_template(review)
    signatory.signature.save("signature.png", ContentFile(signature_png()))
    return review


def image_xobjects(resources):
    """Every image in a page's resources, looking inside form XObjects too."""
    found = []
    for xobject in (resources or {}).get("/XObject", {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Image":
            found.append(xobject)
        elif xobject.get("/Subtype") == "/Form":
            found.extend(image_xobjects(xobject.get("/Resources")))
    return found


def pages_of(pdf_bytes):
    return [(page.extract_text(), image_xobjects(page.get("/Resources"))) for page in pdf_reader(pdf_bytes).pages]


def preview_pdf(client, user, letter):
    client.force_login(user)
    response = client.get(reverse("letters:pdf", args=[letter.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.getvalue()  # a draft's preview, or an issued letter's stored file (streamed)


def test_draft_pdf_has_draft_on_every_page_and_no_signature_image(letter_review, cheshire, inspector, client):
    letter = draft(letter_review, cheshire, inspector)
    letter_edit(letter=letter, heading=letter.heading, body=LONG_BODY, by=inspector)
    pages = pages_of(preview_pdf(client, inspector, letter))
    assert len(pages) >= 3
    for number, (text, images) in enumerate(pages, start=1):
        assert MARK in text, f"page {number} has no DRAFT mark"
        assert images == [], f"page {number} carries an image"
    assert "The signature is added when the letter is issued." in pages[-1][0]
    assert pdf_reader(preview_pdf(client, inspector, letter)).metadata.title.startswith("DRAFT, not issued:")


def test_approved_letter_pdf_is_still_marked_draft_and_unsigned(letter_review, cheshire, inspector, signatory, client):
    letter = draft(letter_review, cheshire, inspector, approve=True)
    for text, images in pages_of(preview_pdf(client, signatory, letter)):
        assert MARK in text and images == []


def test_issued_pdf_is_signed_and_carries_no_mark(letter_review, cheshire, inspector, signatory, client):
    letter = letter_issue(letter=draft(letter_review, cheshire, inspector, approve=True), by=signatory)
    pages = pages_of(preview_pdf(client, inspector, letter))
    assert all(MARK not in text for text, _ in pages)
    assert sum(len(images) for _, images in pages) == 1  # the signature, once
    assert "The signature is added" not in "".join(text for text, _ in pages)


def test_html_preview_is_marked_draft_and_issued_letter_is_not(letter_review, cheshire, inspector, signatory, client):
    letter = draft(letter_review, cheshire, inspector, approve=True)
    client.force_login(inspector)
    for url in (reverse("letters:detail", args=[letter.pk]), reverse("letters:edit", args=[letter.pk])):
        html = client.get(url).content.decode()
        assert '<p class="app-letter__draft-mark"><strong>DRAFT</strong>' in html, url
        assert "The signature is added when the letter is issued." in html
    issued = letter_issue(letter=letter, by=signatory)
    html = client.get(reverse("letters:detail", args=[issued.pk])).content.decode()
    assert "app-letter__draft-mark" not in html and "The signature is added" not in html
