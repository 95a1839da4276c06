"""Background work over a review's letters, run by `manage.py run_worker` (see letters/jobs.py)."""

from django_tasks import task

from .jobs import job_run


@task()
def draft_all_letters(job_id, attempt=1):
    job_run(job_id, attempt)


@task()
def issue_approved_letters(job_id, attempt=1):
    job_run(job_id, attempt)


@task()
def draft_chasing_letters(job_id, attempt=1):
    job_run(job_id, attempt)
