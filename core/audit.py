"""Structured security log: one JSON object per line for sign-ins, failures, lockouts and refusals."""

import json
import logging
from typing import Any

from .addresses import client_address

logger = logging.getLogger("audit")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"), "level": record.levelname}
        entry.update(getattr(record, "audit", {"message": record.getMessage()}))
        return json.dumps(entry, default=str)


def audit(event: str, request: Any = None, **fields: Any) -> None:
    user = getattr(request, "user", None)
    entry = {
        "event": event,
        "user": user.username if user is not None and user.is_authenticated else None,
        "ip": client_address(request),
        "path": request.path if request is not None else None,
        **fields,
    }
    logger.info(event, extra={"audit": entry})
