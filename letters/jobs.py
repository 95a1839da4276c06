"""Bulk jobs that outlive their worker: each letter commits with its progress, under a lease the sweep checks.

A job does its letters on several threads at once (one more than the render processes, so every core
renders), each thread with its own database connection. Every step (one letter, and the job's record of it) is one
transaction, so a worker killed at any moment leaves a job whose progress says exactly what was done.
Resuming only does what is still pending, and letter_issue locks the letter's row, so no letter is issued
twice. A worker whose lease was taken over (it was slow, not dead) is fenced out: its next step finds the
job changed and rolls back.
"""

import datetime
import functools
import logging
import queue
import threading

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.exceptions import TaskResultDoesNotExist

from core.history import acting_as
from reviews.status import review_rows

from .chasers import chase_letter_draft, chases_to_draft
from .models import BulkJob
from .prerequisites import before_drafting
from .services import letter_draft, letter_issue

logger = logging.getLogger(__name__)
CONNECTION_ERRORS = (OperationalError, InterfaceError)


class JobTakenOver(Exception):
    """This worker's lease ran out and the job was handed on (or stopped): leave it alone."""


NOTHING_TO_DO = {
    BulkJob.Kind.DRAFT: "No assessed force is waiting for its letter.",
    BulkJob.Kind.ISSUE: "No approved letter is waiting to be issued.",
    BulkJob.Kind.CHASE: "No overdue force is waiting for a chasing letter.",
}


def letters_to_draft(review):
    return [row for row in review_rows(review) if row.awaits_letter]


def letters_to_issue(review):
    return [row.letter for row in review_rows(review) if row.letter_ready_to_issue]


def pending_work(job: BulkJob) -> list[tuple]:
    """(force, item) for each letter the job has still to do, whether or not it was tried before."""
    if job.kind == BulkJob.Kind.DRAFT:
        return [(row.force, row) for row in letters_to_draft(job.review)]
    if job.kind == BulkJob.Kind.CHASE:  # a force that sent its documents since the job started drops out
        return [(row.force, row) for row in chases_to_draft(job.review)]
    # Only the letters the signatory saw on the confirmation page: approved before the job was started.
    return [(letter.force, letter) for letter in letters_to_issue(job.review) if letter.approved_at <= job.created_at]


def job_remaining(job: BulkJob) -> list:
    """The forces whose letters the job never reached."""
    return [force for force, _ in pending_work(job) if force.pk not in job.processed]


def start_job(*, review, kind, by) -> BulkJob:
    """Record the job with its size, so the page shows progress at once, and queue it for the worker.

    A job that could do nothing is refused rather than queued."""
    if kind == BulkJob.Kind.DRAFT and (missing := before_drafting(review)):
        raise ValidationError(missing.message)
    pending = {
        BulkJob.Kind.DRAFT: letters_to_draft,
        BulkJob.Kind.ISSUE: letters_to_issue,
        BulkJob.Kind.CHASE: chases_to_draft,
    }[kind](review)
    if not pending:
        raise ValidationError(NOTHING_TO_DO[kind])
    with transaction.atomic():
        job = BulkJob.objects.create(review=review, kind=kind, started_by=by, total=len(pending))
        transaction.on_commit(functools.partial(enqueue_job, job.pk, job.kind, job.attempts), robust=True)
    return job


def enqueue_job(job_id: int, kind: str, attempt: int) -> None:
    from .tasks import draft_all_letters, draft_chasing_letters, issue_approved_letters

    work = {
        BulkJob.Kind.DRAFT: draft_all_letters,
        BulkJob.Kind.ISSUE: issue_approved_letters,
        BulkJob.Kind.CHASE: draft_chasing_letters,
    }[BulkJob.Kind(kind)]
    result = work.enqueue(job_id, attempt)
    BulkJob.objects.filter(pk=job_id, attempts=attempt).update(task_id=result.id)


def job_run(job_id: int, attempt: int = 1) -> None:
    """The task: claim the job for this attempt, then do what is pending, one committed letter at a time."""
    job = job_claim(job_id, attempt)
    if job is None:
        return
    try:
        work = [(force, item) for force, item in pending_work(job) if force.pk not in job.processed]
        save_progress(job, total=len(job.processed) + len(work))
        job_steps(job, work)
        save_progress(job, state=BulkJob.State.DONE, finished_at=timezone.now())
    except JobTakenOver:
        logger.warning("Bulk job %s was handed to another worker; this one stops", job_id)
    except CONNECTION_ERRORS:
        raise  # the database went away: the sweep resumes the job once it is back
    except Exception as error:
        job_stop(job, f"Stopped by an unexpected error ({type(error).__name__}). The worker's log has the details.")
        raise


def step_threads(steps: int) -> int:
    """How many letters to do at once, each thread with its own connection: one more than the render
    processes, so that while a thread writes its letter to the database a render process still has the
    next letter to make (the pool holds the extra thread until a process is free).

    Other connections cannot see what the caller's open transaction wrote, and SQLite takes one writer at
    a time, so there the letters are done one after another in the caller's thread."""
    if connection.in_atomic_block or connection.vendor == "sqlite":
        return 1
    return max(1, min(settings.PDF_RENDER_PROCESSES + 1, steps))


