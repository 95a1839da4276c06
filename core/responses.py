"""One way to answer with a PDF made on request, and one with a stored file: its name, whether it opens in the
browser, who may cache it, and never bytes that are not the ones its row records."""

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotModified
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header, parse_etags

from .audit import audit
from .documents import CONTENT_TYPES
from .files import file_matches, file_open

ALTERED = "This file cannot be served: it is not the file the service stored. The inspectorate has been told."


def pdf_response(pdf_bytes: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    """A PDF made for this request (a draft's preview): private, never cached."""
    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    response["Content-Disposition"] = disposition(filename, inline=inline)
    response["Cache-Control"] = "private, no-store"
    return response


def stored_file_response(
    request: HttpRequest,
    field_file: FieldFile,
    *,
    sha256: str,
    filename: str,
    content_type: str = "application/pdf",
    inline: bool = False,
    public: bool = False,
) -> HttpResponseBase:
    """A stored file as its row records it. Its SHA-256 is its ETag: a client that has it gets 304 without the
    file being read. Otherwise the file is checked against its SHA-256 first, and altered or missing bytes are
    refused (and logged), never served. FILE_ACCEL_REDIRECT hands the sending to the front proxy."""
    etag = f'"{sha256}"'
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response: HttpResponseBase = HttpResponseNotModified()
    elif not file_matches(field_file, sha256):
        audit("file.altered", request, file=field_file.name, sha256=sha256)
        return HttpResponse(ALTERED, status=500, content_type="text/plain; charset=utf-8")
    elif settings.FILE_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.FILE_ACCEL_REDIRECT + quote(str(field_file.name))
    else:
        response = FileResponse(file_open(field_file), content_type=content_type)
    response["ETag"] = etag
    response["Content-Disposition"] = disposition(filename, inline=inline)
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response


def document_response(request: HttpRequest, document: Any, *, public: bool = False) -> HttpResponseBase:
    """A checked upload (its file, original_name, kind and sha256) as a download under its own name. Private,
    never stored by a cache, unless it is published."""
    return stored_file_response(
        request,
        document.file,
        sha256=document.sha256,
        filename=document.original_name,
        content_type=CONTENT_TYPES[document.kind],
        public=public,
    )


def disposition(filename: str, *, inline: bool) -> str:
    """Whether the file opens in the browser or downloads, under its name (encoded when not plain ASCII)."""
    return content_disposition_header(not inline, filename) or ("inline" if inline else "attachment")
