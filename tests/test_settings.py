"""Start-up refuses an unsafe or malformed configuration, with a message that says why."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import database_from_url, env_bool

BASE_DIR = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    # The browser tests allow synchronous ORM calls beside Playwright's event loop; a server never does.
    unset = ("SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {key: value for key, value in os.environ.items() if key not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_with_debug_off_stops_start_up():
    result = manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


SITE = "https://tracker.example.org"


def test_secret_key_with_debug_off_starts():
    result = manage("check", DEBUG="0", SECRET_KEY="x" * 60, EMAIL_HOST="smtp.example.org", SITE_URL=SITE)
    assert result.returncode == 0, result.stderr


def test_missing_site_url_with_debug_off_stops_start_up():
    result = manage("check", DEBUG="0", SECRET_KEY="x" * 60, EMAIL_HOST="smtp.example.org")
    assert result.returncode != 0
    assert "SITE_URL is not set" in result.stderr


def test_demo_data_is_refused_when_debug_is_off():
    result = manage("load_demo_data", DEBUG="0", SECRET_KEY="x" * 60, EMAIL_HOST="smtp.example.org", SITE_URL=SITE)
    assert result.returncode != 0
    assert "refused when DEBUG is off" in result.stderr


def test_malformed_debug_value_is_refused(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be"):
        env_bool("DEBUG")


def test_database_url_is_parsed_and_checked():
    database = database_from_url("postgres://tracker:s%40cret@db.internal:5433/tracker")
    assert database["NAME"] == "tracker"
    assert database["PASSWORD"] == "s@cret"
    assert database["PORT"] == 5433
    assert database["CONN_MAX_AGE"] == 60 and database["CONN_HEALTH_CHECKS"]
    with pytest.raises(ImproperlyConfigured, match="must start with postgres"):
        database_from_url("mysql://db/tracker")
    with pytest.raises(ImproperlyConfigured, match="must name a database"):
        database_from_url("postgres://db/")


def test_make_run_tells_the_service_the_address_it_serves_on():
    dry_run = subprocess.run(
        ["make", "-n", "run", "PORT=8101"], cwd=BASE_DIR, capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert "SITE_URL=http://127.0.0.1:8101" in dry_run and "runserver 127.0.0.1:8101" in dry_run
    assert "SITE_URL=http://127.0.0.1:8101 .venv/bin/python manage.py run_worker" in dry_run
