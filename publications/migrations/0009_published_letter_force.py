"""Each published letter gains its letter's force, copied so that a force's letters are counted and paged on
the published letters' own index; 0010 fills it in a transaction of its own, and 0011 makes it required."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("forces", "0004_office_holders"),
        ("letters", "0012_drop_bytes_from_rows"),
        ("publications", "0008_published_letter_required_and_indexed"),
    ]

    operations = [
        migrations.AddField(
            model_name="publishedletter",
            name="force",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="forces.force",
            ),
        ),
    ]
