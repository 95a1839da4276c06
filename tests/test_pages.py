"""Every page of the foundation for every role: status and the navigation the role sees."""

import pytest
from django.urls import reverse

from tests.conftest import PERSONAS

INSPECTORATE = {"inspector", "signatory"}
LIAISON = {"merseyside_officer", "cheshire_officer"}

PUBLIC_PAGES = [
    reverse("home"),
    reverse("accessibility"),
    reverse("forces:list"),
    reverse("forces:detail", args=["merseyside"]),
    reverse("forces:detail", args=["metropolitan"]),
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_open_to_every_role(persona, forces, url):
    response = persona.get(url)
    assert response.status_code == 200
    assert b"<h1" in response.content


def test_unknown_force_is_not_found(persona, forces):
    assert persona.get(reverse("forces:detail", args=["atlantis"])).status_code == 404


def test_navigation_fits_the_role(persona, forces):
    html = persona.get(reverse("home")).content.decode()
    role = persona.persona
    assert ('href="/admin/"' in html) == (role in INSPECTORATE)
    assert ("Your force&#x27;s requests" in html) == (role in LIAISON)
    assert ('href="/manage/">Dashboard' in html) == (role in INSPECTORATE)
    assert ("Sign in</a>" in html) == (role == "anonymous")
    assert ("Sign out" in html) == (role != "anonymous")


def test_sign_in_page(persona, forces):
    response = persona.get(reverse("accounts:sign-in"))
    if persona.persona == "anonymous":
        assert response.status_code == 200
        assert b"Sign in" in response.content
    else:
        assert response.status_code == 302  # already signed in: sent on to where they land
        assert response["Location"] == reverse("landing")


def test_sign_out_needs_a_post(persona, forces):
    assert persona.get(reverse("accounts:sign-out")).status_code == 405
    response = persona.post(reverse("accounts:sign-out"))
    assert response.status_code == 302
    assert "_auth_user_id" not in persona.session


@pytest.mark.parametrize("role", PERSONAS)
def test_admin_is_for_inspectorate_staff(client, forces, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("admin:index"))
    if role in INSPECTORATE:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_force_page_shows_reference_data(client, forces):
    html = client.get(reverse("forces:detail", args=["metropolitan"])).content.decode()
    assert "Metropolitan Police Service" in html
    assert "Commissioner" in html
    assert "London" in html


def test_force_list_groups_by_region(client, forces):
    html = client.get(reverse("forces:list")).content.decode()
    assert "43 territorial police forces" in html
    assert html.index('id="north-east"') < html.index("Durham Constabulary") < html.index('id="north-west"')
    assert html.index('id="wales"') < html.index("Gwent Police") < html.index('id="national-bodies"')
    assert html.index('id="national-bodies"') < html.index("National Crime Agency")