def job_steps(job: BulkJob, work: list[tuple]) -> None:
    """Every pending letter, on as many threads as step_threads allows. The first failure in any thread
    (the lease lost, the database gone, a bug) stops the others after their current letter and is raised."""
    threads = step_threads(len(work))
    if threads == 1:
        with acting_as(job.started_by):  # the audit trail names who started the job, not "the system"
            for force, item in work:
                job_step(job, force, item)
        return
    pending: queue.SimpleQueue[tuple] = queue.SimpleQueue()
    for step in work:
        pending.put(step)
    failures: list[BaseException] = []

    def take_steps() -> None:
        try:
            with acting_as(job.started_by):
                while not failures:
                    try:
                        force, item = pending.get_nowait()
                    except queue.Empty:
                        return
                    job_step(job, force, item)
        except BaseException as error:  # noqa: BLE001 (raised again in the job's own thread)
            failures.append(error)
        finally:
            connection.close()  # this thread's own connection

    running = [threading.Thread(target=take_steps, name=f"bulk-job-{job.pk}-{n}") for n in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()
    if failures:
        raise failures[0]


def job_claim(job_id: int, attempt: int) -> BulkJob | None:
    """The job, marked running for this attempt; None when it has finished, failed or was handed on."""
    claimed = BulkJob.objects.filter(pk=job_id, attempts=attempt, state=BulkJob.State.QUEUED).update(
        state=BulkJob.State.RUNNING, heartbeat_at=timezone.now()
    )
    if not claimed:
        return None
    return BulkJob.objects.select_related("review", "started_by").get(pk=job_id)


def job_step(job: BulkJob, force, item) -> None:
    """One letter and the job's record of it, committed together."""
    with transaction.atomic():
        problem = ""
        try:
            with transaction.atomic():
                if job.kind == BulkJob.Kind.DRAFT:
                    letter_draft(review=job.review, force=force, by=job.started_by)
                elif job.kind == BulkJob.Kind.CHASE:
                    chase_letter_draft(review=job.review, force=force, by=job.started_by)
                else:
                    letter_issue(letter=item, by=job.started_by)
        except (ValidationError, PermissionDenied) as error:
            problem = " ".join(getattr(error, "messages", [str(error)]))
        except CONNECTION_ERRORS:
            raise
        except Exception as error:  # one letter's fault (a PDF that cannot be made) does not stop the others
            logger.exception("Bulk job %s: the letter for %s failed", job.pk, force.name)
            problem = f"could not be done ({type(error).__name__}); the worker's log has the details."
        step_record(job, force, problem)


def step_record(job: BulkJob, force, problem: str) -> None:
    """Add the letter to the job's progress as the row stands, locked: the job's other threads add theirs
    to the same row, so each reads what the others committed and no entry is lost."""
    current = (
        BulkJob.objects.select_for_update()
        .filter(pk=job.pk, attempts=job.attempts, state=BulkJob.State.RUNNING)
        .values("processed", "problems")
        .first()
    )
    if current is None:
        raise JobTakenOver(job.pk)
    processed = [*current["processed"], force.pk]
    problems = current["problems"] + (f"{force.name}: {problem}\n" if problem else "")
    save_progress(job, processed=processed, done=len(processed), problems=problems)


def save_progress(job: BulkJob, **changes) -> None:
    """Write to the job and renew its lease, only while this attempt still holds it."""
    saved = BulkJob.objects.filter(pk=job.pk, attempts=job.attempts, state=BulkJob.State.RUNNING).update(
        heartbeat_at=timezone.now(), **changes
    )
    if not saved:
        raise JobTakenOver(job.pk)


def job_stop(job: BulkJob, failure: str) -> None:
    unfinished = [BulkJob.State.QUEUED, BulkJob.State.RUNNING]
    BulkJob.objects.filter(pk=job.pk, attempts=job.attempts, state__in=unfinished).update(
        state=BulkJob.State.FAILED, failure=failure, finished_at=timezone.now()
    )


def jobs_recover_stale(*, now: datetime.datetime | None = None) -> int:
    """The worker's sweep: a job whose lease ran out lost its worker. Hand it on, or stop it after
    MAX_ATTEMPTS. A queued job still waiting in the task queue is left to wait."""
    now = now or timezone.now()
    stale = BulkJob.objects.filter(
        state__in=[BulkJob.State.QUEUED, BulkJob.State.RUNNING], heartbeat_at__lt=now - BulkJob.LEASE
    )
    recovered = 0
    for job in stale:
        if job.state == BulkJob.State.QUEUED and task_is_waiting(job.task_id):
            continue
        if job.attempts >= BulkJob.MAX_ATTEMPTS:
            job_stop(
                job,
                f"The worker stopped {job.attempts} times before this job could finish, so it was not tried again. "
                "Start it again from the review page to do the letters that are left.",
            )
        else:
            job_requeue(job, now)
        recovered += 1
    return recovered


def job_requeue(job: BulkJob, now: datetime.datetime) -> None:
    attempt = job.attempts + 1
    with transaction.atomic():
        handed_on = BulkJob.objects.filter(pk=job.pk, state=job.state, attempts=job.attempts).update(
            state=BulkJob.State.QUEUED, attempts=attempt, heartbeat_at=now, task_id=""
        )
        if handed_on:
            logger.warning("Bulk job %s lost its worker; queued again (attempt %s)", job.pk, attempt)
            transaction.on_commit(functools.partial(enqueue_job, job.pk, job.kind, attempt), robust=True)


def task_is_waiting(task_id: str) -> bool:
    if not task_id:
        return False
    try:
        return default_task_backend.get_result(task_id).status == TaskResultStatus.READY
    except TaskResultDoesNotExist:
        return False
