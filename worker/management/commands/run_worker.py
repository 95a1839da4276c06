"""`manage.py run_worker`: the service's task worker (bulk letter jobs, email deliveries and their sweeps)."""

from django.core.management.base import BaseCommand

from worker.loop import ServiceWorker


class Command(BaseCommand):
    help = (
        "Run queued tasks and, between them, the sweeps (email retries, jobs whose worker died). "
        "Waits and retries while the database is unreachable."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1, help="Seconds to wait when there is nothing to do.")
        parser.add_argument("--batch", action="store_true", help="Sweep once, run every queued task, then exit.")

    def handle(self, *args, interval, batch, **options):
        worker = ServiceWorker(interval=interval, batch=batch)
        worker.configure_signals()
        worker.run()
