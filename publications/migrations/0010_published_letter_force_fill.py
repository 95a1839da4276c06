"""Every published letter's force, copied from its letter (0009 added the column)."""

from django.db import migrations, models


def fill(apps, schema_editor):
    PublishedLetter = apps.get_model("publications", "PublishedLetter")
    Letter = apps.get_model("letters", "Letter")
    force = Letter.objects.filter(pk=models.OuterRef("letter_id")).values("force_id")
    PublishedLetter.objects.update(force_id=models.Subquery(force))


class Migration(migrations.Migration):
    dependencies = [("publications", "0009_published_letter_force")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
