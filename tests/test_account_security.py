"""Accounts: Argon2, password length, lockout, two-factor sign-in, session lifetimes, security log."""

import json
import logging
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from tests.conftest import PASSWORD
from tests.test_lockout_addresses import age_attempts


def audit_events(caplog):
    return [record.audit for record in caplog.records if record.name == "audit"]


def code_for(device):
    return str(TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()).zfill(6)


def sign_in(client, username):
    return client.post(reverse("accounts:sign-in"), {"username": username, "password": PASSWORD})


def test_passwords_are_hashed_with_argon2(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = User.objects.create_user("someone", password="a-long-enough-password")
    assert user.password.startswith("argon2")


def test_passwords_need_twelve_characters(db):
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Short-pass1")
    validate_password("a-long-enough-passphrase")


def test_lockout_after_repeated_failures(db, cheshire_officer, caplog):
    client = Client()
    caplog.set_level(logging.INFO, logger="audit")
    for _ in range(5):
        age_attempts()  # past the progressive delay: only the lockout refuses
        client.post(reverse("accounts:sign-in"), {"username": "cheshire", "password": "wrong-password"})
    age_attempts()
    response = sign_in(client, "cheshire")  # the right password, too late
    assert response.status_code == 429
    assert "You cannot sign in for now" in response.content.decode()
    assert "_auth_user_id" not in client.session
    events = [event["event"] for event in audit_events(caplog)]
    assert events.count("auth.sign_in_failed") >= 5
    assert "auth.locked_out" in events


def test_staff_set_up_an_authenticator_and_get_recovery_codes(db, inspector):
    client = Client()
    response = sign_in(client, "inspector")
    assert response["Location"].startswith(reverse("accounts:two-factor-setup"))
    # Until the second factor is done, inspector pages send staff back to it.
    assert client.get(reverse("reviews:dashboard"))["Location"].startswith(reverse("accounts:two-factor-setup"))
    page = client.get(reverse("accounts:two-factor-setup"))
    assert page.status_code == 200 and "Key:" in page.content.decode()
    qr = client.get(reverse("accounts:two-factor-qr"))
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    device = TOTPDevice.objects.get(user=inspector, confirmed=False)
    wrong = client.post(
        reverse("accounts:two-factor-setup"), {"token": "000000" if code_for(device) != "000000" else "1"}
    )
    assert "The code is not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a second or two; the test does not wait
    done = client.post(reverse("accounts:two-factor-setup"), {"token": code_for(device), "next": "/manage/"})
    assert "Keep your recovery codes safe" in done.content.decode()
    assert StaticToken.objects.filter(device__user=inspector).count() == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("reviews:dashboard")).status_code == 200


def enrolled(user):
    device = TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    from accounts.two_factor import enrol

    return device, enrol(user, device)


def test_verify_with_app_code_or_a_recovery_code_once(db, signatory):
    device, recovery_codes = enrolled(signatory)
    client = Client()
    assert sign_in(client, "signatory")["Location"].startswith(reverse("accounts:two-factor"))
    wrong = client.post(reverse("accounts:two-factor"), {"token": "12345678"})
    assert "The code is not right" in wrong.content.decode()
    assert client.get(reverse("reviews:dashboard")).status_code == 302
    for throttled in (TOTPDevice.objects.get(pk=device.pk), StaticDevice.objects.get(user=signatory)):
        throttled.throttle_reset()  # a wrong code makes the next try wait a second or two
    response = client.post(reverse("accounts:two-factor"), {"token": recovery_codes[0], "next": "/manage/"})
    assert response["Location"] == "/manage/"
    assert client.get(reverse("reviews:dashboard")).status_code == 200

    again = Client()
    sign_in(again, "signatory")
    reused = again.post(reverse("accounts:two-factor"), {"token": recovery_codes[0]})
    assert "The code is not right" in reused.content.decode()


def test_liaison_officers_are_not_asked_for_a_second_factor(db, cheshire_officer):
    client = Client()
    assert sign_in(client, "cheshire")["Location"] == reverse("landing")
    assert client.get(reverse("reviews:liaison-home")).status_code == 200
    assert client.get(reverse("accounts:two-factor")).status_code == 403


def test_admin_needs_the_second_factor(db, inspector):
    client = Client()
    client.force_login(inspector)  # password only
    assert client.get("/admin/").status_code == 302


def test_sessions_idle_out_after_30_minutes(client, inspector, settings):
    client.force_login(inspector)
    client.get(reverse("home"))
    assert client.session.get_expiry_age() == 30 * 60


def test_sessions_end_10_hours_after_sign_in_however_active(client, inspector, caplog):
    caplog.set_level(logging.INFO, logger="audit")
    client.force_login(inspector)
    session = client.session
    session["signed_in_at"] = time.time() - 10 * 60 * 60 - 1
    session.save()
    response = client.get(reverse("reviews:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))
    assert "_auth_user_id" not in client.session
    assert "session.expired" in [event["event"] for event in audit_events(caplog)]


def test_deactivating_a_user_ends_their_sessions(client, cheshire_officer):
    client.force_login(cheshire_officer)
    assert client.get(reverse("reviews:liaison-home")).status_code == 200
    assert Session.objects.count() == 1
    cheshire_officer.is_active = False
    cheshire_officer.save()
    assert Session.objects.count() == 0
    assert client.get(reverse("reviews:liaison-home")).status_code == 302


def test_security_log_is_one_json_object_per_line(db, cheshire_officer, caplog, client):
    caplog.set_level(logging.INFO, logger="audit")
    Client().post(
        reverse("accounts:sign-in"), {"username": "cheshire", "password": "wrong-password"}, REMOTE_ADDR="203.0.113.9"
    )
    sign_in(Client(), "cheshire")
    client.force_login(cheshire_officer)
    client.get(reverse("reviews:dashboard"))  # a liaison officer on an inspector page: refused
    events = audit_events(caplog)
    failed = next(event for event in events if event["event"] == "auth.sign_in_failed")
    assert failed["username"] == "cheshire" and failed["ip"] == "203.0.113.9"
    assert any(event["event"] == "auth.sign_in" for event in events)
    refused = next(event for event in events if event["event"] == "access.refused")
    assert refused["user"] == "cheshire" and refused["path"] == "/manage/" and refused["status"] == 403
    from core.audit import JsonFormatter

    line = JsonFormatter().format(next(r for r in caplog.records if r.name == "audit"))
    assert json.loads(line)["event"]


def test_demo_codes_are_refused_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refused when DEBUG is off"):
        call_command("demo_code", "inspector")
