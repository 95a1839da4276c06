"""Signing in and out, including a wrong password, deep links and where users land."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import second_factor_url
from accounts.models import User
from tests.conftest import PASSWORD


def test_wrong_password_shows_an_error_summary_and_does_not_sign_in(client, inspector):
    response = client.post(reverse("accounts:sign-in"), {"username": "inspector", "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "There is a problem" in html
    assert "Enter a correct username and password" in html
    assert "<title>Error: Sign in" in html
    assert "_auth_user_id" not in client.session


def test_empty_form_names_each_missing_field(client, db):
    html = client.post(reverse("accounts:sign-in"), {}).content.decode()
    assert "Enter your username" in html
    assert "Enter your password" in html
    assert "_auth_user_id" not in client.session


def test_right_password_signs_in_and_sign_out_signs_out(client, inspector):
    response = client.post(reverse("accounts:sign-in"), {"username": "inspector", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor-setup"))  # staff: second factor next
    assert client.session["_auth_user_id"] == str(inspector.pk)
    assert "Sign out" in client.get(reverse("home")).content.decode()

    client.post(reverse("accounts:sign-out"))
    assert "_auth_user_id" not in client.session


def test_sign_in_refuses_to_redirect_off_site(client, cheshire_officer):
    response = client.post(
        reverse("accounts:sign-in") + "?next=https://evil.example.com/",
        {"username": "cheshire", "password": PASSWORD, "next": "https://evil.example.com/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("landing")


def test_deactivated_account_cannot_sign_in(client, inspector):
    inspector.is_active = False
    inspector.save()
    client.post(reverse("accounts:sign-in"), {"username": "inspector", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def totp_now(device):
    return str(TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()).zfill(6)


def sign_in_form(html):
    """The sign-in page's forms: one form, holding both the fields and where the user was going."""
    return re.findall(r"<form\b.*?</form>", html, flags=re.S)


def test_a_deep_link_survives_sign_in(client, review, cheshire_officer):
    target = reverse("reviews:liaison-review", args=[review.pk])
    sign_in_page = client.get(target, follow=True)
    forms = sign_in_form(sign_in_page.content.decode())
    assert len(forms) == 1 and f'name="next" value="{target}"' in forms[0] and 'name="password"' in forms[0]
    response = client.post(
        sign_in_page.request["PATH_INFO"], {"username": "cheshire", "password": PASSWORD, "next": target}
    )
    assert response["Location"] == target


def test_staff_go_on_to_their_deep_link_after_the_second_factor(inspector, review):
    client = Client()
    target = reverse("reviews:review-detail", args=[review.pk])
    response = client.post(reverse("accounts:sign-in"), {"username": "inspector", "password": PASSWORD, "next": target})
    assert response["Location"] == second_factor_url(inspector, target)
    device = TOTPDevice.objects.create(user=inspector, name="Test app", confirmed=True)
    key_before = client.session.session_key
    response = client.post(reverse("accounts:two-factor"), {"token": totp_now(device), "next": target})
    assert response["Location"] == target
    assert client.session.session_key != key_before  # the session key is new once the second factor passes
    assert client.get(target).status_code == 200


@pytest.mark.parametrize(
    ("username", "landing"),
    [("cheshire", "reviews:liaison-home"), ("inspector", "reviews:dashboard")],
)
def test_with_nowhere_to_go_staff_land_on_the_dashboard_and_officers_on_their_force(
    client, username, landing, inspector, cheshire_officer
):
    client.force_login(User.objects.get(username=username))
    assert client.get(reverse("landing"))["Location"] == reverse(landing)


def test_the_second_factor_page_shows_no_staff_navigation(inspector):
    client = Client()
    client.post(reverse("accounts:sign-in"), {"username": "inspector", "password": PASSWORD})
    TOTPDevice.objects.create(user=inspector, name="Test app", confirmed=True)
    html = client.get(reverse("accounts:two-factor")).content.decode()
    assert "Enter your code" in html
    assert "Dashboard" not in html and reverse("reviews:dashboard") not in html
