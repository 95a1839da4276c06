"""`manage.py run_worker`: the service's task worker (bulk letter jobs, email deliveries and their sweeps)."""

import os
from argparse import BooleanOptionalAction

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import autoreload

from worker.loop import ServiceWorker


class Command(BaseCommand):
    help = (
        "Run queued tasks and, between them, the sweeps (email retries, jobs whose worker died). "
        "Waits and retries while the database is unreachable."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1, help="Seconds to wait when there is nothing to do.")
        parser.add_argument("--batch", action="store_true", help="Sweep once, run every queued task, then exit.")
        parser.add_argument(
            "--reload",
            action=BooleanOptionalAction,
            default=settings.DEBUG,
            help="Restart when the code changes (default: on when DEBUG is on; never in production).",
        )

    def handle(self, *args, interval, batch, reload, **options):
        worker = ServiceWorker(interval=interval, batch=batch)
        if reload and not batch:
            if os.environ.get(autoreload.DJANGO_AUTORELOAD_ENV) == "true":  # the child that does the work
                worker.configure_signals()
            autoreload.run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
