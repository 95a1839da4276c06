"""Work out each recommendation's open deadline from its register entries, as the register's writes now keep
it: the earliest of the open entries' deadlines (the force's target date, or else the recommendation's due
date). Open: not verified and not closed, the statuses as they stand at this migration."""

from django.db import migrations
from django.db.models import Min, OuterRef, Subquery
from django.db.models.functions import Coalesce

OUTCOMES = ["not_implemented", "not_relevant", "superseded", "verified"]


def fill(apps, schema_editor):
    Recommendation = apps.get_model("recommendations", "Recommendation")
    RegisterEntry = apps.get_model("recommendations", "RegisterEntry")
    open_entries = RegisterEntry.objects.filter(recommendation=OuterRef("pk")).exclude(status__in=OUTCOMES)
    first = open_entries.values("recommendation").annotate(first=Min(Coalesce("target_date", "recommendation__due_on")))
    Recommendation.objects.update(open_deadline=Subquery(first.values("first")))


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0013_open_deadline")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
