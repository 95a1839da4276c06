"""The bytes are in storage now (0011): the BinaryField columns go, the file columns take the old names, and an
issued letter (and every chasing letter) must name its PDF file and size. On SQLite, adding a constraint rebuilds
the table, which loses its triggers: the ones that freeze issued letters are created again at the end (and, going
back, at the start)."""

import importlib

from django.db import migrations, models

COLUMNS = importlib.import_module("letters.migrations.0010_file_columns")


class Migration(migrations.Migration):
    dependencies = [("letters", "0011_files_out_of_rows")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, COLUMNS.refreeze),
        migrations.RemoveField(model_name="letter", name="pdf"),
        migrations.RemoveField(model_name="letter", name="signature_png"),
        migrations.RenameField(model_name="letter", old_name="pdf_file", new_name="pdf"),
        migrations.AddConstraint(
            model_name="letter",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("state", "issued"), _negated=True),
                    models.Q(
                        ("issued_at__isnull", False),
                        ("issued_by__isnull", False),
                        ("letter_date__isnull", False),
                        ("pdf__gt", ""),
                        ("pdf__isnull", False),
                        ("pdf_sha256__regex", "^[0-9a-f]{64}$"),
                        ("pdf_size__gt", 0),
                        ("pdf_size__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="issued_letter_is_complete",
            ),
        ),
        migrations.RemoveConstraint(model_name="chaseletter", name="chase_letter_has_pdf"),
        migrations.RemoveField(model_name="chaseletter", name="pdf"),
        migrations.RenameField(model_name="chaseletter", old_name="pdf_file", new_name="pdf"),
        migrations.AddConstraint(
            model_name="chaseletter",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("pdf__gt", ""),
                    ("pdf__isnull", False),
                    ("pdf_sha256__regex", "^[0-9a-f]{64}$"),
                    ("pdf_size__gt", 0),
                    ("pdf_size__isnull", False),
                ),
                name="chase_letter_has_pdf",
            ),
        ),
        migrations.RunPython(COLUMNS.refreeze, migrations.RunPython.noop),
    ]
