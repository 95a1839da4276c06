"""Published letters carry their release time, their letter's date, when a later version supersedes them, and (PostgreSQL) a
stored, indexed full-text search vector: the public lists read one table instead of an anti-join over
every version and a scan of every letter's text."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.expressions
from django.db import migrations, models

from publications.search import search_vectors_refresh, supersession_refresh


def fill(apps, schema_editor):
    PublishedLetter = apps.get_model("publications", "PublishedLetter")
    Publication = apps.get_model("publications", "Publication")
    release = Publication.objects.filter(pk=models.OuterRef("publication_id")).values("release_at")
    PublishedLetter.objects.update(release_at=models.Subquery(release))
    Letter = apps.get_model("letters", "Letter")
    PublishedLetter.objects.update(
        letter_date=models.Subquery(Letter.objects.filter(pk=models.OuterRef("letter_id")).values("letter_date"))
    )
    reviews = PublishedLetter.objects.values_list("letter__review_id", flat=True).distinct()
    supersession_refresh(PublishedLetter, list(reviews))
    search_vectors_refresh(PublishedLetter)


def gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX published_letter_search ON publications_publishedletter USING gin (search_vector)"
        )


def gin_index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS published_letter_search")


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0003_review_from_reviews"),
        ("letters", "0009_chasing_letters"),
        ("inspections", "0002_historicalcauseofconcern_historicalinspectionreport_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="publishedletter",
            name="release_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="publishedletter",
            name="letter_date",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="publishedletter",
            name="superseded_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="publishedletter",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
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
