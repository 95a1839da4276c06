"""National overviews' PDFs move out of the rows into storage. Each file is read back and checked against the
SHA-256 its row recorded; a mismatch stops the migration, naming the row."""

from django.db import migrations

from core.file_moves import Move, bytes_to_files, files_to_bytes

MOVE = Move("overview_pdf", "overview_file", "overview_size", "overview_sha256", "overview.pdf")


def forward(apps, schema_editor):
    bytes_to_files(apps.get_model("publications", "Publication"), MOVE)


def back(apps, schema_editor):
    files_to_bytes(apps.get_model("publications", "Publication"), MOVE)


class Migration(migrations.Migration):
    dependencies = [("publications", "0005_overview_file_columns")]

    operations = [migrations.RunPython(forward, back)]
