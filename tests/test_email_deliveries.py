"""Issued means sent, or visibly not sent: every email is a recorded delivery, retried, and resendable."""

import datetime
import socket

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.files import file_read
from letters.models import Letter
from outbox.models import Delivery
from outbox.sending import ATTEMPT_LEASE, MAX_ATTEMPTS, RETRY_DELAYS, deliveries_send_due, delivery_attempt
from outbox.services import email_queue
from tests.letter_helpers import add_letter_template, confirm, draft


def closed_port():
    """A local port nothing listens on: connecting to it is refused at once, as with a mail server down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 5
    settings.EMAIL_USE_TLS = False


def mail_server_back(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def approved_letter(review, cheshire, inspector):
    add_letter_template(review)
    return draft(review, cheshire, inspector, approve=True)


@pytest.fixture
def signatory_client(client, signatory):
    client.force_login(signatory)
    return client


def issue(client, letter):
    return confirm(client, reverse("letters:issue", args=[letter.pk]))


def test_issuing_with_the_mail_server_down_issues_the_letter_and_records_the_email(
    signatory_client, approved_letter, mail_server_down
):
    response = issue(signatory_client, approved_letter)
    assert response.status_code == 302 and response["Location"] == approved_letter.get_absolute_url()
    letter = Letter.objects.get(pk=approved_letter.pk)
    assert letter.state == Letter.State.ISSUED and letter.pdf_matches()

    delivery = Delivery.objects.about(letter).get()
    assert (delivery.to, delivery.cc) == (["chief@cheshire.example.org"], ["pcc@cheshire.example.org"])
    assert bytes(delivery.attachment) == file_read(letter.pdf) and delivery.attachment_type == "application/pdf"
    assert delivery.state == Delivery.State.QUEUED and delivery.attempts == 0

    assert delivery_attempt(delivery_id=delivery.pk) is False  # what the worker's task does after commit
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.QUEUED and delivery.attempts == 1
    assert delivery.last_error.startswith("ConnectionRefusedError")
    assert delivery.next_attempt_at == delivery.last_attempt_at + RETRY_DELAYS[0]

    page = signatory_client.get(letter.get_absolute_url()).content.decode()
    assert "Retrying" in page and "ConnectionRefusedError" in page
    assert "Send again" not in page  # still being retried


def test_a_second_issue_after_a_mail_failure_queues_nothing_more(signatory_client, approved_letter, mail_server_down):
    issue(signatory_client, approved_letter)
    deliveries_send_due()
    issue(signatory_client, approved_letter)
    assert Delivery.objects.count() == 1


def test_retries_back_off_then_the_email_is_marked_not_sent(signatory_client, approved_letter, mail_server_down):
    issue(signatory_client, approved_letter)
    delivery = Delivery.objects.get()
    now = timezone.now()
    deliveries_send_due(now=now)
    attempts_at = [now]
    for delay in RETRY_DELAYS:
        assert deliveries_send_due(now=now + delay - datetime.timedelta(seconds=1)) == 0  # not due yet
        assert Delivery.objects.get().attempts == len(attempts_at)
        now += delay
        deliveries_send_due(now=now)
        attempts_at.append(now)
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.FAILED and delivery.attempts == MAX_ATTEMPTS
    assert delivery.next_attempt_at is None and delivery.last_attempt_at == attempts_at[-1]
    assert deliveries_send_due(now=now + datetime.timedelta(days=1)) == 0
    assert Delivery.objects.get().attempts == MAX_ATTEMPTS  # no attempt after the last

    page = signatory_client.get(approved_letter.get_absolute_url()).content.decode()
    assert "Not sent" in page and f"after {MAX_ATTEMPTS} attempts" in page and "ConnectionRefusedError" in page
    assert "Send again" in page


def failed_delivery(client, letter):
    issue(client, letter)
    Delivery.objects.update(
        state=Delivery.State.FAILED, attempts=MAX_ATTEMPTS, next_attempt_at=None, last_error="ConnectionRefusedError"
    )
    return Delivery.objects.get()


def test_a_signatory_resends_a_failed_email_and_it_goes_once(
    signatory_client, approved_letter, mail_server_down, settings
):
    delivery = failed_delivery(signatory_client, approved_letter)
    mail_server_back(settings)
    url = reverse("outbox:resend", args=[delivery.pk])
    back = approved_letter.get_absolute_url()

    response = signatory_client.post(url, {"next": back})
    assert response.status_code == 302 and response["Location"] == back
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.resent_by.username) == ("queued", 0, "signatory")

    deliveries_send_due()
    deliveries_send_due()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["chief@cheshire.example.org"] and message.cc == ["pcc@cheshire.example.org"]
    assert message.attachments[0][1] == file_read(Letter.objects.get(pk=approved_letter.pk).pdf)
    assert message.extra_headers["Message-ID"] == delivery.message_id

    again = signatory_client.post(url, {"next": back}, follow=True)
    assert "has been sent or is already waiting" in again.content.decode()
    deliveries_send_due()
    assert len(mail.outbox) == 1
    page = signatory_client.get(back).content.decode()
    assert "Sent" in page and "Send again" not in page


def test_resend_goes_back_only_to_this_site(signatory_client, approved_letter, mail_server_down):
    delivery = failed_delivery(signatory_client, approved_letter)
    response = signatory_client.post(reverse("outbox:resend", args=[delivery.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == approved_letter.get_absolute_url()


def test_only_a_signatory_may_resend(client, inspector, signatory_client, approved_letter, mail_server_down):
    delivery = failed_delivery(signatory_client, approved_letter)
    client.force_login(inspector)  # the same client, now signed in as an inspector who is not a signatory
    assert client.post(reverse("outbox:resend", args=[delivery.pk])).status_code == 403
    assert Delivery.objects.get().state == Delivery.State.FAILED
    page = client.get(approved_letter.get_absolute_url()).content.decode()
    assert "Not sent" in page and "Send again" not in page


def test_resend_of_an_unknown_email_is_not_found(signatory_client, db):
    assert signatory_client.post(reverse("outbox:resend", args=[999])).status_code == 404


def test_an_attempt_is_made_once_however_many_workers_reach_it(approved_letter, signatory):
    """The task and the sweep (or two workers) both reach a new delivery: one attempt, one email."""
    from letters.services import letter_issue

    letter = letter_issue(letter=approved_letter, by=signatory)
    delivery = Delivery.objects.about(letter).get()
    assert delivery_attempt(delivery_id=delivery.pk) is True
    assert delivery_attempt(delivery_id=delivery.pk) is False
    assert deliveries_send_due() == 0
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.next_attempt_at) == ("sent", 1, None)


def test_an_attempt_whose_worker_died_is_made_again_after_its_lease(db):
    delivery = email_queue(to=["chief@cheshire.example.org"], subject="Subject", body="Body")
    now = timezone.now()
    # A worker claims the attempt and is killed before it can record the outcome.
    Delivery.objects.filter(pk=delivery.pk).update(attempts=1, last_attempt_at=now, next_attempt_at=now + ATTEMPT_LEASE)
    assert deliveries_send_due(now=now + ATTEMPT_LEASE - datetime.timedelta(seconds=1)) == 0
    assert deliveries_send_due(now=now + ATTEMPT_LEASE) == 1
    assert len(mail.outbox) == 1
    assert Delivery.objects.get().attempts == 2


def test_an_email_is_rolled_back_with_the_action_that_queued_it(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        email_queue(to=["chief@cheshire.example.org"], subject="Subject", body="Body")
        raise RuntimeError("the action failed")
    assert Delivery.objects.count() == 0
    deliveries_send_due()
    assert mail.outbox == []


def test_a_subject_never_carries_a_line_break(db):
    delivery = email_queue(to=["a@example.org"], subject="Heading\r\nBcc: victim@example.org", body="Body")
    assert delivery.subject == "Heading Bcc: victim@example.org"
    deliveries_send_due()
    assert mail.outbox[0].bcc == []


def test_receipt_and_review_opened_emails_are_recorded_when_the_mail_server_is_down(
    client, review, cheshire_officer, mail_server_down
):
    import uuid

    from tests.factories import pdf_bytes, upload

    client.force_login(cheshire_officer)
    url = reverse("reviews:liaison-review", args=[review.pk])
    response = client.post(url, {"documents": [upload("plan.pdf", pdf_bytes())], "form_token": str(uuid.uuid4())})
    assert response.status_code == 302
    receipt = Delivery.objects.get(subject__startswith="Receipt")
    deliveries_send_due()
    receipt.refresh_from_db()
    assert receipt.to == ["cheshire@example.org"] and receipt.attempts == 1 and receipt.is_retrying


def test_resend_by_role(persona, review, cheshire, inspector, signatory):
    from letters.services import letter_issue

    add_letter_template(review)
    letter = letter_issue(letter=draft(review, cheshire, inspector, approve=True), by=signatory)
    Delivery.objects.update(state=Delivery.State.FAILED, attempts=MAX_ATTEMPTS, next_attempt_at=None)
    response = persona.post(reverse("outbox:resend", args=[Delivery.objects.get().pk]))
    expected = {"anonymous": 302, "signatory": 302}.get(persona.persona, 403)
    assert response.status_code == expected
    state = Delivery.objects.about(letter).get().state
    assert state == (Delivery.State.QUEUED if persona.persona == "signatory" else Delivery.State.FAILED)


def test_issuing_in_bulk_with_the_mail_server_down_finishes_the_job(
    transactional_letters, client, review, inspector, signatory, mail_server_down
):
    import io

    from django.core.management import call_command

    from letters.models import BulkJob

    add_letter_template(review)
    for force in review.forces.filter(slug__in=["cheshire", "merseyside", "kent"]):
        draft(review, force, inspector, approve=True)
    client.force_login(signatory)
    confirm(client, reverse("letters:issue-all", args=[review.pk]))
    call_command("run_worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())

    job = BulkJob.objects.get()
    assert (job.state, job.done, job.total, job.problems) == (BulkJob.State.DONE, 3, 3, "")
    assert Letter.objects.filter(state=Letter.State.ISSUED).count() == 3
    for delivery in Delivery.objects.all():
        assert delivery.is_retrying and delivery.last_error.startswith("ConnectionRefusedError")
    assert Delivery.objects.count() == 3


def test_an_email_whose_task_was_lost_is_sent_by_the_worker_sweep(transactional_db):
    import io

    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    email_queue(to=["chief@cheshire.example.org"], subject="Subject", body="Body")
    DBTaskResult.objects.all().delete()  # claimed by a worker that was killed, or never queued
    call_command("run_worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())
    assert Delivery.objects.get().state == Delivery.State.SENT
    assert len(mail.outbox) == 1
