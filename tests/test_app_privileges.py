"""The production set-up on PostgreSQL: the application connects as a role that owns nothing, cannot
truncate or disable the issued-letter trigger, and can only add to the history tables."""

import io
import uuid
from contextlib import contextmanager

import psycopg2
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg2 import errors

from letters.models import Letter
from tests.letter_helpers import add_letter_template
from tests.publication_helpers import issued
from tests.test_settings import manage


def on_postgresql():
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.fixture
def app_role(transactional_letters):
    """A fresh login role, as an operator would create for the application; dropped afterwards."""
    if not on_postgresql():
        pytest.skip("Database roles are PostgreSQL's: CI runs this on PostgreSQL")
    role = f"rt_app_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} LOGIN")
    yield role
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {role}")
        cursor.execute(f"DROP ROLE {role}")


@contextmanager
def connected_as(role):
    """A cursor on the test database for the role, each statement committed on its own."""
    database = connection.settings_dict
    link = psycopg2.connect(
        dbname=database["NAME"], user=role, host=database["HOST"] or None, port=database["PORT"] or None
    )
    link.autocommit = True
    try:
        with link.cursor() as cursor:
            yield cursor
    finally:
        link.close()


def refused(cursor, statement, error=errors.InsufficientPrivilege, params=None):
    with pytest.raises(error):
        cursor.execute(statement, params)


@pytest.fixture
def issued_letter(transactional_letters, review, cheshire, inspector, signatory):
    add_letter_template(review)
    return issued(review, cheshire, inspector, signatory)


def test_the_application_role_cannot_get_round_the_protections(app_role, issued_letter):
    call_command("grant_app_privileges", app_role, stdout=io.StringIO())
    with connected_as(app_role) as cursor:
        refused(cursor, "TRUNCATE letters_letter CASCADE")
        refused(cursor, "ALTER TABLE letters_letter DISABLE TRIGGER letters_letter_issued_frozen")
        refused(cursor, "ALTER TABLE letters_letter DISABLE TRIGGER ALL")
        refused(cursor, "UPDATE letters_historicalletter SET heading = 'rewritten'")
        refused(cursor, "DELETE FROM letters_historicalletter")
        refused(cursor, "TRUNCATE letters_historicalletter")
        refused(cursor, "DELETE FROM django_migrations")
        refused(cursor, "CREATE TABLE letters_shadow (id int)")
        # And the trigger still refuses the role what its privileges would allow.
        frozen = errors.IntegrityConstraintViolation
        refused(cursor, "DELETE FROM letters_letter WHERE id = %s", frozen, params=[issued_letter.pk])
    assert Letter.objects.get(pk=issued_letter.pk).pdf_matches()


def test_the_application_role_does_its_normal_work(app_role, issued_letter):
    call_command("grant_app_privileges", app_role, stdout=io.StringIO())
    with connected_as(app_role) as cursor:
        cursor.execute("INSERT INTO inspections_topic (name, created_at) VALUES ('Vetting', now()) RETURNING id")
        topic_id = cursor.fetchone()[0]
        cursor.execute("UPDATE inspections_topic SET name = 'Vetting and integrity' WHERE id = %s", [topic_id])
        cursor.execute(
            "INSERT INTO inspections_historicaltopic (id, name, created_at, history_date, history_type) "
            "VALUES (%s, 'Vetting and integrity', now(), now(), '~') RETURNING history_id",
            [topic_id],
        )
        cursor.execute("SELECT count(*) FROM letters_historicalletter WHERE id = %s", [issued_letter.pk])
        assert cursor.fetchone()[0] >= 1
        cursor.execute("DELETE FROM django_session")
        cursor.execute("SELECT count(*) FROM django_migrations")
    from inspections.models import Topic

    assert Topic.objects.get(pk=topic_id).name == "Vetting and integrity"
    assert Topic.history.filter(id=topic_id).count() == 1


APP_WORK = """
from inspections.models import Topic
from letters.models import Letter
topic = Topic.objects.create(name="Vetting by the app")
topic.name = "Vetting by the application"
topic.save()
print(Topic.history.filter(id=topic.pk).count(), Letter.objects.filter(state="issued").count())
"""


def test_the_application_runs_as_the_role(app_role, issued_letter):
    """The service itself, connected as the role: the ORM's writes and their history rows go through."""
    call_command("grant_app_privileges", app_role, stdout=io.StringIO())
    database = connection.settings_dict
    url = f"postgres://{app_role}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
    result = manage("shell", "--no-imports", "--command", APP_WORK, DEBUG="1", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [
        "2",
        "1",
    ]  # created and changed, both in the history; the letter readable


def test_a_role_that_owns_tables_or_is_a_superuser_is_refused(app_role):
    with pytest.raises(CommandError, match="superuser"):
        call_command("grant_app_privileges", connection.settings_dict["USER"] or "postgres")
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE owned_by_app (id int); ALTER TABLE owned_by_app OWNER TO {app_role}")
    try:
        with pytest.raises(CommandError, match="must own nothing"):
            call_command("grant_app_privileges", app_role)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE owned_by_app")


def test_the_command_says_it_is_for_postgresql(db):
    if on_postgresql():
        pytest.skip("On PostgreSQL the command runs")
    with pytest.raises(CommandError, match="for PostgreSQL"):
        call_command("grant_app_privileges", "tracker_app")
