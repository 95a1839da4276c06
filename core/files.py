"""Stored files: their names, generated, never the client's; and rows read without the bytes they hold."""

import uuid
from typing import Any, TypeVar

from django.db import models
from django.db.models import QuerySet

M = TypeVar("M", bound=models.Model)


def generated_document_name(document: Any, original_name: str) -> str:
    """Stored names are generated: the client's name is kept in the row, never used as a path.

    MEDIA_ROOT has no URL: documents are read only by the permission-checked download view.
    """
    return f"documents/{uuid.uuid4().hex}.{document.kind}"


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
