"""Each recommendation's register entries at the forces it applies to, filled from the history so far;
its due date kept; the force's responses and target revisions made append-only like status changes,
and an action's original target date fixed."""

from django.db import migrations

from recommendations.models.recommendation import add_months

APPEND_ONLY = ["recommendations_forceresponse", "recommendations_targetrevision"]

SQLITE = [
    # Adding a column to status changes rebuilt the table on SQLite, and a rebuilt table loses its triggers.
    """CREATE TRIGGER IF NOT EXISTS recommendations_statuschange_no_update BEFORE UPDATE ON recommendations_statuschange
       BEGIN SELECT RAISE(ABORT, 'status changes cannot be changed'); END""",
    """CREATE TRIGGER IF NOT EXISTS recommendations_statuschange_no_delete BEFORE DELETE ON recommendations_statuschange
       BEGIN SELECT RAISE(ABORT, 'status changes cannot be deleted'); END""",
] + [
    statement
    for table in APPEND_ONLY
    for statement in (
        f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
            BEGIN SELECT RAISE(ABORT, 'this record cannot be changed'); END""",
        f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
            BEGIN SELECT RAISE(ABORT, 'this record cannot be deleted'); END""",
    )
] + [
    """CREATE TRIGGER recommendations_action_original_date_fixed BEFORE UPDATE OF original_target_date
       ON recommendations_action WHEN NEW.original_target_date <> OLD.original_target_date
       BEGIN SELECT RAISE(ABORT, 'an original target date cannot be changed'); END""",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {table}_{suffix}" for table in APPEND_ONLY for suffix in ("no_update", "no_delete")
] + ["DROP TRIGGER IF EXISTS recommendations_action_original_date_fixed"]

POSTGRESQL = [
    """CREATE FUNCTION recommendations_register_refuse() RETURNS trigger AS $$
       BEGIN
         RAISE EXCEPTION 'register records cannot be changed or deleted'
           USING ERRCODE = 'integrity_constraint_violation';
       END $$ LANGUAGE plpgsql""",
    *(
        f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE
            ON {table} FOR EACH ROW EXECUTE FUNCTION recommendations_register_refuse()"""
        for table in APPEND_ONLY
    ),
    """CREATE TRIGGER recommendations_action_original_date_fixed BEFORE UPDATE OF original_target_date
       ON recommendations_action FOR EACH ROW
       WHEN (NEW.original_target_date IS DISTINCT FROM OLD.original_target_date)
       EXECUTE FUNCTION recommendations_register_refuse()""",
]
POSTGRESQL_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}" for table in APPEND_ONLY),
    "DROP TRIGGER IF EXISTS recommendations_action_original_date_fixed ON recommendations_action",
    "DROP FUNCTION IF EXISTS recommendations_register_refuse()",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


def fill_entries(apps, schema_editor):
    Recommendation = apps.get_model("recommendations", "Recommendation")
    RegisterEntry = apps.get_model("recommendations", "RegisterEntry")
    StatusChange = apps.get_model("recommendations", "StatusChange")
    Force = apps.get_model("forces", "Force")
    territorial = list(Force.objects.filter(kind="territorial"))
    for recommendation in Recommendation.objects.select_related("report"):
        if recommendation.timescale == "months":
            due_on = add_months(recommendation.report.published_on, recommendation.timescale_months)
        else:
            due_on = recommendation.timescale_date
        Recommendation.objects.filter(pk=recommendation.pk).update(due_on=due_on)
        forces = territorial if recommendation.applies_to_all_territorial_forces else recommendation.forces.all()
        for force in forces:
            latest = (
                StatusChange.objects.filter(recommendation=recommendation, force=force)
                .order_by("changed_on", "recorded_at", "pk")
                .last()
            )
            RegisterEntry.objects.create(
                recommendation=recommendation,
                force=force,
                status=latest.status if latest else "awaiting",
                status_since=latest.changed_on if latest else None,
            )


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0010_register_force_side"), ("forces", "0003_force_reference_values")]

    operations = [
        migrations.RunPython(fill_entries, migrations.RunPython.noop),
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
