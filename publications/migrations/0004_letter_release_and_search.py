"""Published letters carry their release time, their letter's date, when a later version supersedes them, and (PostgreSQL) a
stored, indexed full-text search vector: the public lists read one table instead of an anti-join over
every version and a scan of every letter's text. The columns are filled here; 0008 makes them required and
indexes them (PostgreSQL will not alter a table in the transaction that just updated its rows)."""

import django.contrib.postgres.search
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
    ]
