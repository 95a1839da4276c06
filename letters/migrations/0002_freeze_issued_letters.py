"""Issued letters cannot be changed or deleted: enforced by the database, whatever the code does."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER letters_letter_issued_no_update BEFORE UPDATE ON letters_letter
       WHEN OLD.state = 'issued'
       BEGIN SELECT RAISE(ABORT, 'issued letters cannot be changed'); END""",
    """CREATE TRIGGER letters_letter_issued_no_delete BEFORE DELETE ON letters_letter
       WHEN OLD.state = 'issued'
       BEGIN SELECT RAISE(ABORT, 'issued letters cannot be deleted'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS letters_letter_issued_no_update",
    "DROP TRIGGER IF EXISTS letters_letter_issued_no_delete",
]
POSTGRESQL = [
    """CREATE FUNCTION letters_letter_refuse_issued_change() RETURNS trigger AS $$
       BEGIN
         IF OLD.state = 'issued' THEN
           RAISE EXCEPTION 'issued letters cannot be changed or deleted'
             USING ERRCODE = 'integrity_constraint_violation';
         END IF;
         IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
         RETURN NEW;
       END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER letters_letter_issued_frozen BEFORE UPDATE OR DELETE ON letters_letter
       FOR EACH ROW EXECUTE FUNCTION letters_letter_refuse_issued_change()""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS letters_letter_issued_frozen ON letters_letter",
    "DROP FUNCTION IF EXISTS letters_letter_refuse_issued_change()",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
