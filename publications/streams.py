"""Open data written as it is read: CSV and JSON sent row by row, so an export of any size is never held whole
and its first byte leaves before the database has been asked for a row."""

import csv
import itertools
import json
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

from .cells import neutralised

# Rows fetched from the database at a time (a server-side cursor's fetch on PostgreSQL): what an export holds
# in memory, whatever its length. Small enough to keep that near a megabyte, large enough that the round trips
# cost nothing beside the rows.
CHUNK = 500

# Characters handed to the server at a time: one write to the socket per piece rather than per row.
PIECE = 64 * 1024


class Echo:
    """A file-like object whose write() returns the line, so csv.writer yields rows as they are made."""

    def write(self, value: str) -> str:
        return value


def csv_lines(columns, rows: Iterable[dict]) -> Iterator[str]:
    names = [name for name, _ in columns]
    writer = csv.writer(Echo())
    yield writer.writerow(names)
    for row in rows:
        yield writer.writerow([neutralised(row[name]) for name in names])


def json_lines(columns, key: str, rows: Iterable[dict]) -> Iterator[str]:
    """The same document as json.dumps({"columns": ..., key: [...]}) would give, one row to a line."""
    yield '{"columns": ' + json.dumps(dict(columns)) + ", " + json.dumps(key) + ": ["
    separator = "\n"
    for row in rows:
        yield separator + json.dumps(row)
        separator = ",\n"
    yield "\n]}\n"


def in_pieces(lines: Iterator[str]) -> Iterator[str]:
    """The first line (the header, made before any query runs) at once, then the rows in pieces of about
    PIECE characters."""
    yield from itertools.islice(lines, 1)
    piece: list[str] = []
    size = 0
    for line in lines:
        piece.append(line)
        size += len(line)
        if size >= PIECE:
            yield "".join(piece)
            piece, size = [], 0
    if piece:
        yield "".join(piece)


def csv_response(columns, rows: Iterable[dict], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(in_pieces(csv_lines(columns, rows)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_response(columns, key: str, rows: Iterable[dict]) -> StreamingHttpResponse:
    return StreamingHttpResponse(in_pieces(json_lines(columns, key, rows)), content_type="application/json")
