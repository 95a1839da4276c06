"""National overviews' PDFs move out of the rows into storage. Each file is read back and checked against the
SHA-256 its row recorded; a mismatch stops the migration, naming the row."""

from django.db import migrations, models

import core.files
from core.file_moves import Move, bytes_to_files, files_to_bytes

MOVE = Move("overview_pdf", "overview_file", "overview_size", "overview_sha256", "overview.pdf")


def forward(apps, schema_editor):
    bytes_to_files(apps.get_model("publications", "Publication"), MOVE)


def back(apps, schema_editor):
    files_to_bytes(apps.get_model("publications", "Publication"), MOVE)


class Migration(migrations.Migration):
    dependencies = [("publications", "0003_review_from_reviews")]

    operations = [
        migrations.AddField(
            model_name="publication",
            name="overview_file",
            field=models.FileField(blank=True, max_length=200, upload_to=core.files.generated_file_name),
        ),
        migrations.AddField(
            model_name="publication", name="overview_size", field=models.PositiveBigIntegerField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="historicalpublication",
            name="overview_size",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(forward, back),
    ]
