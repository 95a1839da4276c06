"""Checks on uploaded plan documents: PDF and Word (.docx) only, judged by content, never by name."""

import hashlib
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_NAME_LENGTH = 200
# A .docx is a zip: cap what it may expand to before anything is unpacked. Real plans with
# images stay far below these; a repetitive real .docx compressed 206:1, so no ratio rule.
MAX_DOCX_ENTRIES = 2000
MAX_DOCX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
# What each kind of accepted document is served as.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
DOCX_MAIN_PART = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@dataclass(frozen=True)
class CheckedDocument:
    upload: object
    original_name: str
    kind: str
    size: int
    sha256: str


def check_name(name: str) -> None:
    """Refuse names carrying paths, control characters or absurd lengths; the name is only ever shown."""
    if "/" in name or "\\" in name or name.strip(". ") == "":
        raise ValidationError(f"The file name “{name}” must not contain a folder path. Rename the file and try again.")
    if any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in name):
        raise ValidationError("The file name contains control characters. Rename the file and try again.")
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            f"The file name must be {MAX_NAME_LENGTH} characters or fewer. Rename the file and try again."
        )


def kind_from_name(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "docm":
        raise ValidationError(f"{name} is a Word file with macros (.docm). Save it as a .docx and try again.")
    if extension not in ("pdf", "docx"):
        raise ValidationError(f"{name} must be a PDF or a Word document (.docx).")
    return extension


def check_pdf(upload: Any, name: str) -> None:
    upload.seek(0)
    if not upload.read(5) == b"%PDF-":
        raise ValidationError(f"{name} is not a PDF: its content is something else. Upload the PDF itself.")
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=True)
        if reader.is_encrypted:
            raise ValidationError(f"{name} is protected by a password. Upload a copy without a password.")
        if len(reader.pages) < 1:
            raise ValidationError(f"{name} has no pages.")
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise ValidationError(f"{name} could not be read as a PDF. It may be damaged.") from error


def check_docx(upload: Any, name: str) -> None:
    upload.seek(0)
    if upload.read(4) != b"PK\x03\x04":  # zip readers accept data before the archive: a Word file starts with it
        raise ValidationError(f"{name} is not a Word document (.docx).")
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_DOCX_ENTRIES:
                raise ValidationError(f"{name} holds too many parts to be a Word document.")
            if sum(entry.file_size for entry in entries) > MAX_DOCX_UNCOMPRESSED_BYTES:
                raise ValidationError(f"{name} expands to more than 200MB. Upload a smaller document.")
            names = {entry.filename for entry in entries}
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise ValidationError(f"{name} is not a Word document (.docx).")
            content_types = read_capped(archive, entries, name)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
        raise ValidationError(f"{name} is not a Word document (.docx). It may be damaged.") from error
    if b"macroEnabled" in content_types or "word/vbaProject.bin" in names:
        raise ValidationError(f"{name} contains macros. Save it as a .docx without macros and try again.")
    if DOCX_MAIN_PART.encode() not in content_types:
        raise ValidationError(f"{name} is not a Word document (.docx).")


def read_capped(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], name: str) -> bytes:
    """Read every entry (checking each CRC), stopping at the cap whatever the headers claim."""
    total, content_types = 0, b""
    for entry in entries:
        with archive.open(entry) as stream:
            while chunk := stream.read(64 * 1024):
                total += len(chunk)
                if total > MAX_DOCX_UNCOMPRESSED_BYTES:
                    raise ValidationError(f"{name} expands to more than 200MB. Upload a smaller document.")
                if entry.filename == "[Content_Types].xml" and len(content_types) < 1024 * 1024:
                    content_types += chunk
    return content_types


def sha256_of(upload: Any) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def check_document(upload: Any, raw_name: str | None = None) -> CheckedDocument:
    """Check one upload; return what the database records of it, or raise ValidationError."""
    name = raw_name if raw_name is not None else upload.name
    check_name(name)
    kind = kind_from_name(name)
    if upload.size == 0:
        raise ValidationError(f"{name} is empty.")
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(f"{name} must be smaller than 20MB.")
    (check_pdf if kind == "pdf" else check_docx)(upload, name)
    return CheckedDocument(upload=upload, original_name=name, kind=kind, size=upload.size, sha256=sha256_of(upload))


def check_uploads(uploads: Iterable[Any], raw_names: Iterable[str] = ()) -> list[CheckedDocument]:
    """Check every upload of a form (and the names the browser sent, before Django cleaned them);
    return the checked documents, or raise one ValidationError listing every problem."""
    errors: list[str] = []
    for raw_name in raw_names:
        try:
            check_name(raw_name)
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    checked: list[CheckedDocument] = []
    for upload in uploads:
        try:
            checked.append(check_document(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return checked


def store_documents(
    checked_documents: Iterable[CheckedDocument], new_row: Callable[[CheckedDocument], Any]
) -> list[Any]:
    """Write each checked document's file and its row; new_row(checked) gives the unsaved row. On any
    failure (a full disk included) every file written, a partly written one too, is removed, so storage
    is left as the rolled-back database says."""
    stored: list[Any] = []
    names: list[str] = []
    try:
        for checked in checked_documents:
            row = new_row(checked)
            row.original_name, row.kind, row.size, row.sha256 = (
                checked.original_name,
                checked.kind,
                checked.size,
                checked.sha256,
            )
            names.append(row.file.field.generate_filename(row, checked.original_name))
            row.file.name = row.file.storage.save(names[-1], checked.upload)
            names[-1] = row.file.name
            row.save()
            stored.append(row)
    except Exception:
        for name in names:
            row.file.storage.delete(name)
        raise
    return stored
