"""Columns for the files that move out of the rows (0011): nullable, so that adding them is a plain ADD COLUMN.
Removing the constraint that wanted bytes in an issued letter's row rebuilds the table on SQLite, which loses the
triggers that freeze issued letters; going back, they are created again last. The data moves in a migration of its
own: PostgreSQL refuses to alter a table in the transaction that updated its rows."""

import importlib

from django.db import migrations, models

import core.files

FREEZE = importlib.import_module("letters.migrations.0002_freeze_issued_letters")


def freeze_statements(vendor):
    """The statements of 0002 that drop the issued-letter triggers, and those that create them."""
    drop = {"sqlite": FREEZE.SQLITE_REVERSE, "postgresql": FREEZE.POSTGRESQL_REVERSE}.get(vendor, [])
    create = {"sqlite": FREEZE.SQLITE, "postgresql": FREEZE.POSTGRESQL}.get(vendor, [])
    return drop, create


def refreeze(apps, schema_editor):
    """Create the triggers again (on SQLite a rebuilt table has lost them)."""
    drop, create = freeze_statements(schema_editor.connection.vendor)
    for statement in drop + create:
        schema_editor.execute(statement)


def file_field():
    return models.FileField(blank=True, max_length=200, null=True, upload_to=core.files.generated_file_name)


def nullable(field_class, **options):
    return field_class(blank=True, null=True, **options)


class Migration(migrations.Migration):
    dependencies = [("letters", "0009_chasing_letters")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, refreeze),  # going back, last: after the rebuilds below
        # An issued letter's bytes may not stay in its row: the rule returns in 0011, naming the file instead.
        migrations.RemoveConstraint(model_name="letter", name="issued_letter_is_complete"),
        # Going back, the bytes return to this column before it is made NOT NULL again.
        migrations.AlterField("chaseletter", "pdf", models.BinaryField(null=True)),
        migrations.AddField("letter", "pdf_file", file_field()),
        migrations.AddField("letter", "pdf_size", nullable(models.PositiveBigIntegerField)),
        migrations.AddField("letter", "signature", file_field()),
        migrations.AddField("letter", "signature_size", nullable(models.PositiveBigIntegerField)),
        migrations.AddField(
            "letter",
            "signature_sha256",
            nullable(models.CharField, max_length=64, verbose_name="SHA-256 of the signature"),
        ),
        migrations.AddField("historicalletter", "pdf_size", nullable(models.PositiveBigIntegerField)),
        migrations.AddField("historicalletter", "signature_size", nullable(models.PositiveBigIntegerField)),
        migrations.AddField(
            "historicalletter",
            "signature_sha256",
            nullable(models.CharField, max_length=64, verbose_name="SHA-256 of the signature"),
        ),
        migrations.AddField("chaseletter", "pdf_file", file_field()),
        migrations.AddField("chaseletter", "pdf_size", nullable(models.PositiveBigIntegerField)),
        migrations.AddField("historicalchaseletter", "pdf_size", nullable(models.PositiveBigIntegerField)),
    ]
