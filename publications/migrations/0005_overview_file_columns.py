"""Columns for the overview files that move out of the rows (0005). The data moves in a migration of its own:
PostgreSQL refuses to alter a table in the transaction that updated its rows."""

from django.db import migrations, models

import core.files


class Migration(migrations.Migration):
    dependencies = [("publications", "0004_letter_release_and_search")]

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
    ]
