"""Moving file bytes kept in rows out to storage, and back: what the migrations that did it run. Every file is
read back and checked against the SHA-256 its row recorded before the row points at it."""

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile


class FileMoveError(RuntimeError):
    """The bytes written are not the bytes the row recorded: the migration stops, naming the row."""


@dataclass(frozen=True)
class Move:
    bytes_field: str  # the BinaryField the bytes are in
    file_field: str  # the FileField they go to
    size_field: str
    sha256_field: str  # recorded already (a PDF's), or filled in now from the bytes (a signature's)
    name: str  # what the generated name ends with, e.g. "letter.pdf"


def bytes_to_files(model: Any, move: Move) -> int:
    """Write each row's bytes to storage, check what was written, then point the row at the file."""
    rows = model.objects.filter(**{f"{move.bytes_field}__isnull": False})
    fields = ["pk", move.bytes_field, move.file_field, move.sha256_field]
    moved = 0
    for row in rows.only(*fields).iterator(chunk_size=100):
        content = bytes(getattr(row, move.bytes_field))
        expected = getattr(row, move.sha256_field) or hashlib.sha256(content).hexdigest()
        field_file = getattr(row, move.file_field)
        field_file.save(move.name, ContentFile(content), save=False)
        check_written(model, row.pk, field_file, expected)
        changes = {move.file_field: field_file.name, move.size_field: len(content), move.sha256_field: expected}
        model.objects.filter(pk=row.pk).update(**changes)
        moved += 1
    return moved


def files_to_bytes(model: Any, move: Move) -> None:
    """The way back: each file's bytes into its row again, checked the same way."""
    rows = model.objects.exclude(**{move.file_field: ""}).exclude(**{f"{move.file_field}__isnull": True})
    for row in rows.only("pk", move.file_field, move.sha256_field).iterator(chunk_size=100):
        field_file = getattr(row, move.file_field)
        content = check_written(model, row.pk, field_file, getattr(row, move.sha256_field))
        model.objects.filter(pk=row.pk).update(**{move.bytes_field: content})


def check_written(model: Any, pk: Any, field_file: Any, expected: str) -> bytes:
    with field_file.storage.open(field_file.name, "rb") as stream:
        written = stream.read()
    found = hashlib.sha256(written).hexdigest()
    if found != expected:
        raise FileMoveError(
            f"{model._meta.label} {pk}: the file {field_file.name} has SHA-256 {found}, not the {expected} its row "
            "records. Nothing was changed; find out why before migrating again."
        )
    return written
