"""A letter is approved by someone other than the last person to edit it, and the lead signatory is told."""

import io
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from letters.models import Letter
from letters.services import letter_approve, letter_correct, letter_edit, letter_issue
from outbox.models import Delivery
from outbox.sending import deliveries_send_due
from tests.conftest import make_user
from tests.letter_helpers import add_letter_template, draft

REFUSAL = "You were the last to edit this letter, so someone else must approve it"


@pytest.fixture
def letter(review, cheshire, inspector):
    add_letter_template(review)
    return draft(review, cheshire, inspector)


@pytest.fixture
def colleague(db):
    return make_user("colleague", first_name="Aisha", last_name="Bell", role="inspector", is_staff=True)


def test_the_drafter_cannot_approve_and_the_page_says_why(letter, inspector, client):
    client.force_login(inspector)
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "Approve letter" not in page
    assert REFUSAL in page
    response = client.post(reverse("letters:approve", args=[letter.pk]), follow=True)
    assert REFUSAL in response.content.decode()
    letter.refresh_from_db()
    assert (letter.state, letter.approved_by, letter.approved_at) == (Letter.State.DRAFT, None, None)


def test_someone_else_approves(letter, colleague, client, django_capture_on_commit_callbacks):
    client.force_login(colleague)
    assert "Approve letter" in client.get(letter.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("letters:approve", args=[letter.pk]), follow=True)
    assert "Letter approved: a signatory can now issue it" in response.content.decode()
    letter.refresh_from_db()
    assert (letter.state, letter.approved_by) == (Letter.State.APPROVED, colleague)


def test_the_last_editor_counts_not_the_drafter(letter, inspector, colleague):
    letter_edit(letter=letter, heading=letter.heading, body=letter.body + "\n\nA line added.", by=colleague)
    letter.refresh_from_db()
    assert (letter.edited_by, letter.last_editor) == (colleague, colleague)
    with pytest.raises(ValidationError, match=REFUSAL):
        letter_approve(letter=letter, by=colleague)
    assert letter_approve(letter=letter, by=inspector).state == Letter.State.APPROVED


def test_saving_an_unchanged_draft_is_not_an_edit(letter, inspector, colleague):
    letter_edit(letter=letter, heading=letter.heading, body=letter.body, by=colleague)
    letter.refresh_from_db()
    assert letter.edited_by is None and letter.last_editor == inspector


def test_a_correction_is_approved_by_someone_other_than_its_drafter(letter, inspector, signatory, colleague):
    issued = letter_issue(letter=letter_approve(letter=letter, by=colleague), by=signatory)
    correction = letter_correct(letter=issued, by=colleague)
    with pytest.raises(ValidationError, match=REFUSAL):
        letter_approve(letter=correction, by=colleague)
    assert letter_approve(letter=correction, by=inspector).approved_by == inspector


def test_a_one_person_team_may_turn_the_rule_off(letter, inspector, settings):
    settings.LETTER_APPROVAL_BY_ANOTHER_USER = False
    assert letter_approve(letter=letter, by=inspector).approved_by == inspector


def test_the_lead_signatory_is_told_by_email_with_a_link_to_issue(
    letter, colleague, signatory, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://tracker.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        letter_approve(letter=letter, by=colleague)
    deliveries_send_due()
    [message] = mail.outbox
    assert message.to == [signatory.email]
    assert message.subject == f"Letter ready to issue: Cheshire Constabulary, {letter.review.title}"
    assert "Aisha Bell approved the letter to Cheshire Constabulary" in message.body
    assert f"https://tracker.example.org/manage/letters/{letter.pk}/issue/" in message.body


def test_no_notice_when_the_lead_signatory_approves_it_themselves(
    letter, signatory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        letter_approve(letter=letter, by=signatory)
    deliveries_send_due()
    assert mail.outbox == []


def test_a_mail_server_that_is_down_does_not_undo_the_approval(
    letter, colleague, client, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    client.force_login(colleague)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("letters:approve", args=[letter.pk]))
    assert response.status_code == 302
    deliveries_send_due()
    letter.refresh_from_db()
    assert letter.state == Letter.State.APPROVED
    [notice] = Delivery.objects.about(letter)
    assert notice.state == Delivery.State.QUEUED and "Connection unexpectedly closed" in notice.last_error


def test_the_demo_letters_were_approved_by_someone_other_than_their_drafter(forces, settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    merseyside = Letter.objects.get(force__slug="merseyside", state=Letter.State.ISSUED)
    assert merseyside.approved_by is not None
    assert merseyside.approved_by != merseyside.drafted_by
    for letter in Letter.objects.exclude(approved_by=None):
        assert letter.approved_by_id != letter.last_editor_id, letter


def test_someone_without_the_inspector_role_is_refused_for_their_role_not_the_letters_state(
    review, cheshire, inspector, cheshire_officer
):
    add_letter_template(review)
    letter = draft(review, cheshire, inspector)
    with pytest.raises(ValidationError, match="Only inspectorate staff approve letters"):
        letter_approve(letter=letter, by=cheshire_officer)
