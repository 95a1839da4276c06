"""Load the forces from the project's reference CSV; a second run updates, never duplicates."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from forces.models import Force

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "data" / "police-forces.csv"


def clean(value):
    """The CSV writes 'n/a' where a value does not apply; the model keeps those blank."""
    value = (value or "").strip()
    return "" if value.lower() == "n/a" else value


def force_fields(row):
    return {
        "name": clean(row["name"]),
        "kind": clean(row["kind"]),
        "country": clean(row["country"]),
        "region": clean(row["region"]),
        "chief_officer_title": clean(row["chief_officer_title"]),
        "governance_title": clean(row["governance_title_current"]) or clean(row["governance_title"]),
        "governance_changes": clean(row["governance_changes"]),
        "ons_code": clean(row["ons_pfa_code"]),
        "notes": clean(row["notes"]),
    }


class Command(BaseCommand):
    help = "Create or update the forces from the reference CSV (forces/data/police-forces.csv)."

    def add_arguments(self, parser):
        parser.add_argument("--csv", dest="csv_path", type=Path, default=DEFAULT_CSV, help="Path of the CSV to load.")

    @transaction.atomic
    def handle(self, *args, csv_path: Path, **options):
        created = updated = 0
        with csv_path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                _, was_created = Force.objects.update_or_create(slug=clean(row["slug"]), defaults=force_fields(row))
                created += was_created
                updated += not was_created
        self.stdout.write(f"Forces loaded from {csv_path.name}: {created} created, {updated} updated.")
