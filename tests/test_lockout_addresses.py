"""Lockout and the security log see the real client behind trusted proxies, and only there; failures
slow the next attempt from the same address for that username, and nobody elsewhere."""

import datetime
import logging

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

PROXY = "10.0.0.2"
ATTACKER, SIGNATORY_HOME = "203.0.113.9", "198.51.100.7"


def attempt(address, password, *, proxied=True, forwarded=None, username="cheshire"):
    """A sign-in as it reaches the service: through the proxy (which appends the client) or directly."""
    meta = {"REMOTE_ADDR": PROXY if proxied else address}
    if proxied:
        meta["HTTP_X_FORWARDED_FOR"] = f"{forwarded}, {address}" if forwarded else address
    elif forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    client = Client(**meta)
    return client, client.post(reverse("accounts:sign-in"), {"username": username, "password": password})


def age_attempts(seconds=120):
    """Let the progressive delay pass, as time would."""
    for row in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=row.pk).update(
            attempt_time=row.attempt_time - datetime.timedelta(seconds=seconds)
        )


def fail(times, address, **options):
    for _ in range(times):
        age_attempts()
        attempt(address, "wrong-password", **options)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def test_behind_the_proxy_an_attacker_cannot_lock_the_user_out_of_their_own_address(behind_proxy, cheshire_officer):
    fail(6, ATTACKER, forwarded=SIGNATORY_HOME)  # even pretending to be the user's address
    age_attempts()
    assert attempt(ATTACKER, PASSWORD)[1].status_code == 429  # the attacker's address is locked
    client, response = attempt(SIGNATORY_HOME, PASSWORD)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(cheshire_officer.pk)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_behind_the_proxy_the_log_records_the_client(behind_proxy, cheshire_officer, caplog):
    caplog.set_level(logging.INFO, logger="audit")
    attempt(ATTACKER, "wrong-password", forwarded="127.0.0.1")
    assert [record.audit["ip"] for record in caplog.records if record.name == "audit"] == [ATTACKER]


def test_without_a_proxy_the_forwarded_header_is_ignored(cheshire_officer, caplog):
    caplog.set_level(logging.INFO, logger="audit")
    for number in range(5):
        age_attempts()
        attempt(ATTACKER, "wrong-password", proxied=False, forwarded=f"192.0.2.{number}")
    age_attempts()
    assert attempt(ATTACKER, PASSWORD, proxied=False)[1].status_code == 429  # the spoofed header changed nothing
    assert {record.audit["ip"] for record in caplog.records if record.name == "audit"} == {ATTACKER}
    assert attempt(SIGNATORY_HOME, PASSWORD, proxied=False)[1].status_code == 302


def test_failures_slow_the_next_attempt_progressively(behind_proxy, cheshire_officer):
    for _ in range(2):
        assert attempt(ATTACKER, "wrong-password")[1].status_code == 200  # the first failures cost nothing
    assert attempt(ATTACKER, "wrong-password")[1].status_code == 200
    _, response = attempt(ATTACKER, PASSWORD)  # at once: refused unchecked
    assert response.status_code == 429 and response["Retry-After"] == "1"
    assert "Too many failed attempts: wait 1 second and try again." in response.content.decode()
    assert AccessAttempt.objects.get().failures_since_start == 3  # the refused attempt was not counted
    age_attempts(seconds=1)
    assert attempt(ATTACKER, "wrong-password")[1].status_code == 200  # fourth failure: now 2 seconds
    assert attempt(ATTACKER, PASSWORD)[1]["Retry-After"] == "2"
    assert attempt(SIGNATORY_HOME, PASSWORD)[1].status_code == 302  # nobody else waits


def test_the_admin_signs_in_through_the_services_page_and_its_wait(behind_proxy, cheshire_officer, inspector):
    response = Client().get("/admin/login/?next=/admin/forces/force/")
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=%2Fadmin%2Fforces%2Fforce%2F"
    for _ in range(3):
        Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER).post(
            "/admin/login/", {"username": "inspector", "password": "wrong-password"}
        )
    assert not AccessAttempt.objects.exists()  # the admin's own form is not there to try
