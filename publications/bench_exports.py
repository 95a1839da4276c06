"""Measure a public page or export as a visitor meets it, cold cache, in this process: for the scale benchmark.

Resident memory is sampled as the body is read (VmRSS after each piece), because the process's high-water mark
(VmHWM, ru_maxrss) never comes down: a larger page read earlier would hide this one's growth.
"""

import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# Each export and feed by the name its benchmark line gives it, and its URL name.
EXPORTS = {
    "letters CSV": "publications:letters-csv",
    "letters JSON": "publications:letters-json",
    "register recommendations CSV": "publications:register-recommendations-csv",
    "register recommendations JSON": "publications:register-recommendations-json",
    "register statuses CSV": "publications:register-statuses-csv",
    "register statuses JSON": "publications:register-statuses-json",
    "Atom feed": "publications:feed",
    "register Atom feed": "publications:register-feed",
}


def resident_mb() -> float:
    """This process's resident memory now (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("No VmRSS in /proc/self/status: resident memory is measured on Linux only.")


def pieces_of(response: Any) -> Iterator[bytes]:
    """The body as the server hands it over: piece by piece when streamed, else whole."""
    return iter(response.streaming_content) if response.streaming else iter([response.content])


def read_once(client: Client, url: str) -> dict:
    """One cold read: time to the first piece and to the last, bytes, queries, and resident growth meanwhile."""
    cache.clear()
    before = resident_mb()
    highest = before
    size = 0
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        first_byte = None
        for piece in pieces_of(response):
            first_byte = first_byte or time.perf_counter()
            size += len(piece)
            highest = max(highest, resident_mb())
        finished = time.perf_counter()
    return {
        "ms": (finished - started) * 1000,
        "first_byte_ms": ((first_byte or finished) - started) * 1000,
        "bytes": size,
        "queries": len(queries),
        "rss_delta_mb": highest - before,
    }


def measure(url: str, runs: int = 5, client: Client | None = None) -> dict:
    """The median of `runs` cold reads after one that warms the process up; the largest resident growth."""
    client = client or Client()
    read_once(client, url)
    reads = [read_once(client, url) for _ in range(runs)]
    return {
        "p50_ms": statistics.median(read["ms"] for read in reads),
        "first_byte_ms": statistics.median(read["first_byte_ms"] for read in reads),
        "bytes": reads[-1]["bytes"],
        "queries": reads[-1]["queries"],
        "rss_delta_mb": max(read["rss_delta_mb"] for read in reads),
    }


def scale_line(name: str, figures: dict) -> str:
    """The benchmark's line for one page, in the form compared run to run."""
    return (
        f"scale: {name} p50_ms={figures['p50_ms']:.0f} queries={figures['queries']} "
        f"bytes={figures['bytes']} rss_delta_mb={figures['rss_delta_mb']:.1f}"
    )
