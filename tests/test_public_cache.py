"""The public page cache shares only what every visitor may see: no banner, form or host of one request."""

import datetime
import json

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from config.settings import cache_from_url
from publications.caching import PendingPage, cache_key, page_store
from publications.services import clear_public_pages, letter_withdraw
from tests.publication_helpers import text_of
from tests.test_publications import AFTER, BEFORE, clock, published  # noqa: F401 (fixtures)

HOUR = datetime.timedelta(hours=1)
NOTICE = "NOTICE: all published letters are withdrawn, see https://evil.example"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def signed_messages_cookie(text):
    """A messages cookie as the service signs it, as a signed-in user could copy it from their browser."""
    storage = CookieStorage(RequestFactory().get("/"))
    return storage._encode([Message(constants.INFO, text)])


@pytest.mark.parametrize("name", ["publications:letters", "forces:list", "publications:letters-json"])
def test_a_replayed_messages_cookie_is_never_shown_to_other_visitors(published, clock, name):  # noqa: F811
    clock(AFTER)
    attacker = Client()
    attacker.cookies[CookieStorage.cookie_name] = signed_messages_cookie(NOTICE)
    poisoned = attacker.get(reverse(name))
    assert "public" not in poisoned["Cache-Control"] and "private" in poisoned["Cache-Control"]

    visitor = Client().get(reverse(name))
    assert NOTICE not in text_of(visitor)
    assert "public" in visitor["Cache-Control"]


def test_the_owner_of_a_message_still_sees_it_on_a_cached_page(published, clock):  # noqa: F811
    clock(AFTER)
    assert "public" in Client().get(reverse("publications:letters"))["Cache-Control"]  # now in the cache
    client = Client()
    client.cookies[CookieStorage.cookie_name] = signed_messages_cookie("Letter withdrawn.")
    response = client.get(reverse("publications:letters"))
    assert "Letter withdrawn." in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_the_cache_key_holds_the_host(published, clock, settings):  # noqa: F811
    clock(AFTER)
    settings.ALLOWED_HOSTS = ["tracker.example.org", "evil.example"]
    url = reverse("publications:letters-json")
    Client().get(url, HTTP_HOST="evil.example")
    honest = Client().get(url, HTTP_HOST="tracker.example.org")
    text = text_of(honest)
    assert "evil.example" not in text
    assert "tracker.example.org" in json.dumps(json.loads(text))


# Served before the middleware: a stored page costs one cache round trip, no query, no session.


def test_a_stored_page_is_served_before_sessions_and_auth(published, clock, django_assert_num_queries):  # noqa: F811
    clock(AFTER)
    url = reverse("publications:letters")
    first = Client().get(url)
    assert hasattr(first.wsgi_request, "session")  # built by the whole stack
    with django_assert_num_queries(0):
        again = Client().get(url)
    assert again.content == first.content
    assert not hasattr(again.wsgi_request, "session") and not hasattr(again.wsgi_request, "user")


def test_a_stored_page_keeps_the_headers_of_the_whole_stack(published, clock):  # noqa: F811
    clock(AFTER)
    url = reverse("publications:letters")
    Client().get(url)
    served = Client().get(url)
    assert not hasattr(served.wsgi_request, "user")  # from the cache
    assert "frame-ancestors 'none'" in served["Content-Security-Policy"]
    assert served["X-Frame-Options"] == "DENY" and served["X-Content-Type-Options"] == "nosniff"
    assert served["Referrer-Policy"] == "same-origin"
    assert "public" in served["Cache-Control"] and "max-age=60" in served["Cache-Control"]
    assert "Cookie" in served["Vary"]


def test_a_visitor_with_a_session_is_never_served_a_stored_page(client, published, clock, inspector):  # noqa: F811
    clock(AFTER)
    url = reverse("publications:letters")
    Client().get(url)  # stored
    client.force_login(inspector)
    signed_in = client.get(url)
    assert "Sign out" in signed_in.content.decode() and "private" in signed_in["Cache-Control"]
    stranger = Client()
    stranger.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    assert "private" in stranger.get(url)["Cache-Control"]
    assert "Sign out" not in Client().get(url).content.decode()  # the signed-in page was never stored


