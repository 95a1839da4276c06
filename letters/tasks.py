"""Background work over a review's letters, run by `manage.py db_worker`, with progress kept on a BulkJob."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django_tasks import task

from recommendations.status import review_rows

from .models import BulkJob
from .prerequisites import before_drafting
from .services import letter_draft, letter_issue


def letters_to_draft(review):
    return [row for row in review_rows(review) if row.awaits_letter]


def letters_to_issue(review):
    return [row.letter for row in review_rows(review) if row.letter_ready_to_issue]


def run_job(job, items, action, describe):
    BulkJob.objects.filter(pk=job.pk).update(state=BulkJob.State.RUNNING, total=len(items))
    for item in items:
        try:
            action(item)
        except (ValidationError, PermissionDenied) as error:
            problem = f"{describe(item)}: {' '.join(getattr(error, 'messages', [str(error)]))}\n"
            BulkJob.objects.filter(pk=job.pk).update(problems=Concat(F("problems"), Value(problem)))
        BulkJob.objects.filter(pk=job.pk).update(done=F("done") + 1)
    BulkJob.objects.filter(pk=job.pk).update(state=BulkJob.State.DONE, finished_at=timezone.now())


@task()
def draft_all_letters(job_id):
    job = BulkJob.objects.select_related("review", "started_by").get(pk=job_id)
    rows = letters_to_draft(job.review)
    run_job(job, rows, lambda row: letter_draft(row=row, by=job.started_by), lambda row: row.force.name)


@task()
def issue_approved_letters(job_id):
    job = BulkJob.objects.select_related("review", "started_by").get(pk=job_id)
    # Only the letters the signatory saw on the confirmation page: approved before the job was started.
    letters = [letter for letter in letters_to_issue(job.review) if letter.approved_at <= job.created_at]
    run_job(
        job, letters, lambda letter: letter_issue(letter=letter, by=job.started_by), lambda letter: letter.force.name
    )


NOTHING_TO_DO = {
    BulkJob.Kind.DRAFT: "No assessed force is waiting for its letter.",
    BulkJob.Kind.ISSUE: "No approved letter is waiting to be issued.",
}


def start_job(*, review, kind, by):
    """Record the job with its size, so the page shows progress at once, and queue it for the worker.

    A job that could do nothing is refused rather than queued."""
    if kind == BulkJob.Kind.DRAFT and (missing := before_drafting(review)):
        raise ValidationError(missing.message)
    pending = letters_to_draft(review) if kind == BulkJob.Kind.DRAFT else letters_to_issue(review)
    if not pending:
        raise ValidationError(NOTHING_TO_DO[kind])
    job = BulkJob.objects.create(review=review, kind=kind, started_by=by, total=len(pending))
    work = draft_all_letters if kind == BulkJob.Kind.DRAFT else issue_approved_letters
    work.enqueue(job.pk)
    return job
