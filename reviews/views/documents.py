"""Downloading a submitted document: only through this view, which checks who is asking."""

from accounts.access import role_required
from core.responses import document_response

from ..access import get_document_for_user


@role_required(lambda user: user.is_inspector or user.is_liaison_officer)
def document_download(request, pk):
    return document_response(request, get_document_for_user(request, pk))
