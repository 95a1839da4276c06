"""Issued letters' PDFs, their signatures and chasing letters' PDFs move out of the rows into storage.

The new columns are nullable so that adding them is a plain ADD COLUMN. Removing the constraint that wanted bytes in
an issued letter's row rebuilds the table on SQLite, which loses the triggers that freeze issued letters. Issued letters are frozen by those triggers, so they are dropped while the
rows are pointed at their files and created again straight after, in the same transaction. Every file is read
back and checked against the SHA-256 its row recorded; a mismatch stops the migration, naming the row."""

import importlib

from django.db import migrations, models

import core.files
from core.file_moves import Move, bytes_to_files, files_to_bytes

FREEZE = importlib.import_module("letters.migrations.0002_freeze_issued_letters")
LETTER_MOVES = [
    Move("pdf", "pdf_file", "pdf_size", "pdf_sha256", "letter.pdf"),
    Move("signature_png", "signature", "signature_size", "signature_sha256", "signature.png"),
]
CHASE_MOVE = Move("pdf", "pdf_file", "pdf_size", "pdf_sha256", "chasing-letter.pdf")


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


def unfrozen(move_all):
    """Run move_all with the issued-letter triggers dropped, creating them again afterwards."""

    def run(apps, schema_editor):
        drop, create = freeze_statements(schema_editor.connection.vendor)
        for statement in drop:
            schema_editor.execute(statement)
        move_all(apps)
        for statement in create:
            schema_editor.execute(statement)

    return run


def forward(apps):
    for move in LETTER_MOVES:
        bytes_to_files(apps.get_model("letters", "Letter"), move)
    bytes_to_files(apps.get_model("letters", "ChaseLetter"), CHASE_MOVE)


def back(apps):
    for move in LETTER_MOVES:
        files_to_bytes(apps.get_model("letters", "Letter"), move)
    files_to_bytes(apps.get_model("letters", "ChaseLetter"), CHASE_MOVE)


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
        migrations.RunPython(unfrozen(forward), unfrozen(back)),
    ]
