"""Names of stored files: generated, never the client's, so no upload can choose where it lands."""

import uuid
from typing import Any


def generated_document_name(document: Any, original_name: str) -> str:
    """Stored names are generated: the client's name is kept in the row, never used as a path.

    MEDIA_ROOT has no URL: documents are read only by the permission-checked download view.
    """
    return f"documents/{uuid.uuid4().hex}.{document.kind}"
