"""Drafting, editing, approving, issuing and correcting letters, and what each role may do."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from core.files import file_read
from core.history import AuditBypassError
from letters.limits import LETTER_CHARACTERS
from letters.models import FrozenLetterError, Letter
from letters.services import letter_correct, letter_edit, letter_issue
from outbox.models import Delivery
from outbox.sending import deliveries_send_due
from tests.letter_helpers import add_letter_template, draft, pdf_text


@pytest.fixture
def letter_review(review):
    add_letter_template(review)
    return review


def test_draft_is_composed_from_the_template_the_outcome_and_the_judgements(letter_review, cheshire, inspector):
    letter = draft(letter_review, cheshire, inspector)
    assert letter.state == Letter.State.DRAFT
    assert letter.heading == "HMICFRS assessment: Topic for ref-review-2017"
    assert "In December 2016 we published *PEEL: police legitimacy 2016*" in letter.body
    assert "> All forces should start to implement a plan." in letter.body
    assert (
        "Outcome paragraph for Insufficient information. Reflects the national strategy: already commenced. "
        "Monitoring of IT systems: already commenced." in letter.body
    )
    assert "please contact John Young at john.young@inspectorate.example.org or on 07802 948502." in letter.body


def test_issue_freezes_stores_hashes_and_emails_once(letter_review, cheshire, inspector, signatory):
    letter = draft(letter_review, cheshire, inspector, approve=True)
    issued = letter_issue(letter=letter, by=signatory)
    again = letter_issue(letter=letter, by=signatory)  # a double click
    assert issued.state == again.state == Letter.State.ISSUED
    assert again.pdf_sha256 == issued.pdf_sha256 and issued.pdf_matches()
    assert issued.force_name == "Cheshire Constabulary"
    assert issued.signatory_name == "Michael Cunningham QPM"
    assert Delivery.objects.about(issued).get().state == Delivery.State.QUEUED
    assert mail.outbox == []  # sent by the worker, after the issue has committed
    deliveries_send_due()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["chief@cheshire.example.org"] and message.cc == ["pcc@cheshire.example.org"]
    name, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf" and content == file_read(issued.pdf)
    assert "Cheshire Constabulary" in pdf_text(issued.pdf)


def test_snapshot_keeps_the_names_of_the_day(letter_review, cheshire, inspector, signatory, client):
    issued = letter_issue(letter=draft(letter_review, cheshire, inspector, approve=True), by=signatory)
    cheshire.name, cheshire.governance_title = "Cheshire Police (renamed)", "Mayor"
    cheshire.save()
    signatory.last_name = "Renamed"
    signatory.save()
    client.force_login(inspector)
    html = client.get(issued.get_absolute_url()).content.decode()
    assert "Cheshire Constabulary<br>Via email" in html
    assert "Copied to: Police and Crime Commissioner" in html
    assert "Michael Cunningham QPM" in html


def test_issuing_a_draft_that_was_not_approved_is_refused(letter_review, cheshire, inspector, signatory):
    letter = draft(letter_review, cheshire, inspector)
    with pytest.raises(ValidationError, match="must be approved"):
        letter_issue(letter=letter, by=signatory)
    letter.refresh_from_db()
    assert letter.state == Letter.State.DRAFT and not letter.pdf


def test_an_inspector_who_is_not_a_signatory_cannot_issue(letter_review, cheshire, inspector, client):
    letter = draft(letter_review, cheshire, inspector, approve=True)
    with pytest.raises(PermissionDenied):
        letter_issue(letter=letter, by=inspector)
    client.force_login(inspector)
    assert client.post(reverse("letters:issue", args=[letter.pk])).status_code == 403
    letter.refresh_from_db()
    assert letter.state == Letter.State.APPROVED


def test_editing_an_approved_letter_needs_approval_again(letter_review, cheshire, inspector):
    letter = draft(letter_review, cheshire, inspector, approve=True)
    letter_edit(letter=letter, heading=letter.heading, body="New text.", by=inspector)
    letter.refresh_from_db()
    assert letter.state == Letter.State.DRAFT and letter.approved_by is None


def issued_letter(review, force, inspector, signatory):
    return letter_issue(letter=draft(review, force, inspector, approve=True), by=signatory)


def test_issued_letter_cannot_be_edited_or_deleted_in_code_or_in_the_database(
    letter_review, cheshire, inspector, signatory, client
):
    letter = issued_letter(letter_review, cheshire, inspector, signatory)
    before = Letter.objects.filter(pk=letter.pk).values().get()
    with pytest.raises(ValidationError):
        letter_edit(letter=letter, heading="x", body="changed", by=inspector)
    letter.body = "changed"
    with pytest.raises(FrozenLetterError):
        letter.save()
    with pytest.raises(FrozenLetterError):
        letter.delete()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE letters_letter SET body = 'changed behind the code''s back' WHERE id = %s", [letter.pk])
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM letters_letter WHERE id = %s", [letter.pk])
    with pytest.raises(AuditBypassError):
        Letter.objects.filter(pk=letter.pk).update(body="changed without a trace")
    client.force_login(inspector)
    response = client.post(reverse("letters:edit", args=[letter.pk]), {"heading": "x", "body": "changed"})
    assert response.status_code == 302
    assert Letter.objects.filter(pk=letter.pk).values().get() == before


def test_correction_is_a_new_version_referring_to_the_issued_one(letter_review, cheshire, inspector, signatory):
    original = issued_letter(letter_review, cheshire, inspector, signatory)
    correction = letter_correct(letter=original, by=inspector)
    assert (correction.version, correction.replaces, correction.state) == (2, original, Letter.State.DRAFT)
    with pytest.raises(ValidationError, match="already has a corrected version"):
        letter_correct(letter=original, by=inspector)
    letter_edit(letter=correction, heading=correction.heading, body="Corrected text.", by=inspector)
    correction.refresh_from_db()
    from letters.services import letter_approve

    letter_approve(letter=correction, by=signatory)
    issued = letter_issue(letter=correction, by=signatory)
    assert issued.is_issued and Letter.objects.get(pk=original.pk).is_issued
    assert issued.pdf_sha256 != original.pdf_sha256


def test_the_longest_letter_allowed_paginates_with_the_sign_off_intact(letter_review, cheshire, inspector, signatory):
    letter = draft(letter_review, cheshire, inspector)
    paragraph = "This paragraph is long enough to fill a good part of a line, and it repeats. " * 2
    body = "\n\n".join(f"{number}. {paragraph}" for number in range(1, 100)) + "\n\nThe very last paragraph."
    assert 15_000 < len(body) <= LETTER_CHARACTERS
    letter_edit(letter=letter, heading=letter.heading, body=body, by=inspector)
    from letters.services import letter_approve

    letter_approve(letter=letter, by=signatory)
    issued = letter_issue(letter=letter, by=signatory)
    from tests.letter_helpers import pdf_reader

    pages = pdf_reader(issued.pdf).pages
    assert len(pages) >= 6
    last_page = " ".join(pages[-1].extract_text().split())
    assert "The very last paragraph. Yours sincerely Michael Cunningham QPM" in last_page
    assert f"Page {len(pages)} of {len(pages)}" in last_page