def test_a_csrf_cookie_alone_still_gets_the_stored_page(published, clock):  # noqa: F811
    clock(AFTER)
    url = reverse("publications:letters")
    Client().get(url)
    visitor = Client()
    visitor.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32  # left by a form page visited earlier
    served = visitor.get(url)
    assert not hasattr(served.wsgi_request, "user") and "public" in served["Cache-Control"]


def test_the_release_time_passing_shows_at_once_without_a_query_per_hit(
    published,  # noqa: F811
    clock,  # noqa: F811
    django_assert_num_queries,
):
    url = reverse("publications:letters")
    clock(BEFORE)
    assert "Merseyside" not in Client().get(url).content.decode()
    with django_assert_num_queries(0):
        assert "Merseyside" not in Client().get(url).content.decode()  # stored until the release time
    clock(AFTER)
    assert "Merseyside" in Client().get(url).content.decode()


def test_a_new_day_builds_the_pages_again(published, clock):  # noqa: F811
    clock(AFTER)
    url = reverse("publications:letters")
    Client().get(url)
    assert not hasattr(Client().get(url).wsgi_request, "user")
    clock(AFTER + datetime.timedelta(days=1))
    assert hasattr(Client().get(url).wsgi_request, "user")  # what is overdue follows the date


def test_a_withdrawal_shows_at_once_on_stored_pages(published, clock, inspector):  # noqa: F811
    clock(AFTER)
    review = published["review"]
    url = reverse("publications:letter", args=[review.slug, "merseyside"])
    assert "Withdrawn" not in Client().get(url).content.decode()
    letter_withdraw(entry=published["publication"].letters.get(), reason="Sent in error.", by=inspector)
    assert "Sent in error." in Client().get(url).content.decode()


def test_clearing_public_pages_leaves_the_rest_of_the_cache_alone(published, clock):  # noqa: F811
    clock(AFTER)
    url = reverse("publications:letters")
    Client().get(url)
    cache.set("someone-else", "kept")
    clear_public_pages()
    assert cache.get("someone-else") == "kept"
    assert hasattr(Client().get(url).wsgi_request, "user")  # built again


def test_a_missing_page_is_never_stored(published, clock):  # noqa: F811
    clock(AFTER)
    missing = reverse("publications:letter", args=[published["review"].slug, "cheshire"])
    assert Client().get(missing).status_code == 404
    assert hasattr(Client().get(missing).wsgi_request, "user")  # built again by the whole stack


def test_a_page_given_a_cookie_on_its_way_out_is_never_stored(db):
    request = RequestFactory().get("/letters/")
    pending = PendingPage(key=cache_key(request), generation="g", valid_until=timezone.now() + HOUR)
    with_cookie = HttpResponse("page")
    with_cookie.set_cookie("someone", "theirs")
    page_store(request, with_cookie, pending)
    assert cache.get(pending.key) is None
    page_store(request, HttpResponse("page"), pending)
    assert cache.get(pending.key) is not None


def test_redis_url_selects_the_shared_cache_and_a_bad_one_is_refused():
    assert cache_from_url("")["BACKEND"].endswith("LocMemCache")
    shared = cache_from_url("redis://cache.internal:6379/2")
    assert shared["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert shared["LOCATION"] == "redis://cache.internal:6379/2"
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL must start with redis://"):
        cache_from_url("memcached://cache.internal")


def test_public_pages_and_writes_go_on_when_the_shared_cache_is_unreachable(published, clock, inspector, settings):  # noqa: F811
    clock(AFTER)
    settings.CACHES = {"default": cache_from_url("redis://127.0.0.1:1/0")}  # nothing listens on port 1
    url = reverse("publications:letter", args=[published["review"].slug, "merseyside"])
    assert Client().get(url).status_code == 200
    letter_withdraw(entry=published["publication"].letters.get(), reason="Sent in error.", by=inspector)
    assert "Sent in error." in Client().get(url).content.decode()
