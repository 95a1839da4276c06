"""Shared fixtures: the real forces and the personas every view is checked against."""

import importlib
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import SIGNATORY_TITLES
from accounts.models import User
from forces.models import Force

PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def forces(db):
    call_command("load_forces", stdout=io.StringIO())
    return Force.objects.all()


@pytest.fixture
def merseyside(forces):
    return Force.objects.get(slug="merseyside")


@pytest.fixture
def cheshire(forces):
    return Force.objects.get(slug="cheshire")


def make_user(username, **fields):
    return User.objects.create_user(username=username, password=PASSWORD, email=f"{username}@example.org", **fields)


@pytest.fixture
def inspector(db):
    return make_user("inspector", first_name="Jane", last_name="Okafor", role=User.Role.INSPECTOR, is_staff=True)


@pytest.fixture
def signatory(db):
    return make_user(
        "signatory",
        first_name="Michael",
        last_name="Cunningham",
        role=User.Role.SIGNATORY,
        is_staff=True,
        post_nominals="QPM",
        title_lines=SIGNATORY_TITLES,
    )


@pytest.fixture
def merseyside_officer(merseyside):
    return make_user("merseyside", role=User.Role.LIAISON_OFFICER, force=merseyside)


@pytest.fixture
def cheshire_officer(cheshire):
    return make_user("cheshire", role=User.Role.LIAISON_OFFICER, force=cheshire)


@pytest.fixture
def cheshire_pcc(cheshire):
    return make_user(
        "cheshire-pcc", role=User.Role.GOVERNANCE_BODY, force=cheshire, first_name="David", last_name="Keane"
    )


@pytest.fixture
def merseyside_pcc(merseyside):
    return make_user("merseyside-pcc", role=User.Role.GOVERNANCE_BODY, force=merseyside)


PERSONAS = ["anonymous", "inspector", "signatory", "merseyside_officer", "cheshire_officer"]


@pytest.fixture(params=PERSONAS)
def persona(request, client):
    """A client signed in as each persona in turn; the persona's name is client.persona."""
    if request.param != "anonymous":
        client.force_login(request.getfixturevalue(request.param))
    client.persona = request.param
    return client


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Each test writes its documents to a folder of its own, so storage can be checked afterwards."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings.MEDIA_ROOT


@pytest.fixture
def review(forces, signatory):
    from tests.factories import make_review

    return make_review(signatory)


def stored_files(media_root):
    return sorted(str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file())


# The SQLite triggers that keep records from being changed or deleted: issued letters, status changes.
FROZEN = [
    "letters.migrations.0002_freeze_issued_letters",
    "recommendations.migrations.0008_status_changes_append_only",
    "recommendations.migrations.0011_register_entries",
]


def sqlite_triggers(name):
    return [statement for module in FROZEN for statement in getattr(importlib.import_module(module), name)]


@pytest.fixture
def transactional_letters(transactional_db):
    """A committing database, for tests where another thread or a worker reads what the test wrote.

    Such tests end with a flush, which on SQLite deletes rows one by one: the triggers that keep
    issued letters and status changes from being deleted would stop it. They are dropped before the
    flush and stay dropped: pytest-django runs committing tests after all the others, and any later
    committing test may need them gone too. Each of these tests re-creates them first, so it runs with them."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for statement in sqlite_triggers("SQLITE_REVERSE") + sqlite_triggers("SQLITE"):
                cursor.execute(statement)
    yield
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for statement in sqlite_triggers("SQLITE_REVERSE"):
                cursor.execute(statement)


class VerifiedClient(Client):
    """A test client whose force_login also completes the second factor for inspectorate staff,
    as signing in through the pages would. Tests of the second factor itself use Client."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if user.is_inspector:
            device, _ = TOTPDevice.objects.get_or_create(user=user, name="Test app", defaults={"confirmed": True})
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()


@pytest.fixture
def client():
    return VerifiedClient()
