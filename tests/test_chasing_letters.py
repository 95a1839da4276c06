"""Chasing letters: drafted in the background for exactly the overdue forces, once per deadline, and sent once
(with their PDF, to the chief officer and the liaison officers), never to a force that has sent its documents."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.files import file_read
from letters import jobs
from letters.chasers import chase_letter_draft, chase_letter_send
from letters.jobs import jobs_recover_stale, start_job
from letters.models import BulkJob, ChaseLetter
from outbox.models import Delivery
from reviews.models import Extension, Submission
from tests.factories import make_review
from tests.letter_helpers import pdf_text

FORCES = ["cheshire", "merseyside", "kent", "essex"]


@pytest.fixture
def overdue_review(transactional_letters, forces, signatory, inspector, cheshire_officer):
    """Deadline passed three days ago: Cheshire has sent its plans, Essex has an extension still running,
    Merseyside and Kent are overdue. Committed, because the worker reopens its database connection."""
    review = make_review(signatory, forces=list(forces.filter(slug__in=FORCES)), slug="chased", days_left=-3)
    for force in review.forces.all():
        force.chief_officer_email = f"chief@{force.slug}.example.org"
        force.save()
    submit(review, "cheshire", cheshire_officer)
    Extension.objects.create(
        review=review,
        force=review.forces.get(slug="essex"),
        new_deadline=timezone.localdate() + datetime.timedelta(days=7),
        reason="Their plans go to their board first.",
        granted_by=inspector,
    )
    return review


def submit(review, slug, by):
    return Submission.objects.create(
        review=review,
        force=review.forces.get(slug=slug),
        channel=Submission.Channel.EMAIL,
        submitted_by=by,
        received_at=timezone.now(),
    )


def run_worker():
    call_command("run_worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())


def chased():
    return sorted(ChaseLetter.objects.values_list("force__slug", flat=True))


def test_the_job_drafts_a_letter_for_exactly_the_overdue_forces(client, inspector, overdue_review):
    client.force_login(inspector)
    page = client.get(overdue_review.get_absolute_url()).content.decode()
    assert "Draft chasing letters for the 2 overdue forces" in page

    response = client.post(reverse("letters:chase-all", args=[overdue_review.pk]))
    job = BulkJob.objects.get()
    assert (job.kind, job.total) == (BulkJob.Kind.CHASE, 2)
    assert response["Location"] == reverse("letters:job", args=[job.pk])
    assert chased() == []  # nothing done inside the request
    run_worker()

    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.problems) == (BulkJob.State.DONE, 2, 2, "")
    assert chased() == ["kent", "merseyside"]
    kent = ChaseLetter.objects.get(force__slug="kent")
    assert kent.state == ChaseLetter.State.DRAFT and kent.deadline == overdue_review.submission_deadline
    assert kent.pdf_matches()
    text = pdf_text(kent.pdf)
    assert "Kent Police" in text and f"{kent.deadline:%-d %B %Y}" in text and "John Young" in text
    assert "Finished: 2 of 2 letters" in client.get(reverse("letters:job", args=[job.pk])).content.decode()
    page = client.get(overdue_review.get_absolute_url()).content.decode()
    assert page.count("Chasing letter drafted") == 2
    assert "overdue forces</button>" not in page and "Send the 2 drafted chasing letters" in page


def test_drafting_twice_does_not_duplicate(inspector, overdue_review):
    start_job(review=overdue_review, kind=BulkJob.Kind.CHASE, by=inspector)
    run_worker()
    with pytest.raises(Exception, match="No overdue force is waiting for a chasing letter"):
        start_job(review=overdue_review, kind=BulkJob.Kind.CHASE, by=inspector)
    # Two jobs started together: the second finds the letters made and does nothing more.
    BulkJob.objects.create(review=overdue_review, kind=BulkJob.Kind.CHASE, started_by=inspector, total=2)
    jobs.job_run(BulkJob.objects.latest("pk").pk)
    assert chased() == ["kent", "merseyside"]
    with pytest.raises(Exception, match="already has a chasing letter"):
        chase_letter_draft(review=overdue_review, force=overdue_review.forces.get(slug="kent"), by=inspector)


def test_a_force_that_submits_before_the_job_runs_is_skipped(inspector, overdue_review, cheshire_officer):
    job = start_job(review=overdue_review, kind=BulkJob.Kind.CHASE, by=inspector)
    submit(overdue_review, "kent", cheshire_officer)
    run_worker()
    job.refresh_from_db()
    assert chased() == ["merseyside"]
    assert (job.state, job.done, job.total) == (BulkJob.State.DONE, 1, 1)


def test_an_extension_after_the_letter_makes_a_new_deadline_to_chase(inspector, overdue_review):
    kent = overdue_review.forces.get(slug="kent")
    chase_letter_draft(review=overdue_review, force=kent, by=inspector)
    Extension.objects.create(
        review=overdue_review,
        force=kent,
        new_deadline=timezone.localdate() - datetime.timedelta(days=1),
        reason="Extended, and missed again.",
        granted_by=inspector,
    )
    chase_letter_draft(review=overdue_review, force=kent, by=inspector)
    assert ChaseLetter.objects.filter(force=kent).count() == 2


def test_sending_emails_once_with_the_pdf_to_the_chief_officer_and_liaison_officers(
    client, inspector, overdue_review, merseyside_officer
):
    chase = chase_letter_draft(review=overdue_review, force=overdue_review.forces.get(slug="merseyside"), by=inspector)
    client.force_login(inspector)
    client.post(reverse("letters:chase-send", args=[chase.pk]))
    client.post(reverse("letters:chase-send", args=[chase.pk]))  # a second click sends nothing
    client.post(reverse("letters:chase-send-all", args=[overdue_review.pk]))
    run_worker()

    chase.refresh_from_db()
    assert chase.state == ChaseLetter.State.SENT and chase.sent_by == inspector
    assert Delivery.objects.about(chase).get().state == Delivery.State.SENT
    # The worker's daily reminders run too (they email the liaison officers without an attachment).
    (message,) = [message for message in mail.outbox if message.attachments]
    assert message.to == ["chief@merseyside.example.org"] and message.cc == [merseyside_officer.email]
    ((name, content, content_type),) = message.attachments
    assert (name, content_type) == (chase.filename, "application/pdf")
    assert bytes(content) == file_read(chase.pdf)
    page = client.get(overdue_review.get_absolute_url()).content.decode()
    assert f"Chasing letter sent {chase.sent_at:%-d %B}" in page


def test_a_force_that_has_submitted_is_never_sent_its_chasing_letter(
    client, inspector, overdue_review, cheshire_officer
):
    chase = chase_letter_draft(review=overdue_review, force=overdue_review.forces.get(slug="kent"), by=inspector)
    submit(overdue_review, "kent", cheshire_officer)
    with pytest.raises(Exception, match="has sent its documents"):
        chase_letter_send(chase=chase, by=inspector)
    client.force_login(inspector)
    client.post(reverse("letters:chase-send-all", args=[overdue_review.pk]))
    run_worker()
    assert ChaseLetter.objects.get().state == ChaseLetter.State.DRAFT
    assert not [message for message in mail.outbox if message.attachments]


def test_a_chasing_job_whose_worker_died_is_resumed_and_drafts_each_letter_once(monkeypatch, inspector, overdue_review):
    class WorkerKilled(BaseException):
        pass

    real_draft, calls = jobs.chase_letter_draft, []

    def draft_then_die(**kwargs):
        if calls:
            raise WorkerKilled
        calls.append(kwargs["force"].pk)
        return real_draft(**kwargs)

    job = start_job(review=overdue_review, kind=BulkJob.Kind.CHASE, by=inspector)
    monkeypatch.setattr(jobs, "chase_letter_draft", draft_then_die)
    run_worker()
    monkeypatch.undo()
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == (BulkJob.State.RUNNING, 1, 2)
    assert len(chased()) == 1

    BulkJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - BulkJob.LEASE)
    assert jobs_recover_stale() == 1
    run_worker()
    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.attempts) == (BulkJob.State.DONE, 2, 2, 2)
    assert chased() == ["kent", "merseyside"]


def test_the_chasing_text_is_the_reviews_own(client, inspector, overdue_review):
    client.force_login(inspector)
    url = reverse("letters:chase-template", args=[overdue_review.pk])
    refused = client.post(url, {"heading": "Chaser", "body": "Your $outcome_paragraph"})
    assert "Unknown placeholder $outcome_paragraph" in refused.content.decode()
    client.post(url, {"heading": "Late plans: $force_name", "body": "Dear $chief_officer_title, due $deadline."})
    chase = chase_letter_draft(review=overdue_review, force=overdue_review.forces.get(slug="kent"), by=inspector)
    assert chase.heading == "Late plans: Kent Police"
    assert chase.body == f"Dear Chief Constable, due {overdue_review.submission_deadline:%-d %B %Y}."
