"""The "Get emails about this" links of the public pages. The app that sends those emails sits above this
one and registers how to make them (subscriptions/apps.py); with none registered, pages show no link."""

from collections.abc import Callable

# Each takes a kind ("force", "topic", "recommendation") and its key in a URL (slug, id, reference).
FOLLOW_LINKS: list[Callable[[str, str], str]] = []


def follow_url(kind: str, key: object) -> str:
    for link in FOLLOW_LINKS:
        if url := link(kind, str(key)):
            return url
    return ""
