"""The client's address: the connection's, or behind TRUSTED_PROXY_COUNT proxies the one the outermost saw.

Each trusted proxy appends the address it received the request from to X-Forwarded-For, so the client is
that many entries from the right; anything further left was written by the client and is never trusted.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest | None) -> str:
    remote = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if not count or request is None:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote
