"""On PostgreSQL, with real worker processes: one killed with SIGKILL mid-job, one cut off from its database,
one woken at once by a queued job, and two racing over one job."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from letters.jobs import start_job
from letters.models import BulkJob, Letter
from outbox.models import Delivery
from outbox.services import email_queue
from tests.letter_helpers import add_letter_template, draft

BASE_DIR = Path(__file__).resolve().parent.parent
LETTERS = 12


@pytest.fixture(autouse=True)
def postgresql_only():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("Worker process tests need PostgreSQL (a second process shares the test database): CI runs them")


def database_url(port=None):
    db = connection.settings_dict
    credentials = f"{db['USER']}:{db['PASSWORD']}@" if db["PASSWORD"] else f"{db['USER']}@"
    return f"postgres://{credentials}{db['HOST'] or '127.0.0.1'}:{port or db['PORT'] or 5432}/{db['NAME']}"


def start_worker(mail_dir, *args, port=None, env=None):
    env = {
        **os.environ,
        **(env or {}),
        "DEBUG": "1",
        "DATABASE_URL": database_url(port),
        "EMAIL_FILE_PATH": str(mail_dir),
        "DATABASE_CONN_MAX_AGE": "0",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-reload", "--interval", "0.2", *args],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


class Output:
    """A worker's output, read as it comes (the test watches for lines while the worker runs)."""

    def __init__(self, process):
        self.lines = []
        self.reader = threading.Thread(target=lambda: self.lines.extend(process.stdout), daemon=True)
        self.reader.start()

    def has(self, text):
        return any(text in line for line in self.lines)

    def __str__(self):
        self.reader.join(30)
        return "".join(self.lines)


def stop(worker):
    worker.terminate()
    worker.wait(timeout=120)


def wait_for(condition, timeout=120, what="the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"Timed out waiting for {what}")


def message_ids(mail_dir):
    """The Message-ID of every email the file backend wrote (it may append several to one file)."""
    lines = (line for path in mail_dir.glob("*.log") for line in path.read_text().splitlines())
    return [line for line in lines if line.startswith("Message-ID: ")]


def emails_written(mail_dir):
    return len(message_ids(mail_dir)) if mail_dir.exists() else 0


@pytest.fixture
def approved_review(transactional_letters, review, inspector):
    add_letter_template(review)
    for force in review.forces.order_by("name")[:LETTERS]:
        draft(review, force, inspector, approve=True)
    return review


def test_a_worker_killed_mid_job_is_replaced_and_every_letter_is_issued_once(approved_review, signatory, tmp_path):
    mail_dir = tmp_path / "mail"
    job = start_job(review=approved_review, kind=BulkJob.Kind.ISSUE, by=signatory)
    first = start_worker(mail_dir)
    try:
        wait_for(lambda: BulkJob.objects.get(pk=job.pk).done >= 2, what="the first letters")
    finally:
        first.send_signal(signal.SIGKILL)
        print(first.communicate(timeout=30)[0])  # shown by pytest when the test fails
    job.refresh_from_db()
    assert job.state == BulkJob.State.RUNNING and 2 <= job.done < LETTERS, job.done
    assert Letter.objects.filter(state=Letter.State.ISSUED).count() == job.done  # letters and progress agree

    # The lease runs out (two minutes in real life): a new worker takes the job on and finishes it.
    BulkJob.objects.filter(pk=job.pk).update(heartbeat_at=job.heartbeat_at - BulkJob.LEASE)
    second = start_worker(mail_dir, "--batch")
    output, _ = second.communicate(timeout=300)
    assert second.returncode == 0, output

    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.attempts) == (BulkJob.State.DONE, LETTERS, LETTERS, 2), output
    assert Letter.objects.filter(state=Letter.State.ISSUED).count() == LETTERS
    for letter in Letter.objects.all():
        assert Letter.history.filter(id=letter.pk, state=Letter.State.ISSUED).count() == 1
        assert Delivery.objects.about(letter).get().state == Delivery.State.SENT
    assert len(message_ids(mail_dir)) == len(set(message_ids(mail_dir))) == LETTERS  # each letter emailed once


def cut(sock):
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


