"""Give the PostgreSQL role the application connects as exactly what it needs, and no more.

Run as the role that owns the tables (the one migrations run as), after every `migrate`:

    manage.py grant_app_privileges tracker_app

The application's role may then read and write the ordinary tables, only read and add to the audit
trail's history tables, and only read django_migrations. It owns nothing, so it cannot ALTER a table
(for instance to disable the trigger that freezes issued letters), and it is granted no TRUNCATE,
which would skip that trigger. Privileges it had before are revoked first.
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from simple_history.models import HistoricalChanges

READ_WRITE = "SELECT, INSERT, UPDATE, DELETE"
APPEND_ONLY = "SELECT, INSERT"
READ_ONLY = "SELECT"


def table_privileges() -> dict[str, str]:
    """Each existing table in the schema, with the privileges the application gets on it."""
    existing = set(connection.introspection.table_names())
    privileges = dict.fromkeys(existing, READ_ONLY)  # tables no model names: django_migrations
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in existing and not model._meta.proxy:
            privileges[table] = APPEND_ONLY if issubclass(model, HistoricalChanges) else READ_WRITE
    return privileges


def refusal(cursor, role: str) -> str | None:
    """Why the role cannot be the application's, or None."""
    cursor.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", [role])
    found = cursor.fetchone()
    if found is None:
        return f"There is no role {role!r}: create it first (CREATE ROLE {role} LOGIN PASSWORD '...')."
    if any(found):
        return f"{role} is a superuser (or bypasses row security): the application's role must be an ordinary role."
    cursor.execute(
        "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
        "WHERE r.rolname = %s AND c.relnamespace = current_schema()::regnamespace",
        [role],
    )
    if owned := cursor.fetchone()[0]:
        return (
            f"{role} owns {owned} table(s) or sequence(s): the application's role must own nothing. Run migrations "
            "as another role (the owner), and this command as that owner."
        )
    return None


class Command(BaseCommand):
    help = "Grant the application's PostgreSQL role read/write on ordinary tables and insert-only on history."

    def add_arguments(self, parser):
        parser.add_argument("role", help="the role the application connects as (it must own nothing)")

    def handle(self, role, **options):
        if connection.vendor != "postgresql":
            raise CommandError("grant_app_privileges is for PostgreSQL: SQLite has no roles.")
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            if reason := refusal(cursor, role):
                raise CommandError(reason)
            cursor.execute("SELECT current_database(), current_schema()")
            database, schema = cursor.fetchone()
            for statement in privilege_statements(quote(role), quote(database), quote(schema), table_privileges()):
                cursor.execute(statement)
        self.stdout.write(f"{role} may now use the application's tables in {database} (history: insert only).")


def privilege_statements(role, database, schema, privileges):
    yield f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}"
    yield f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role}"
    yield f"GRANT CONNECT ON DATABASE {database} TO {role}"
    yield f"GRANT USAGE ON SCHEMA {schema} TO {role}"
    for granted in (READ_WRITE, APPEND_ONLY, READ_ONLY):
        tables = sorted(table for table, given in privileges.items() if given == granted)
        if tables:
            names = ", ".join(f"{schema}.{connection.ops.quote_name(table)}" for table in tables)
            yield f"GRANT {granted} ON TABLE {names} TO {role}"
    yield f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}"
