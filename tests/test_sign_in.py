"""Signing in and out, including a wrong password."""

from django.urls import reverse

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
    assert response["Location"] == reverse("home")


def test_deactivated_account_cannot_sign_in(client, inspector):
    inspector.is_active = False
    inspector.save()
    client.post(reverse("accounts:sign-in"), {"username": "inspector", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
