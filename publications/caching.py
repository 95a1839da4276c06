"""Caching of public pages, keyed by what the public may see, so a release time passing shows at once.

Only a page that carries nothing of the request that asked for it is cached or marked public: a
request bringing a session or messages cookie gets its own private page, and a page that used a
CSRF token, showed a message or sets a cookie is never stored. The key holds the scheme and host,
so absolute links (JSON, Atom) are never served to another host.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db.models import Count, Max, Subquery, Value
from django.http import Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.defaults import page_not_found

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

from .models import Publication

PUBLIC_PAGE_SECONDS = 300
BROWSER_SECONDS = 60


def public_state():
    """Changes whenever what the public may see changes: a release time passes, a letter is withdrawn, the
    register is written to, a new day begins (what is overdue follows the date). One query."""
    released = Publication.objects.released(timezone.now())
    columns = {
        "released": whole_table(released, Count("pk", distinct=True)),
        "withdrawn": whole_table(released, Max("letters__withdrawn_at")),
        **{
            f"latest_{index}": whole_table(model.objects.all(), Max("pk"))
            for index, model in enumerate(REGISTER_SOURCES)
        },
    }
    # A query needs a table to select from: any one row of the forces' (no forces, nothing is public).
    row = next(iter(Force.objects.order_by().annotate(**columns).values_list(*columns)[:1]), None)
    if row is None:
        return "nothing"
    released_count, withdrawn, *latest = row
    withdrawn_at = withdrawn.timestamp() if withdrawn else 0
    register = "-".join(str(value or 0) for value in latest)
    return f"{released_count}:{withdrawn_at}:{timezone.localdate():%Y%m%d}:{register}"


# Every write to the register, and to what else public pages show at once, adds a row to one of these
# (a decision on a claim adds a status change; an edited recommendation, topic, report or office holder
# adds a historical record; a section 55 response is published as submitted), so their latest ids
# change with it.
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


def whole_table(rows, aggregate):
    """An aggregate over every row of a queryset, as a subquery (grouped by a constant: no GROUP BY)."""
    grouped = rows.order_by().annotate(whole=Value(1)).values("whole").annotate(result=aggregate)
    return Subquery(grouped.values("result"))


def render_view(view, request, *args, **kwargs):
    """The view's response, a 'not found' page included, so that its headers can be set here."""
    try:
        response = view(request, *args, **kwargs)
    except Http404 as exception:
        response = page_not_found(request, exception)
    if hasattr(response, "render"):
        response.render()
    return response


def carries_state(request):
    """Whether the request brings something of its own to show: a session or pending messages."""
    return request.user.is_authenticated or any(
        name in request.COOKIES for name in (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
    )


def is_shareable(request, response):
    """Whether the page shows nothing of the request: no message shown, no CSRF token, no cookie set."""
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(messages, "used", False)
    )


def cache_key(request):
    """The page's key: what the public may see now, and the absolute address with scheme and host."""
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"public-page:{public_state()}:{address}"


def private(response):
    """Mark the page as this request's alone: never stored by the service, a proxy or another browser."""
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def public_page(view):
    """Serve anonymous visitors from the cache; a request with state of its own gets a fresh, private page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if carries_state(request):
            return private(render_view(view, request, *args, **kwargs))
        key = cache_key(request)
        response = cache.get(key)
        if response is None:
            response = render_view(view, request, *args, **kwargs)
            if not is_shareable(request, response):
                return private(response)
            if not response.streaming:  # a streamed export is written as it is read: never held whole
                cache.set(key, response, PUBLIC_PAGE_SECONDS)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=BROWSER_SECONDS)
        else:
            patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
