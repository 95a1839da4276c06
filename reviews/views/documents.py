"""Downloading a submitted document: only through this view, which checks who is asking."""

from django.http import FileResponse

from accounts.access import role_required

from ..access import get_document_for_user


@role_required(lambda user: user.is_inspector or user.is_liaison_officer)
def document_download(request, pk):
    document = get_document_for_user(request, pk)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
