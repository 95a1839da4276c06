"""Caching of public pages, keyed by what the public may see, so a release time passing shows at once."""

from functools import wraps

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.defaults import page_not_found

from .models import Publication

PUBLIC_PAGE_SECONDS = 300
BROWSER_SECONDS = 60


def public_state():
    """Changes whenever what the public may see changes: a release time passes, a letter is withdrawn."""
    state = Publication.objects.released(timezone.now()).aggregate(
        released=Count("pk", distinct=True), withdrawn=Max("letters__withdrawn_at")
    )
    withdrawn = state["withdrawn"].timestamp() if state["withdrawn"] else 0
    return f"{state['released']}:{withdrawn}"


def render_view(view, request, *args, **kwargs):
    """The view's response, a 'not found' page included, so that its headers can be set here."""
    try:
        response = view(request, *args, **kwargs)
    except Http404 as exception:
        response = page_not_found(request, exception)
    if hasattr(response, "render"):
        response.render()
    return response


def public_page(view):
    """Serve anonymous visitors from the cache; signed-in users always get a fresh, private page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            response = render_view(view, request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        key = f"public-page:{public_state()}:{request.get_full_path()}"
        response = cache.get(key)
        if response is None:
            response = render_view(view, request, *args, **kwargs)
            if response.status_code == 200:
                cache.set(key, response, PUBLIC_PAGE_SECONDS)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=BROWSER_SECONDS)
        else:
            patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
