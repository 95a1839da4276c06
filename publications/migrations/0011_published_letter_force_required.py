"""A published letter's force becomes required (0010 filled it), and a force's letters are indexed newest
first, with what "public" and "latest" read included, so that counting them never visits the table."""

import django.db.models.deletion
import django.db.models.expressions
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("publications", "0010_published_letter_force_fill")]

    operations = [
        migrations.AlterField(
            model_name="publishedletter",
            name="force",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="forces.force",
            ),
        ),
        migrations.AddIndex(
            model_name="publishedletter",
            index=models.Index(
                models.F("force"),
                django.db.models.expressions.OrderBy(models.F("release_at"), descending=True),
                django.db.models.expressions.OrderBy(models.F("id"), descending=True),
                include=("superseded_at", "withdrawn_at"),
                name="published_letter_force",
            ),
        ),
    ]
