"""Demonstration accounts for a newcomer's laptop: never loaded when DEBUG is off."""

import io
import math

from django.core.files.base import ContentFile
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image, ImageDraw

from forces.models import Force

from .models import User

SIGNATORY_TITLES = "Her Majesty's Inspector of Constabulary\nHer Majesty's Inspector of Fire & Rescue Services"


def signature_png():
    """A drawn flourish standing in for a handwritten signature (no real one ships)."""
    image = Image.new("RGBA", (600, 180), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    points = [(40 + t * 5.2, 100 + 45 * math.sin(t / 6.0) * math.cos(t / 17.0) - t * 0.25) for t in range(100)]
    draw.line(points, fill=(20, 20, 20, 255), width=5, joint="curve")
    draw.line([(60, 140), (540, 120)], fill=(20, 20, 20, 255), width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def upsert_user(username, password, **fields):
    user, _ = User.objects.update_or_create(username=username, defaults=fields)
    user.set_password(password)
    user.save()
    return user


def create_demo_accounts(password):
    """The five accounts the README names, all with the same password."""
    inspector = upsert_user(
        "inspector",
        password,
        first_name="Jane",
        last_name="Okafor",
        role=User.Role.INSPECTOR,
        email="jane.okafor@inspectorate.example.org",
        is_staff=True,
        force=None,
    )
    signatory = upsert_user(
        "signatory",
        password,
        first_name="Michael",
        last_name="Cunningham",
        role=User.Role.SIGNATORY,
        email="michael.cunningham@inspectorate.example.org",
        is_staff=True,
        force=None,
        post_nominals="QPM",
        title_lines=SIGNATORY_TITLES,
    )
    if not signatory.signature:
        signatory.signature.save("demo-signature.png", ContentFile(signature_png()))
    liaison_officers = [
        upsert_user(
            slug,
            password,
            first_name=first,
            last_name=last,
            role=User.Role.LIAISON_OFFICER,
            email=f"{first.lower()}.{last.lower()}@{slug}.police.example.org",
            force=Force.objects.get(slug=slug),
            is_staff=False,
        )
        for slug, first, last in [("merseyside", "Sam", "Kerr"), ("cheshire", "Priya", "Shah")]
    ]
    governance_body = upsert_user(
        "merseyside-pcc",
        password,
        first_name="Alex",
        last_name="Morgan",
        role=User.Role.GOVERNANCE_BODY,
        email="alex.morgan@merseyside.governance.example.org",
        force=Force.objects.get(slug="merseyside"),
        is_staff=False,
    )
    for user in (inspector, signatory):
        TOTPDevice.objects.get_or_create(user=user, name="Demo authenticator", defaults={"confirmed": True})
    return [inspector, signatory, *liaison_officers, governance_body]


def add_demo_force_emails():
    """Example addresses for every force that has none, so issued letters have somewhere to go."""
    for force in Force.objects.filter(chief_officer_email=""):
        force.chief_officer_email = f"chief.officer@{force.slug}.police.example.org"
        force.governance_email = force.governance_email or f"office@{force.slug}.governance.example.org"
        force.save(update_fields=["chief_officer_email", "governance_email"])
