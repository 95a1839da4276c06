"""Print a benchmark line for each open data export and Atom feed, read cold in this process."""

from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.urls import reverse

from ...bench_exports import EXPORTS, measure, scale_line


class Command(BaseCommand):
    help = "Time each export and feed on the database as it is (cold cache), with its queries, size and memory."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, runs, **options):
        with override_settings(ALLOWED_HOSTS=["testserver"], DEBUG=False):  # as served: no query log
            for name, url_name in EXPORTS.items():
                figures = measure(reverse(url_name), runs)
                self.stdout.write(f"{scale_line(name, figures)} first_byte_ms={figures['first_byte_ms']:.0f}")
