"""On PostgreSQL and Redis, with two real web processes sharing one cache: a release time passing shows at
once through both, and a letter withdrawn through one is shown withdrawn at once through the other."""

import datetime
import http.client
import os
import re
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from config.settings import cache_from_url
from core.machine import free_port
from publications.caching import cache_key
from tests.conftest import VerifiedClient
from tests.letter_helpers import add_letter_template
from tests.publication_helpers import issued, publish
from tests.test_worker_processes import database_url, wait_for

BASE_DIR = Path(__file__).resolve().parent.parent
REDIS_URL = "redis://127.0.0.1:6379/5"  # the tests' own Redis database: flushed here
HOST = "localhost"  # one address for both processes, as behind one proxy: they share each stored page


@pytest.fixture(autouse=True)
def postgresql_and_redis(settings):
    if django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("Web process tests need PostgreSQL (a second process shares the test database): CI runs them")
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError as error:  # CI has Redis: never skipped there
        raise AssertionError(f"These tests need Redis at {REDIS_URL}: {error}") from error
    settings.CACHES = {"default": cache_from_url(REDIS_URL)}  # this process's writes start generations there too
    cache.clear()


def start_web(port):
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "DATABASE_CONN_MAX_AGE": "0",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    return subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def request(port, path, method="GET", cookies=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": HOST}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.msg, response.read().decode()
    finally:
        connection.close()


def page(port, path):
    status, _, text = request(port, path)
    assert status == 200, (port, path, status)
    return text


def serving(port):
    try:
        return request(port, "/")[0] == 200
    except OSError:
        return False


@pytest.fixture
def web_processes():
    ports = [free_port(), free_port()]
    processes = [start_web(port) for port in ports]
    try:
        for port in ports:
            wait_for(lambda port=port: serving(port), timeout=60, what=f"the web process on {port}")
        yield ports
    finally:
        for process in processes:
            process.terminate()
            print(process.communicate(timeout=30)[0])  # shown by pytest when the test fails


def stored(path):
    return cache.get(cache_key(RequestFactory().get(path, HTTP_HOST=HOST))) is not None


def withdraw_through(port, entry, staff):
    """Withdraw the letter as a signed-in inspector would, through the pages of one web process."""
    client = VerifiedClient()
    client.force_login(staff)
    cookies = {django_settings.SESSION_COOKIE_NAME: client.cookies[django_settings.SESSION_COOKIE_NAME].value}
    path = reverse("publications:withdraw", args=[entry.pk])
    status, headers, form = request(port, path, cookies=cookies)
    assert status == 200, status
    csrf = SimpleCookie(headers["Set-Cookie"])[django_settings.CSRF_COOKIE_NAME].value
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    body = urlencode({"reason": "Withdrawn through the first process.", "csrfmiddlewaretoken": token})
    status, _, _ = request(port, path, "POST", {**cookies, django_settings.CSRF_COOKIE_NAME: csrf}, body)
    assert status == 302, status


def test_two_web_processes_show_a_release_and_a_withdrawal_at_once(
    transactional_letters, review, merseyside, inspector, signatory, web_processes
):
    first, second = web_processes
    add_letter_template(review)
    letter = issued(review, merseyside, inspector, signatory)
    release_at = timezone.now() + datetime.timedelta(seconds=12)
    publication = publish(review, [letter], inspector, release_at)
    letters = reverse("publications:letters")
    letter_page = reverse("publications:letter", args=[review.slug, "merseyside"])

    for port in (first, second, first, second):
        assert "Merseyside" not in page(port, letters)
    assert stored(letters)  # in the shared cache, not in one process's memory
    assert timezone.now() < release_at, "The pages were fetched too slowly to test the release"

    time.sleep((release_at - timezone.now()).total_seconds() + 0.2)
    for port in (second, first):
        assert "Merseyside" in page(port, letters)  # at once, although the page before was stored
        assert "Withdrawn" not in page(port, letter_page)
    assert stored(letter_page)

    withdraw_through(first, publication.letters.get(), inspector)
    assert "Withdrawn through the first process." in page(second, letter_page)
    assert "Withdrawn" in page(second, letters)
