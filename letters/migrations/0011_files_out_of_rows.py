"""Issued letters' PDFs, their signatures and chasing letters' PDFs move out of the rows into storage.

Issued letters are frozen by triggers, so they are dropped while the rows are pointed at their files and created
again straight after, in the same transaction. Every file is read back and checked against the SHA-256 its row
recorded; a mismatch stops the migration, naming the row."""

import importlib

from django.db import migrations

from core.file_moves import Move, bytes_to_files, files_to_bytes

COLUMNS = importlib.import_module("letters.migrations.0010_file_columns")
LETTER_MOVES = [
    Move("pdf", "pdf_file", "pdf_size", "pdf_sha256", "letter.pdf"),
    Move("signature_png", "signature", "signature_size", "signature_sha256", "signature.png"),
]
CHASE_MOVE = Move("pdf", "pdf_file", "pdf_size", "pdf_sha256", "chasing-letter.pdf")


def unfrozen(move_all):
    """Run move_all with the issued-letter triggers dropped, creating them again afterwards."""

    def run(apps, schema_editor):
        drop, create = COLUMNS.freeze_statements(schema_editor.connection.vendor)
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


class Migration(migrations.Migration):
    dependencies = [("letters", "0010_file_columns")]

    operations = [migrations.RunPython(unfrozen(forward), unfrozen(back))]
