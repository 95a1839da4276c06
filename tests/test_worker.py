"""The task worker outlives database outages, and a sweep's own fault does not stop the others."""

import time

import pytest
from django.core import mail
from django.db import OperationalError, connection

from outbox.models import Delivery
from outbox.services import email_queue
from worker import sweeps
from worker.loop import MAX_OUTAGE_WAIT, ServiceWorker


class FlakyDatabase:
    """A sweep that meets a database which refuses connections the first `outages` times."""

    def __init__(self, outages):
        self.outages = outages
        self.calls = 0

    def __call__(self):
        self.calls += 1
        if self.calls <= self.outages:
            raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def test_the_worker_waits_out_a_database_outage_with_backoff(transactional_db, monkeypatch):
    email_queue(to=["chief@cheshire.example.org"], subject="Subject", body="Body")
    flaky = FlakyDatabase(outages=7)
    # First in line, so that nothing else is done while the database is away.
    monkeypatch.setattr(sweeps, "SWEEPS", {"flaky": sweeps.Sweep("flaky", flaky, every_seconds=0), **sweeps.SWEEPS})
    waits = []
    ServiceWorker(batch=True, sleep=waits.append).run()
    assert waits == [1, 2, 4, 8, 16, MAX_OUTAGE_WAIT, MAX_OUTAGE_WAIT]  # and then on, for as long as it takes
    assert Delivery.objects.get().state == Delivery.State.SENT  # once the database was back, work went on
    assert len(mail.outbox) == 1


def test_a_sweep_that_fails_is_logged_and_the_others_still_run(transactional_db, monkeypatch, caplog):
    def broken():
        raise ValueError("a bug in one sweep")

    email_queue(to=["chief@cheshire.example.org"], subject="Subject", body="Body")
    monkeypatch.setattr(sweeps, "SWEEPS", {"broken": sweeps.Sweep("broken", broken, 0), **sweeps.SWEEPS})
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()  # only the sweep can send the email now
    ServiceWorker(batch=True, sleep=lambda seconds: None).run()
    assert "The broken sweep failed" in caplog.text
    assert Delivery.objects.get().state == Delivery.State.SENT


@pytest.mark.parametrize("every_seconds, runs", [(0, 3), (60, 1)])
def test_a_sweep_runs_when_its_period_has_passed(monkeypatch, every_seconds, runs):
    clock = iter(range(0, 1000, 10))
    calls = []
    monkeypatch.setattr(sweeps, "SWEEPS", {"counted": sweeps.Sweep("counted", lambda: calls.append(1), every_seconds)})
    sweeper = sweeps.Sweeper(clock=lambda: next(clock))
    for _ in range(3):
        sweeper.run_due()
    assert len(calls) == runs


def test_a_worker_that_stops_closes_its_listening_connection(transactional_db):
    """On PostgreSQL the worker listens on a connection of its own: when it stops (here, a batch with
    nothing to do), that connection closes too, and its session leaves the database."""
    if connection.vendor != "postgresql":
        pytest.skip("The worker listens only on PostgreSQL")
    worker = ServiceWorker(batch=True, interval=0)
    assert worker.listener.listen()
    with worker.listener.raw.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        listening = cursor.fetchone()[0]
    worker.run()
    assert worker.listener.raw is None
    for _ in range(50):  # the server ends the session a moment after the client closes it
        if not session_alive(listening):
            break
        time.sleep(0.1)
    assert not session_alive(listening)


def session_alive(pid):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone()[0] == 1
