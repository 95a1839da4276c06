"""Measure a cached public page against a minimal Django view under gunicorn (2 sync workers, DEBUG off).

The ratio is the web workers' CPU time per request for the cached page over that for the minimal view,
read from /proc: the load generator runs on the same cores and would blur a ratio of requests per
second (printed too, for orientation). The database is only read.
"""

import http.client
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from core.machine import free_port, resident_mb

from ...services import clear_public_pages

MINIMAL = "/bench/minimal/"
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Load:
    requests_per_second: float
    cpu_ms_per_request: float


def fetch(port: int, path: str) -> bytes:
    """One request on a new connection (gunicorn's sync workers close each one)."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        client.request("GET", path)
        response = client.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}: {body[:300]!r}")
        return body
    finally:
        client.close()


def workers_cpu_seconds(master: int) -> float:
    """User and system time of gunicorn's worker processes (the master's children) so far."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:  # fields[1] is the parent's id; utime and stime follow at 11 and 12
            total += int(fields[11]) + int(fields[12])
    return total / TICKS


@contextmanager
def gunicorn(port: int):
    """The service under gunicorn with production settings, on this machine's database and cache."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.bench_settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_HOST": "smtp.invalid",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "0",
    }
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    server = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stderr=subprocess.DEVNULL)  # noqa: S603 (our own)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(port, MINIMAL)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)


class Command(BaseCommand):
    help = "Print a cached public page's cost under gunicorn as a ratio to a minimal Django view's."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=4000, help="requests per measurement")
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args, requests, threads, **options):
        page = reverse("publications:letters")
        self.in_process(page)
        port = free_port()
        with gunicorn(port) as server:
            for _ in range(50):  # both workers build and store the page, import and warm everything
                fetch(port, page), fetch(port, MINIMAL)
            cached = self.load(server.pid, port, page, requests, threads)
            floor = self.load(server.pid, port, MINIMAL, requests, threads)
        for name, load in (("cached letters list", cached), ("minimal view", floor)):
            self.stdout.write(
                f"gunicorn: {name} requests_per_second={load.requests_per_second:.0f} "
                f"cpu_ms_per_request={load.cpu_ms_per_request:.3f}"
            )
        self.stdout.write(
            f"ratio: cached_page_vs_minimal_view value={cached.cpu_ms_per_request / floor.cpu_ms_per_request:.2f}"
        )
        self.stdout.write(
            f"ratio: cached_page_vs_minimal_view_by_throughput "
            f"value={floor.requests_per_second / cached.requests_per_second:.2f}"
        )

    def in_process(self, page):
        """The cached page in this process, as the test client sees it: time, queries, size, memory."""
        with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
            clear_public_pages()
            client = Client()
            body = client.get(page).content  # built and stored
            before = resident_mb()
            times = []
            for _ in range(200):
                started = time.perf_counter()
                client.get(page)
                times.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(page)
            grown = resident_mb() - before
        self.stdout.write(
            f"scale: cached letters list p50_ms={statistics.median(times):.2f} queries={len(queries)} "
            f"bytes={len(body)} rss_delta_mb={grown:.1f}"
        )

    def load(self, master, port, path, requests, threads):
        """Requests per second and the workers' CPU per request, with `threads` clients at once."""
        share = requests // threads
        spent = workers_cpu_seconds(master)
        started = time.perf_counter()
        clients = [threading.Thread(target=lambda: [fetch(port, path) for _ in range(share)]) for _ in range(threads)]
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        elapsed = time.perf_counter() - started
        spent = workers_cpu_seconds(master) - spent
        return Load(requests_per_second=share * threads / elapsed, cpu_ms_per_request=spent * 1000 / (share * threads))
