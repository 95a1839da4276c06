"""Waking an idle worker the moment a task is queued: PostgreSQL's LISTEN/NOTIFY.

Polling stays as the fallback: on SQLite (development), and whenever the listening connection is down
(a database restart), the worker looks for tasks every `--interval` seconds as before.
"""

import select
from collections.abc import Callable
from typing import Any

from django.db import Error, connections, router

CHANNEL = "rt_task_queued"


def task_queued_notify(sender: type, task_result: Any, **kwargs: Any) -> None:
    """Receiver of django-tasks' task_enqueued. The NOTIFY is part of the transaction that queued the task,
    so PostgreSQL delivers it when that commits, when the worker can see the task, and never if it rolls back."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    database = connections[router.db_for_write(DBTaskResult)]
    if issubclass(sender, DatabaseBackend) and database.vendor == "postgresql":
        with database.cursor() as cursor:
            cursor.execute(f"NOTIFY {CHANNEL}")


class TaskListener:
    """A database connection of the worker's own that LISTENs for queued tasks.

    Django's connection is closed and reopened between tasks (CONN_MAX_AGE), which would drop a LISTEN on
    it; this one stays open for as long as it works."""

    def __init__(self, alias: str = "default") -> None:
        self.alias = alias
        self.raw: Any = None

    def listen(self) -> bool:
        """Listening (connecting first when needed); False on SQLite or while the database is unreachable.
        Called before each look at the queue, so a task queued after the look wakes the wait that follows."""
        if self.raw is not None:
            return True
        database = connections[self.alias]
        if database.vendor != "postgresql":
            return False
        try:
            with database.wrap_database_errors:
                raw = database.get_new_connection(database.get_connection_params())
                raw.autocommit = True
                with raw.cursor() as cursor:
                    cursor.execute(f"LISTEN {CHANNEL}")
        except Error:
            return False
        self.raw = raw
        return True

    def wait(self, seconds: float, sleep: Callable[[float], object]) -> None:
        """Until a task is queued or `seconds` have passed; a plain sleep when not listening."""
        if self.raw is None:
            sleep(seconds)
            return
        try:
            ready, _, _ = select.select([self.raw], [], [], seconds)
            if ready:
                with connections[self.alias].wrap_database_errors:
                    self.raw.poll()  # reads the notices (or finds the connection broken)
                self.raw.notifies.clear()
        except (OSError, Error):
            self.close()  # the next listen() connects again; until then the worker polls

    def close(self) -> None:
        if self.raw is not None:
            try:
                with connections[self.alias].wrap_database_errors:
                    self.raw.close()
            except Error:
                pass
        self.raw = None
