"""Periodic work the task worker does between tasks. Each app registers its own sweeps in its ready()."""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import DatabaseError, InterfaceError

logger = logging.getLogger(__name__)


@dataclass
class Sweep:
    name: str
    run: Callable[[], object]
    every_seconds: float


SWEEPS: dict[str, Sweep] = {}


def register(name: str, run: Callable[[], object], *, every_seconds: float) -> None:
    SWEEPS[name] = Sweep(name, run, every_seconds)


class Sweeper:
    """Runs each registered sweep when its period has passed (every sweep at once on the first call)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.last_run: dict[str, float] = {}

    def run_due(self) -> None:
        """A sweep's own error is logged and the others still run; a database error stops them all (the
        worker waits and tries again)."""
        for sweep in SWEEPS.values():
            last = self.last_run.get(sweep.name)
            if last is not None and self.clock() - last < sweep.every_seconds:
                continue
            self.last_run[sweep.name] = self.clock()
            try:
                sweep.run()
            except (DatabaseError, InterfaceError):
                raise  # the loop waits for the database
            except Exception:
                logger.exception("The %s sweep failed", sweep.name)
