"""Stored files: their names, generated, never the client's; writing, reading and checking them through the storage
API; and rows read without the bytes they hold."""

import hashlib
import uuid
from typing import Any, NamedTuple, TypeVar

from django.core.files.base import ContentFile, File
from django.db import models
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile

M = TypeVar("M", bound=models.Model)


def generated_document_name(document: Any, original_name: str) -> str:
    """Stored names are generated: the client's name is kept in the row, never used as a path.

    MEDIA_ROOT has no URL: documents are read only by the permission-checked download view.
    """
    return f"documents/{uuid.uuid4().hex}.{document.kind}"


def generated_file_name(row: Any, filename: str) -> str:
    """Files the service makes itself (issued PDFs, overviews, the signature copied onto a letter): a fresh name
    each time, in a folder per kind of row, so that no file is ever written where another was."""
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"{row._meta.model_name}/{uuid.uuid4().hex}.{extension}"


class Written(NamedTuple):
    size: int
    sha256: str


def file_write(field_file: FieldFile, content: bytes, name: str) -> Written:
    """Write the bytes through the storage under a generated name and point the row's field at them (the row is
    not saved); return what the row records of them. The storage never writes over an existing file."""
    field_file.save(name, ContentFile(content), save=False)
    return Written(size=len(content), sha256=hashlib.sha256(content).hexdigest())


def file_open(field_file: FieldFile) -> File[bytes]:
    """The stored file, opened through its storage (never through the row's own file object, which it keeps)."""
    if not field_file.name:
        raise FileNotFoundError("No file is stored for this row.")
    return field_file.storage.open(field_file.name, "rb")


def file_read(field_file: FieldFile) -> bytes:
    with file_open(field_file) as stream:
        return stream.read()


def file_sha256(field_file: FieldFile) -> str:
    digest = hashlib.sha256()
    with file_open(field_file) as stream:
        for chunk in stream.chunks():
            digest.update(chunk)
    return digest.hexdigest()


def file_matches(field_file: FieldFile, sha256: str) -> bool:
    """Whether the stored file is still the one its row records: a missing file does not match."""
    if not field_file:
        return False
    try:
        return file_sha256(field_file) == sha256
    except OSError:
        return False


def stored_bytes(model: type[models.Model]) -> list[str]:
    """The fields that hold file bytes in the row (a PDF, a signature, an attachment)."""
    return [field.name for field in model._meta.concrete_fields if isinstance(field, models.BinaryField)]


def without_files(queryset: QuerySet[M], *relations: str) -> QuerySet[M]:
    """The rows without the bytes they store, nor those of the related rows named (as in select_related):
    the one way lists and pages leave PDFs, signatures and attachments in the database."""
    names = stored_bytes(queryset.model)
    for relation in relations:
        model: Any = queryset.model
        for part in relation.split("__"):
            model = model._meta.get_field(part).related_model
        names += [f"{relation}__{name}" for name in stored_bytes(model)]
    return queryset.defer(*names)


class StoredDocument(models.Model):
    """A checked upload (PDF or Word) kept in storage under a generated name, with what its row records
    of it: the name it came with, its kind, size and SHA-256. Each app's document model adds what it
    belongs to."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word document"

    file = models.FileField(upload_to=generated_document_name, max_length=200)
    original_name = models.CharField(max_length=255)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField("SHA-256", max_length=64)

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name
