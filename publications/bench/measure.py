"""Measuring public pages for the scale benchmark: median time, queries, bytes and resident memory growth,
in process (Django's test client, page cache cleared before each request) and under gunicorn.

Each measurement prints one line in a fixed form, so runs can be compared:
    scale: <page name> p50_ms=<number> queries=<number> bytes=<number> rss_delta_mb=<number>
"""

import http.client
import os
import secrets
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.machine import free_port, resident_mb
from publications.caching import generation_start


@dataclass
class Measure:
    name: str
    p50_ms: float
    queries: int
    size: int
    rss_delta_mb: float

    def line(self):
        return (
            f"scale: {self.name} p50_ms={self.p50_ms:.1f} queries={self.queries} "
            f"bytes={self.size} rss_delta_mb={self.rss_delta_mb:.1f}"
        )


def body_size(response, started=None, first_byte=None, peak=None):
    """The response's length, reading a streamed one chunk by chunk as a client would, never holding it;
    appends the time its first chunk came to `first_byte` (seconds after `started`), and keeps the highest
    resident memory seen while reading in `peak` (a one-item list)."""
    if not response.streaming:
        return len(response.content)
    size = 0
    for chunk in response.streaming_content:
        if not size and first_byte is not None:
            first_byte.append(time.perf_counter() - started)
        size += len(chunk)
        if peak is not None:
            peak[0] = max(peak[0], resident_mb())
    return size


def in_process(name, url, runs):
    """Median of `runs` anonymous GETs with the page cache empty; queries and memory growth of the worst.
    A streamed export also gives the median time to its first byte, as a second measurement."""
    client = Client()
    body_size(client.get(url))  # warms up imports and templates
    timings: list[float] = []
    first_byte: list[float] = []
    queries, size, growth = 0, 0, 0.0
    for _ in range(runs):
        generation_start()  # every stored page stale: a cold cache, Redis or not
        before = resident_mb()
        peak = [before]
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            size = body_size(response, started, first_byte, peak)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
        growth = max(growth, peak[0] - before, resident_mb() - before)
    measures = [Measure(name, statistics.median(timings) * 1000, queries, size, growth)]
    if first_byte:
        measures.append(Measure(f"{name} first byte", statistics.median(first_byte) * 1000, queries, size, growth))
    return measures


class Gunicorn:
    """The service under gunicorn (two sync workers, production settings) on this database."""

    def __init__(self, workers=2, env=None):
        self.port = free_port()
        self.host = "bench.example.org"
        self.env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": self.host,
            "SECURE_SSL_REDIRECT": "0",
            "EMAIL_TO_FILES": "1",
            "SITE_URL": f"http://{self.host}",
            **(env or {}),
        }
        self.workers = workers

    def __enter__(self):
        command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(self.workers)]
        command += ["--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=self.env)  # noqa: S603 (our own)
        for _ in range(200):
            try:
                self.get("/forces/")
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)

    def get(self, path):
        """(status, body length) of one GET on a new connection."""
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            client.request("GET", path, headers={"Host": self.host})
            response = client.getresponse()
            size = 0
            while chunk := response.read(65536):
                size += len(chunk)
            return response.status, size
        finally:
            client.close()

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def measure(self, name, url, runs, queries):
        """Median of `runs` GETs, each with a fresh query string so that the page cache never answers."""
        pids = self.worker_pids()
        before = sum(resident_mb(pid) for pid in pids)
        timings, size = [], 0
        separator = "&" if "?" in url else "?"
        for run in range(runs + 1):
            started = time.perf_counter()
            status, size = self.get(f"{url}{separator}bench={secrets.token_hex(4)}{run}")
            timings.append(time.perf_counter() - started)
            assert status == 200, (url, status)
        growth = sum(resident_mb(pid) for pid in pids) - before
        return Measure(f"gunicorn {name}", statistics.median(timings[1:]) * 1000, queries, size, growth)
