"""One way to answer with a PDF, and one with a stored upload: its name, whether it opens in the browser,
who may cache it."""

from typing import Any

from django.http import FileResponse, HttpResponse

from .documents import CONTENT_TYPES


def pdf_response(
    pdf_bytes: bytes | memoryview | None, filename: str, *, inline: bool = False, public: bool = False, sha256: str = ""
) -> HttpResponse:
    """Stored bytes, never rendered on request. Public PDFs may be cached; anything else is private."""
    response = HttpResponse(bytes(pdf_bytes or b""), content_type="application/pdf")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    if sha256:
        response["ETag"] = f'"{sha256}"'
    return response


def document_response(document: Any, *, public: bool = False) -> FileResponse:
    """A checked upload (its file, original_name and kind) as a download under its own name. Private,
    never stored by a cache, unless it is published."""
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=CONTENT_TYPES[document.kind],
    )
    if not public:
        response["Cache-Control"] = "private, no-store"
    return response
