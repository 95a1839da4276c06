"""The task worker's loop: django-tasks-db's task runner, plus the sweeps, surviving database outages."""

import logging
import os
import socket
import time

from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections, connections
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from .sweeps import Sweeper
from .wakeup import TaskListener

logger = logging.getLogger(__name__)

# Waits while the database is unreachable: 1, 2, 4 ... seconds, then every MAX_OUTAGE_WAIT seconds for ever.
MAX_OUTAGE_WAIT = 30


class ServiceWorker(Worker):
    """Runs queued tasks one at a time and, between them, the registered sweeps.

    django-tasks-db's own loop exits on the first database error; this one waits and tries again, so a
    database restart does not leave the service without a worker. When idle it waits for PostgreSQL's
    notice that a task was queued (worker.wakeup), or `interval` seconds, whichever comes first.
    """

    def __init__(self, *, interval: float = 1, batch: bool = False, sleep=time.sleep):
        super().__init__(
            queue_names=[DEFAULT_TASK_QUEUE_NAME],
            interval=interval,
            batch=batch,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=None,
            worker_id=f"{socket.gethostname()}-{os.getpid()}"[:64],
            excluded_queue_names=[],
        )
        self.sleep = sleep
        self.sweeper = Sweeper()
        self.listener = TaskListener()
        self.failures_in_a_row = 0

    def run(self) -> None:
        """Until stopped (or, with batch, until nothing is left to do); the listening connection closes with it."""
        logger.info("Worker %s started", self.worker_id)
        try:
            while self.running and self.run_once():
                pass
        finally:
            self.listener.close()

    def run_once(self) -> bool:
        """One round: a sweep if due, a task if one is ready, else a wait. False when a batch is done."""
        try:
            self.listener.listen()
            self.sweep()
            ran_a_task = self.run_next_task()
        except (DatabaseError, InterfaceError) as error:
            # Connection failures mostly arrive as OperationalError, but psycopg2 reports some (a socket
            # cut mid-reply) as a bare DatabaseError; whatever the database says, wait and try again.
            self.wait_for_database(error)
            return True
        self.failures_in_a_row = 0
        if ran_a_task:
            return True
        if self.batch:
            return False
        self.listener.wait(self.interval, self.sleep)
        return True

    def sweep(self) -> None:
        # Marked as a task, so that Ctrl-C or SIGTERM lets a sweep finish what it is doing before exiting.
        self.running_task = True
        try:
            self.sweeper.run_due()
        finally:
            self.running_task = False

    def run_next_task(self) -> bool:
        close_old_connections()
        ready = DBTaskResult.objects.ready().filter(backend_name=self.backend_name, queue_name__in=self.queue_names)
        try:
            with exclusive_transaction(ready.db):
                task_result = ready.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
        except OperationalError as error:
            if is_locked_database_exception(error):  # SQLite: another writer; try again shortly
                return False
            raise
        if task_result is None:
            return False
        self.run_task(task_result)
        return True

    def wait_for_database(self, error: DatabaseError | InterfaceError) -> None:
        self.failures_in_a_row += 1
        wait = min(MAX_OUTAGE_WAIT, 2 ** (self.failures_in_a_row - 1))
        logger.warning("Database unavailable (%s); trying again in %s s", " ".join(str(error).split()), wait)
        connections.close_all()
        self.listener.close()
        self.sleep(wait)
