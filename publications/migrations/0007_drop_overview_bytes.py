"""The overviews are in storage now (0005): the BinaryField goes, the file column takes its name, and an overview
must name its file and size."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("publications", "0006_overview_out_of_rows")]

    operations = [
        migrations.RemoveConstraint(model_name="publication", name="publication_overview_has_its_pdf"),
        migrations.RemoveField(model_name="publication", name="overview_pdf"),
        migrations.RenameField(model_name="publication", old_name="overview_file", new_name="overview_pdf"),
        migrations.AddConstraint(
            model_name="publication",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("overview_title", ""),
                    models.Q(
                        ("overview_pdf__gt", ""),
                        ("overview_sha256__regex", "^[0-9a-f]{64}$"),
                        ("overview_size__gt", 0),
                        ("overview_size__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="publication_overview_has_its_pdf",
            ),
        ),
    ]
