"""One way to answer with a PDF: its name, whether it opens in the browser, who may cache it."""

from django.http import HttpResponse


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
