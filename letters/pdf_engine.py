"""PDF rendering in separate processes, each with a time and a memory limit.

Each process of the service (web worker, task worker) keeps a render process for each of its threads that
renders at the same time, up to PDF_RENDER_PROCESSES (the number of cores unless set): a web worker renders
one PDF at a time and starts one, a bulk job's threads use one each, so its letters render on every core.
Each is started on first use and reused. A render that takes longer than PDF_RENDER_SECONDS is stopped by
ending its render process; one that needs more than PDF_RENDER_MEMORY_MB beyond the renderer's own
footprint fails inside it. Either way the caller gets PdfNotMade, a plain message, and a fresh render
process serves the next letter. A render process that has grown large ends itself after answering, so no
memory stays behind.
"""

import os
import resource
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

WARM_UP_HTML = "<html lang='en-GB'><head><title>Warm-up</title></head><body><p>Warm-up</p></body></html>"
RECYCLE_AFTER_RENDERS = 500


class PdfNotMade(ValidationError):
    """The PDF could not be made within the limits: the letter is too long or too complex to print."""


def address_space():
    """This process's current virtual memory size, in bytes."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def serve(connection, memory_mb):
    """The render process: warm up, cap memory at what that took plus memory_mb, then answer requests."""
    from letters.pdf import write_pdf

    write_pdf(WARM_UP_HTML)
    ceiling = address_space() + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    grown = (address_space() + ceiling) // 2
    connection.send(("ready", None, False))
    for count in range(1, RECYCLE_AFTER_RENDERS + 1):
        try:
            html = connection.recv()
        except EOFError:
            return
        try:
            answer = ("pdf", write_pdf(html))
        except MemoryError:
            answer = ("memory", None)
        except Exception as error:  # noqa: BLE001 (the caller re-raises it)
            answer = ("error", error)
        ending = answer[0] == "memory" or count == RECYCLE_AFTER_RENDERS or address_space() > grown
        connection.send((*answer, ending))
        if ending:
            return


PROJECT_DIR = Path(__file__).resolve().parent.parent


def child_environment():
    path = os.pathsep.join(filter(None, [str(PROJECT_DIR), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


class Pipe:
    """Pickled messages over two file descriptors, read with a timeout (multiprocessing's Connection)."""

    def __init__(self, reader, writer):
        self.reader = Connection(os.dup(reader), writable=False)
        self.writer = Connection(os.dup(writer), readable=False)

    def send(self, message):
        self.writer.send(message)

    def poll(self, seconds):
        return self.reader.poll(seconds)

    def recv(self):
        return self.reader.recv()

    def close(self):
        self.reader.close()
        self.writer.close()


class Engine:
    """One render process for this process, used by one thread at a time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None
        self.connection: Pipe | None = None

    def start(self) -> Pipe:
        """A fresh interpreter running this module (not a fork of a busy web process), spoken to over pipes."""
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
            [sys.executable, "-m", "letters.pdf_engine", str(settings.PDF_RENDER_MEMORY_MB)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=PROJECT_DIR,
            env=child_environment(),
        )
        self.process = process
        self.connection = connection = Pipe(reader=process.stdout.fileno(), writer=process.stdin.fileno())  # type: ignore[union-attr]
        try:
            ready = connection.poll(settings.PDF_RENDER_START_SECONDS) and connection.recv()
        except EOFError:
            ready = False
        if not ready:
            self.stop()
            raise PdfNotMade("The PDF could not be made: the render process did not start. Try again.")
        return connection

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(5)
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    stream.close()
        if self.connection is not None:
            self.connection.close()
        self.process = self.connection = None

    def running(self) -> Pipe:
        """The pipe to the render process, starting one if none is running."""
        if self.process is None or self.process.poll() is not None or self.connection is None:
            self.stop()
            return self.start()
        return self.connection

    def render(self, html: str) -> bytes:
        with self.lock:
            try:
                return self.exchange(self.running(), html)
            except PdfNotMade:
                self.stop()
                raise

    def exchange(self, connection: Pipe, html: str) -> bytes:
        """Send the page and wait at most PDF_RENDER_SECONDS for its PDF."""
        try:
            connection.send(html)
        except (BrokenPipeError, OSError) as error:
            raise PdfNotMade("The PDF could not be made: the render process stopped. Try again.") from error
        if not connection.poll(settings.PDF_RENDER_SECONDS):
            raise PdfNotMade(
                f"The PDF could not be made in {settings.PDF_RENDER_SECONDS} seconds: "
                "shorten the letter or split its longest paragraphs."
            )
        try:
            kind, value, ending = connection.recv()
        except EOFError as error:
            raise PdfNotMade("The PDF could not be made: the render process stopped. Try again.") from error
        if ending:
            self.stop()
        if kind == "memory":
            raise PdfNotMade("The PDF could not be made within its memory limit: shorten the letter.")
        if kind == "error":
            raise value
        return value


class EnginePool:
    """This process's render processes: a thread takes an idle one, or starts another while fewer than
    PDF_RENDER_PROCESSES exist, or waits for one to be free."""

    def __init__(self) -> None:
        self.free = threading.Condition()
        self.engines: list[Engine] = []
        self.idle: list[Engine] = []

    @contextmanager
    def taken(self) -> Iterator[Engine]:
        with self.free:
            while not self.idle and len(self.engines) >= settings.PDF_RENDER_PROCESSES:
                self.free.wait()
            if self.idle:
                one = self.idle.pop()
            else:
                one = Engine()
                self.engines.append(one)
        try:
            yield one
        finally:
            with self.free:
                self.idle.append(one)
                self.free.notify()

    def render(self, html: str) -> bytes:
        with self.taken() as one:
            return one.render(html)

    def stop(self) -> None:
        """End every render process (the next render starts a fresh one, under the settings of the time)."""
        with self.free:
            for one in self.engines:
                with one.lock:
                    one.stop()

    def pids(self) -> list[int]:
        return [one.process.pid for one in self.engines if one.process is not None]


engine = EnginePool()


if __name__ == "__main__":  # the render process: requests on stdin, answers on stdout, nothing else there
    answers = Pipe(reader=sys.stdin.fileno(), writer=sys.stdout.fileno())
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a library's stray output cannot garble the answers
    serve(answers, int(sys.argv[1]))
