"""Keep the file names clients send, before Django trims them, so that forms can refuse bad ones.

Django drops path parts and control characters from upload names and cuts long names to 255
characters. That keeps the disk safe, but a name that needed such trimming was crafted or broken,
and the service refuses it with a message rather than storing it under a name the user never chose.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParser
from django.utils.datastructures import ImmutableList


class NameKeepingParser(MultiPartParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.raw_file_names: list[str] = []

    def sanitize_file_name(self, file_name: str) -> str | None:
        self.raw_file_names.append(file_name)
        return super().sanitize_file_name(file_name)


class RawUploadNamesMiddleware:
    """Sets request.raw_upload_names: every file name of a multipart request, as sent."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> HttpResponse:
        request.raw_upload_names = []

        def parse_file_upload(meta: Any, post_data: Any) -> Any:
            request.upload_handlers = ImmutableList(request.upload_handlers, warning="Uploads already parsed.")
            parser = NameKeepingParser(meta, post_data, request.upload_handlers, request.encoding)
            parsed = parser.parse()
            request.raw_upload_names = parser.raw_file_names
            return parsed

        request.parse_file_upload = parse_file_upload
        return self.get_response(request)