class DatabaseLink:
    """A TCP relay to PostgreSQL that the test can cut and restore, as a database restart would."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.listener, self.sockets = None, []
        self.lock = threading.Lock()  # a connection accepted as the link goes down is cut with the rest

    def up(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self.accept, args=(self.listener,), daemon=True).start()

    def down(self):
        with self.lock:
            # Shut down first: on Linux, close() alone leaves a socket that another thread waits on listening.
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None
            for sock in self.sockets:
                cut(sock)
            self.sockets = []

    def accept(self, listener):
        db = connection.settings_dict
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            with self.lock:
                if self.listener is not listener:  # the link went down while this one was being accepted
                    cut(client)
                    return
                server = socket.create_connection((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
                self.sockets += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self.pipe, args=(source, target), daemon=True).start()

    @staticmethod
    def pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass


def test_the_worker_process_outlives_a_database_outage(transactional_db, tmp_path):
    mail_dir = tmp_path / "mail"
    link = DatabaseLink()
    worker = start_worker(mail_dir, port=link.port)  # the database is down when the worker starts
    try:
        email_queue(to=["chief@cheshire.example.org"], subject="Before", body="Queued while the database was away")
        time.sleep(4)
        assert worker.poll() is None, worker.communicate()[0]  # still running: it waits for the database

        restored = [timezone.now()]
        link.up()
        wait_for(lambda: emails_written(mail_dir) == 1, what="the first email")

        link.down()  # the database restarts under a running worker
        email_queue(to=["chief@cheshire.example.org"], subject="During", body="Queued during the outage")
        time.sleep(3)
        assert worker.poll() is None
        restored.append(timezone.now())
        link.up()
        wait_for(lambda: emails_written(mail_dir) == 2, what="the second email")
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
        link.down()
        print(output)  # shown by pytest when the test fails
    assert worker.returncode == 0, output  # stopped by SIGTERM, cleanly
    assert "Database unavailable" in output
    sent = dict(Delivery.objects.values_list("subject", "sent_at"))
    assert sent["Before"] >= restored[0] and sent["During"] >= restored[1]  # nothing went while it was down


def test_an_idle_worker_takes_a_queued_job_at_once_not_at_its_next_poll(approved_review, signatory, tmp_path):
    worker = start_worker(tmp_path / "mail", "--interval", "30")
    output = Output(worker)
    try:
        wait_for(lambda: output.has("Worker ") and output.has(" started"), what="the worker to start")
        time.sleep(2)  # its first look at the queue and its sweeps are done: it waits now
        job = start_job(review=approved_review, kind=BulkJob.Kind.ISSUE, by=signatory)
        queued = time.monotonic()
        wait_for(lambda: BulkJob.objects.get(pk=job.pk).state != BulkJob.State.QUEUED, timeout=30, what="pickup")
        pickup = time.monotonic() - queued
    finally:
        stop(worker)
        print(output)  # shown by pytest when the test fails
    assert pickup < 1, pickup  # polling alone would wait out most of the 30 seconds


@pytest.fixture
def long_letters(transactional_letters, review, inspector):
    """A letter for every force of the review, each several pages long, so that issuing them takes a while."""
    paragraph = "The force has made progress against this recommendation, as the evidence shows. " * 3
    add_letter_template(review, body="\n\n".join(["$outcome_paragraph", *[paragraph] * 40]))
    for force in review.forces.order_by("name"):
        draft(review, force, inspector, approve=True)
    return review


def test_two_workers_racing_over_one_job_issue_every_letter_once(long_letters, signatory, tmp_path):
    """The first worker's lease is made to look lapsed while it issues; the second worker's sweep (run as
    it starts) hands the job on, and the first is fenced out mid-job. Each letter is issued and emailed once."""
    mail_dir = tmp_path / "mail"
    workers = [start_worker(mail_dir, env={"PDF_RENDER_PROCESSES": "1"})]  # slow enough to be caught mid-job
    outputs = [Output(workers[0])]
    try:
        job = start_job(review=long_letters, kind=BulkJob.Kind.ISSUE, by=signatory)
        wait_for(lambda: BulkJob.objects.get(pk=job.pk).done >= 2, what="the first letters")
        workers.append(start_worker(mail_dir))
        outputs.append(Output(workers[1]))
        first_attempt = BulkJob.objects.filter(pk=job.pk, attempts=1, state=BulkJob.State.RUNNING)
        while first_attempt.update(heartbeat_at=timezone.now() - BulkJob.LEASE):  # no sign of life, it seems
            time.sleep(0.01)
        wait_for(lambda: BulkJob.objects.get(pk=job.pk).state == BulkJob.State.DONE, what="the job to finish")
    finally:
        for worker in workers:
            stop(worker)
        print(*outputs)  # shown by pytest when the test fails

    job.refresh_from_db()
    total = long_letters.forces.count()
    assert (job.done, job.total, job.attempts, job.problems) == (total, total, 2, "")
    assert outputs[1].has("queued again (attempt 2)")  # the second worker handed the job on...
    assert outputs[0].has("was handed to another worker; this one stops")  # ...while the first was issuing
    assert sorted(job.processed) == sorted(Letter.objects.values_list("force_id", flat=True))
    for letter in Letter.objects.all():
        assert letter.state == Letter.State.ISSUED
        assert Letter.history.filter(id=letter.pk, state=Letter.State.ISSUED).count() == 1
        assert Delivery.objects.about(letter).count() == 1
    # Both workers send the 43 emails one task at a time after the job: on a loaded CI machine that took over a minute.
    wait_for(lambda: emails_written(mail_dir) >= total, timeout=240, what="the emails")
    assert len(message_ids(mail_dir)) == len(set(message_ids(mail_dir))) == total  # each letter emailed once
