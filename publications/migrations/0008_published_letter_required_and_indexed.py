"""The published letters' release time and letter date become required, and the columns the public lists
read are indexed (0004 filled them, in a transaction of its own)."""

import django.contrib.postgres.indexes
import django.db.models.expressions
from django.db import migrations, models


def gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX published_letter_search ON publications_publishedletter USING gin (search_vector)"
        )


def gin_index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS published_letter_search")


class Migration(migrations.Migration):
    dependencies = [("publications", "0007_drop_overview_bytes")]

    operations = [
        migrations.AlterField(
            model_name="publishedletter",
            name="release_at",
            field=models.DateTimeField(editable=False),
        ),
        migrations.AlterField(
            model_name="publishedletter",
            name="letter_date",
            field=models.DateField(editable=False),
        ),
        migrations.AddIndex(
            model_name="publishedletter",
            index=models.Index(fields=["letter_date"], name="published_letter_date"),
        ),
        migrations.AddIndex(
            model_name="publishedletter",
            index=models.Index(
                fields=["release_at"], include=("superseded_at", "withdrawn_at"), name="published_letter_public"
            ),
        ),
        migrations.AddIndex(
            model_name="publishedletter",
            index=models.Index(
                django.db.models.expressions.OrderBy(django.db.models.expressions.F("release_at"), descending=True),
                "id",
                name="published_letter_release",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="publishedletter",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["search_vector"], name="published_letter_search"
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(gin_index, gin_index_drop)],
        ),
    ]
