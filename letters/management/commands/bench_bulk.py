"""Measure bulk issue against a plain loop, and how soon a running worker takes a queued job.

Issued letters cannot be deleted (a trigger refuses it) and a worker process cannot see a transaction that
is rolled back, so the benchmark works in a database of its own beside the current one (migrated, with the
forces loaded) and drops it at the end: the current database is left as it was.
"""

import functools
import io
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from accounts.models import User
from core.machine import resident_mb
from letters.jobs import enqueue_job, job_run
from letters.models import BulkJob, Letter
from letters.pdf_engine import WARM_UP_HTML, engine
from letters.services import letter_approve, letter_draft, letter_issue

from .bench_letters import bench_signatory, review_of_43_forces

PICKUPS = 15


def database_url() -> str:
    db = connection.settings_dict
    credentials = f"{db['USER']}:{db['PASSWORD']}@" if db["PASSWORD"] else f"{db['USER']}@"
    return f"postgres://{credentials}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Command(BaseCommand):
    help = (
        "Print the time to issue a review's 43 letters through the bulk job as a ratio of a plain loop "
        "calling letter_issue, and the median time a running worker takes to pick up a queued job. "
        "PostgreSQL only; works in a database of its own, dropped at the end."
    )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("bench_bulk needs PostgreSQL (DATABASE_URL): it runs a worker process beside it.")
        current = connection.settings_dict["NAME"]
        connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{current}_bench_bulk"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            call_command("load_forces", stdout=io.StringIO())
            signatory = bench_signatory()
            self.pickup(review_of_43_forces(signatory, slug="pickup-review"), signatory)
            self.issue_all(signatory)
        finally:
            engine.stop()
            connection.creation.destroy_test_db(current, verbosity=0)

    def issue_all(self, signatory):
        """The same work both ways on reviews of 43 letters each, in the order loop, bulk, bulk, loop, so
        that a machine growing busier or quieter during the run weighs on both alike."""
        inspector = User.objects.create_user("bench-inspector", role=User.Role.INSPECTOR)  # drafts; another approves
        reviews = [
            approved_letters(review_of_43_forces(signatory, slug=f"review-{n}"), inspector, signatory) for n in range(4)
        ]
        warm_render_processes()  # started once per process of the service: not part of the work
        first = timed(issue_in_a_loop, reviews[0], signatory)
        bulk = [timed(issue_in_a_job, reviews[1], signatory), timed(issue_in_a_job, reviews[2], signatory)]
        loop = [first, timed(issue_in_a_loop, reviews[3], signatory)]
        for name, runs in (("plain loop", loop), ("bulk job", bulk)):
            wall, cpu = (sum(run[i] for run in runs) / 2 for i in (0, 1))
            self.stdout.write(f"Issue all 43, {name}: {wall:.2f} s wall, {cpu:.2f} s of processor time (mean of 2)")
        self.stdout.write(
            f"({settings.PDF_RENDER_PROCESSES} render processes, {os.cpu_count()} cores, load average "
            f"{os.getloadavg()[0]:.1f}: on a busy machine wall time exceeds processor time and the ratio rises)"
        )
        ratio = sum(run[0] for run in bulk) / sum(run[0] for run in loop)
        self.stdout.write(f"ratio: issue_all_43_vs_sequential value={ratio:.2f}")

    def pickup(self, review, signatory):
        """Jobs with nothing to do, queued one at a time while a real worker waits for work."""
        with tempfile.TemporaryDirectory() as mail_dir:
            worker = start_worker(mail_dir)
            try:
                wait_until_started(worker)
                time.sleep(2)  # its first sweeps done, it is waiting for work
                before = resident_mb(worker.pid)
                timings = [time_pickup(review, signatory) for _ in range(PICKUPS)]
                grown = resident_mb(worker.pid) - before
            finally:
                worker.terminate()
                worker.wait(60)
        self.stdout.write(
            f"scale: bulk job pickup p50_ms={statistics.median(timings) * 1000:.1f} queries=0 bytes=0 "
            f"rss_delta_mb={grown:.1f}"
        )


def timed(issue, review, signatory) -> tuple[float, float]:
    """Wall time, and the processor time this process and its render processes spent."""
    started, cpu = time.perf_counter(), cpu_seconds()
    issue(review, signatory)
    return time.perf_counter() - started, cpu_seconds() - cpu


def cpu_seconds() -> float:
    """This process's processor time and its render processes' (alive, so not yet in RUSAGE_CHILDREN)."""
    own = os.times()
    total = own.user + own.system
    for pid in engine.pids():
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def issue_in_a_loop(review, signatory):
    for letter in Letter.objects.filter(review=review).order_by("force__name"):
        letter_issue(letter=letter, by=signatory)


def issue_in_a_job(review, signatory):
    job = BulkJob.objects.create(review=review, kind=BulkJob.Kind.ISSUE, started_by=signatory)
    job_run(job.pk)
    job.refresh_from_db()
    if (job.state, job.done, job.problems) != (BulkJob.State.DONE, 43, ""):
        raise CommandError(f"The bulk job did not issue every letter: {job.state}, {job.done}, {job.problems}")


def approved_letters(review, inspector, signatory):
    for force in review.forces.all():
        letter_approve(letter=letter_draft(review=review, force=force, by=inspector), by=signatory)
    return review


def warm_render_processes():
    """Start every render process this process may use, as a day's first letters would."""
    warming = [
        threading.Thread(target=engine.render, args=(WARM_UP_HTML,)) for _ in range(settings.PDF_RENDER_PROCESSES)
    ]
    for thread in warming:
        thread.start()
    for thread in warming:
        thread.join()


def start_worker(mail_dir):
    env = {**os.environ, "DATABASE_URL": database_url(), "EMAIL_TO_FILES": "1", "EMAIL_FILE_PATH": mail_dir}
    env.pop("EMAIL_HOST", None)
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-reload"],
        cwd=settings.BASE_DIR,
        env={**env, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_until_started(worker):
    for line in worker.stdout:
        if "Worker" in line and "started" in line:
            threading.Thread(target=worker.stdout.read, daemon=True).start()  # keep its pipe from filling
            return
    raise CommandError("The worker process stopped before it started.")


def time_pickup(review, signatory) -> float:
    """Seconds from the commit that queues a job to the job's state becoming running."""
    with transaction.atomic():  # as start_job does: the task is queued once the job is committed
        job = BulkJob.objects.create(review=review, kind=BulkJob.Kind.ISSUE, started_by=signatory)
        transaction.on_commit(functools.partial(enqueue_job, job.pk, job.kind, job.attempts), robust=True)
    queued = time.perf_counter()
    waiting = BulkJob.objects.filter(pk=job.pk, state=BulkJob.State.QUEUED)
    while waiting.exists():
        time.sleep(0.001)
    picked_up = time.perf_counter() - queued
    time.sleep(0.3)  # the worker finishes the empty job and waits again
    return picked_up
