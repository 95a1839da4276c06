"""The public page cache shares only what every visitor may see: no banner, form or host of one request."""

import json

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.publication_helpers import text_of
from tests.test_publications import AFTER, clock, published  # noqa: F401 (fixtures)

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
