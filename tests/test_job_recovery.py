"""Jobs survive a dead worker: resumed under a lease, failed after a bounded number of attempts, never doubled."""

import io
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from letters import jobs
from letters.jobs import JobTakenOver, job_claim, job_step, jobs_recover_stale, start_job
from letters.models import BulkJob, Letter
from outbox.models import Delivery
from tests.letter_helpers import add_letter_template, draft

FORCES = ["cheshire", "merseyside", "kent", "essex", "dorset"]


class WorkerKilled(BaseException):
    """Stands in for SIGKILL in a worker running in this process: nothing after it runs."""


@pytest.fixture
def approved_review(transactional_letters, review, inspector):
    """Committed, because the worker closes and reopens its database connection as a real one does."""
    add_letter_template(review)
    for force in review.forces.filter(slug__in=FORCES):
        draft(review, force, inspector, approve=True)
    return review


def run_worker():
    call_command("run_worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())


def kill_worker_after(monkeypatch, letters_issued):
    """The next worker dies while issuing, after issuing `letters_issued` letters (counted under a lock:
    on PostgreSQL a job issues on several threads)."""
    real_issue, calls, counting = jobs.letter_issue, [], threading.Lock()

    def issue_then_die(**kwargs):
        with counting:
            if len(calls) == letters_issued:
                raise WorkerKilled
            calls.append(kwargs["letter"].pk)
        return real_issue(**kwargs)

    monkeypatch.setattr(jobs, "letter_issue", issue_then_die)


def time_passes(job, by=BulkJob.LEASE):
    """The lease runs out: as if the time had passed with no sign of life from the job's worker."""
    BulkJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - by)


def test_a_job_whose_worker_died_is_resumed_and_issues_every_letter_once(
    monkeypatch, approved_review, signatory, client
):
    job = start_job(review=approved_review, kind=BulkJob.Kind.ISSUE, by=signatory)
    kill_worker_after(monkeypatch, 2)
    run_worker()
    monkeypatch.undo()
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == (BulkJob.State.RUNNING, 2, 5)
    assert Letter.objects.filter(state=Letter.State.ISSUED).count() == 2  # each step committed with its progress

    run_worker()  # a new worker at once: the lease has not run out, the job may still be alive
    assert BulkJob.objects.get().attempts == 1

    time_passes(job)
    run_worker()
    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.attempts) == (BulkJob.State.DONE, 5, 5, 2)
    for letter in Letter.objects.all():
        assert letter.state == Letter.State.ISSUED
        assert Letter.history.filter(id=letter.pk, state=Letter.State.ISSUED).count() == 1
        assert Delivery.objects.about(letter).get().state == Delivery.State.SENT
    assert len(mail.outbox) == 5
    client.force_login(signatory)
    assert "Finished: 5 of 5 letters" in client.get(reverse("letters:job", args=[job.pk])).content.decode()


def test_a_job_whose_worker_keeps_dying_is_marked_failed_with_what_was_done(
    monkeypatch, approved_review, signatory, client
):
    job = start_job(review=approved_review, kind=BulkJob.Kind.ISSUE, by=signatory)
    for letters_issued in (1, 0, 1):
        kill_worker_after(monkeypatch, letters_issued)
        run_worker()
        monkeypatch.undo()
        time_passes(job)
    assert BulkJob.objects.get().attempts == BulkJob.MAX_ATTEMPTS
    assert jobs_recover_stale() == 1
    job.refresh_from_db()
    assert job.state == BulkJob.State.FAILED and job.finished_at is not None
    assert f"stopped {BulkJob.MAX_ATTEMPTS} times" in job.failure
    run_worker()  # a failed job is not started again
    assert BulkJob.objects.get().state == BulkJob.State.FAILED
    issued = set(Letter.objects.filter(state=Letter.State.ISSUED).values_list("force__name", flat=True))
    assert len(issued) == job.done == 2

    client.force_login(signatory)
    progress = client.get(reverse("letters:job-progress", args=[job.pk]))
    assert progress["X-Job-Finished"] == "1"  # the page stops polling
    page = client.get(reverse("letters:job", args=[job.pk])).content.decode()
    assert "Failed: 2 of 5 letters" in page and "This job stopped before the end" in page
    assert "2 letters issued by this job" in page
    not_issued = page.split("Letters not issued yet")[1]
    for letter in Letter.objects.exclude(state=Letter.State.ISSUED).select_related("force"):
        assert letter.force.name in not_issued
    for name in issued:
        assert name not in not_issued
    assert 'data-finished="1"' in page


def test_a_job_waiting_in_the_queue_is_left_to_wait(approved_review, signatory):
    job = start_job(review=approved_review, kind=BulkJob.Kind.ISSUE, by=signatory)
    time_passes(job, by=BulkJob.LEASE * 10)  # a long queue ahead of it
    assert jobs_recover_stale() == 0
    assert BulkJob.objects.get().attempts == 1


def test_a_queued_job_whose_task_was_lost_is_queued_again(approved_review, signatory):
    job = start_job(review=approved_review, kind=BulkJob.Kind.ISSUE, by=signatory)
    DBTaskResult.objects.all().delete()  # the task was claimed by a worker that died before starting the job
    time_passes(job)
    run_worker()
    job.refresh_from_db()
    assert (job.state, job.attempts, job.done) == (BulkJob.State.DONE, 2, 5)


def test_a_worker_that_lost_its_lease_is_fenced_out_and_its_letter_rolled_back(approved_review, signatory):
    job = start_job(review=approved_review, kind=BulkJob.Kind.ISSUE, by=signatory)
    slow = job_claim(job.pk, 1)  # the first worker starts, then stalls for longer than the lease
    time_passes(job)
    jobs_recover_stale()  # handed to another worker
    letter = Letter.objects.select_related("force").first()
    with pytest.raises(JobTakenOver):
        job_step(slow, letter.force, letter)
    assert Letter.objects.get(pk=letter.pk).state == Letter.State.APPROVED
    assert job_claim(job.pk, 1) is None  # its task, run late, does nothing either
    run_worker()
    assert Letter.objects.filter(state=Letter.State.ISSUED).count() == 5
    assert BulkJob.objects.get().done == 5


def test_work_done_by_a_job_is_attributed_to_the_user_who_started_it(
    transactional_letters, review, inspector, signatory
):
    add_letter_template(review)
    from tests.letter_helpers import assess

    for force in review.forces.filter(slug__in=FORCES):
        force.chief_officer_email = f"chief@{force.slug}.example.org"
        force.save()
        assess(review, force, inspector)
    start_job(review=review, kind=BulkJob.Kind.DRAFT, by=inspector)
    run_worker()
    assert Letter.objects.count() == 5
    assert set(Letter.history.values_list("history_user__username", flat=True)) == {"inspector"}

    from letters.services import letter_approve

    for letter in Letter.objects.all():
        letter_approve(letter=letter, by=signatory)  # not by the letter's drafter
    start_job(review=review, kind=BulkJob.Kind.ISSUE, by=signatory)
    run_worker()
    assert BulkJob.objects.filter(state=BulkJob.State.DONE, problems="").count() == 2
    issued = Letter.history.filter(state=Letter.State.ISSUED)
    assert issued.count() == 5
    assert set(issued.values_list("history_user__username", flat=True)) == {"signatory"}
