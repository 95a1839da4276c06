"""Caching of public pages in the shared cache, served before the rest of the middleware runs.

Only a page that carries nothing of the request that asked for it is cached or marked public: a
request bringing a session or messages cookie gets its own private page, and a page that used a
CSRF token, showed a message or sets a cookie is never stored. The key holds the scheme and host,
so absolute links (JSON, Atom) are never served to another host.

Each stored page records the generation of the public pages it was built under and the moment it
stops being true (the next release time, or the end of the day: what is overdue follows the date).
Every write that changes what the public sees starts a new generation, so a stored page is checked
with the cache alone, in one round trip, and no query runs for a cached page.
"""

import datetime
import hashlib
import logging
import uuid
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Min
from django.db.models.signals import post_delete, post_migrate, post_save
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.defaults import page_not_found
from redis.exceptions import RedisError

from forces.models import Force, OfficeHolder
from governance.models import Section55Response
from inspections.models import InspectionReport, Topic, TopicRename
from recommendations.models import (
    Action,
    ForceResponse,
    ProgressUpdate,
    Recommendation,
    RecommendationLink,
    StatusChange,
    TargetRevision,
)

from .models import Publication, PublishedLetter

PUBLIC_PAGE_SECONDS = 300
BROWSER_SECONDS = 60
GENERATION_KEY = "public-pages:generation"
# A shared cache that cannot be reached: pages are built for each request and writes go ahead.
CACHE_UNREACHABLE = (RedisError,)

logger = logging.getLogger(__name__)

# Every write to the register, and to what else public pages show at once, saves a row of one of these
# (a decision on a claim adds a status change; an edited recommendation, topic, report or office holder
# adds a historical record; a section 55 response is published as submitted). Rows created in bulk
# send no signal: core.history.bulk_create_audited is the only such path, and publication_schedule, its
# one caller among these, starts a new generation itself.
REGISTER_SOURCES = [
    StatusChange,
    ForceResponse,
    Action,
    TargetRevision,
    ProgressUpdate,
    RecommendationLink,
    TopicRename,
    Recommendation.history.model,
    Topic.history.model,
    InspectionReport.history.model,
    Section55Response,  # published as submitted
    OfficeHolder.history.model,  # the force page names today's holders
]
# A publication scheduled or moved, a letter withdrawn, a force's reference data loaded.
PUBLIC_SOURCES = [Publication, PublishedLetter, Force, *REGISTER_SOURCES]


def generation_start() -> None:
    """Make every stored public page stale, on every process and machine sharing the cache.

    A new random token, never a counter: if the cache loses the key, pages stored under the old
    one can never match again. The pages themselves expire on their own; nothing else in the cache
    (which a shared Redis may hold) is touched. An unreachable cache never stops the write that
    changed the pages: it serves nothing meanwhile, and what it held expires within minutes."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except CACHE_UNREACHABLE:
        logger.warning("The public page cache is unreachable: its pages were not marked stale.", exc_info=True)


def public_sources_changed(**kwargs: Any) -> None:
    """A write that public pages show: a new generation now and another when the transaction commits.

    Now, so that the writing request (and a test's unfinished transaction) sees its own change at once;
    at commit, because a page built meanwhile from the data before the commit may have been stored
    under the first. Only one commit-time start is queued per transaction, however many rows it writes."""
    generation_start()
    if not any(pending[1] is generation_start for pending in connection.run_on_commit):
        transaction.on_commit(generation_start)


def connect_sources() -> None:
    """Called from the app's ready(), so that workers and commands (not only web processes) report writes."""
    for model in PUBLIC_SOURCES:
        post_save.connect(public_sources_changed, sender=model, dispatch_uid=f"public-pages-{model._meta.label}")
        post_delete.connect(public_sources_changed, sender=model, dispatch_uid=f"public-pages-del-{model._meta.label}")
    # A deployment may change templates or move data without saving a model: its pages are built again.
    post_migrate.connect(public_sources_changed, dispatch_uid="public-pages-migrate")


def current_generation(stored: Any) -> str:
    """The generation read from the cache, or a new one if the cache has lost it (after a restart)."""
    if stored is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        stored = cache.get(GENERATION_KEY)
    return str(stored)


def valid_until(now: datetime.datetime) -> datetime.datetime:
    """When a page built now may start being wrong: the next release time, or else the next midnight."""
    midnight = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(now) + datetime.timedelta(days=1), datetime.time.min)
    )
    next_release = Publication.objects.filter(release_at__gt=now).aggregate(first=Min("release_at"))["first"]
    return min(midnight, next_release) if next_release else midnight


@dataclass
class PendingPage:
    """A page the middleware did not find: where to store it, and what the view says about its freshness."""

    key: str
    generation: str
    valid_until: datetime.datetime | None = None  # set by public_page once the view's page may be shared


def brings_state(request: HttpRequest) -> bool:
    """Whether the request brings something of its own to show: a session (the only way to be signed in)
    or pending messages. Read from the cookies, so it can be asked before sessions and auth have run."""
    return any(name in request.COOKIES for name in (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name))


def carries_state(request: HttpRequest) -> bool:
    return request.user.is_authenticated or brings_state(request)


def is_shareable(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether the page shows nothing of the request: no message shown, no CSRF token, no cookie set."""
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(messages, "used", False)
    )


def cache_key(request: HttpRequest) -> str:
    """The page's key: the absolute address with scheme and host."""
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"public-page:{address}"


def stored_page(request: HttpRequest) -> tuple[HttpResponse | None, PendingPage]:
    """The stored page if it is still true, in one round trip to the cache; else where to store it."""
    key = cache_key(request)
    found = cache.get_many([GENERATION_KEY, key])
    generation = current_generation(found.get(GENERATION_KEY))
    entry = found.get(key)
    if entry is not None:
        built_under, until, response = entry
        if built_under == generation and timezone.now().timestamp() < until:
            return response, PendingPage(key, generation)
    return None, PendingPage(key, generation)


def page_store(request: HttpRequest, response: HttpResponseBase, pending: PendingPage) -> None:
    """Keep the complete response, headers added by every middleware included, if the view allowed it."""
    if pending.valid_until is None or response.streaming or not is_shareable(request, response):
        return
    until = pending.valid_until.timestamp()
    seconds = min(PUBLIC_PAGE_SECONDS, int(until - timezone.now().timestamp()))
    if seconds > 0:
        cache.set(pending.key, (pending.generation, until, response), seconds)


def render_view(view, request, *args, **kwargs):
    """The view's response, a 'not found' page included, so that its headers can be set here."""
    try:
        response = view(request, *args, **kwargs)
    except Http404 as exception:
        response = page_not_found(request, exception)
    if hasattr(response, "render"):
        response.render()
    return response


def private(response):
    """Mark the page as this request's alone: never stored by the service, a proxy or another browser."""
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def public_page(view):
    """Mark an anonymous visitor's page public and let the middleware store it; a request with state of
    its own gets a fresh, private page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if carries_state(request):
            return private(render_view(view, request, *args, **kwargs))
        built_at = timezone.now()  # before the view reads: a release passing meanwhile ends the page's life
        response = render_view(view, request, *args, **kwargs)
        if not is_shareable(request, response):
            return private(response)
        patch_cache_control(response, public=True, max_age=BROWSER_SECONDS)
        patch_vary_headers(response, ["Cookie"])
        pending = getattr(request, "public_page", None)
        if pending is not None and not response.streaming:  # a streamed export is never held whole
            pending.valid_until = valid_until(built_at)
        return response

    return wrapper
