"""A status change, once recorded, cannot be changed or deleted: enforced by the database."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER recommendations_statuschange_no_update BEFORE UPDATE ON recommendations_statuschange
       BEGIN SELECT RAISE(ABORT, 'status changes cannot be changed'); END""",
    """CREATE TRIGGER recommendations_statuschange_no_delete BEFORE DELETE ON recommendations_statuschange
       BEGIN SELECT RAISE(ABORT, 'status changes cannot be deleted'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS recommendations_statuschange_no_update",
    "DROP TRIGGER IF EXISTS recommendations_statuschange_no_delete",
]
POSTGRESQL = [
    """CREATE FUNCTION recommendations_statuschange_refuse() RETURNS trigger AS $$
       BEGIN
         RAISE EXCEPTION 'status changes cannot be changed or deleted'
           USING ERRCODE = 'integrity_constraint_violation';
       END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER recommendations_statuschange_append_only BEFORE UPDATE OR DELETE
       ON recommendations_statuschange FOR EACH ROW EXECUTE FUNCTION recommendations_statuschange_refuse()""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS recommendations_statuschange_append_only ON recommendations_statuschange",
    "DROP FUNCTION IF EXISTS recommendations_statuschange_refuse()",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0007_status_changes")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
