"""Load the forces from the project's reference CSV; a second run updates, never duplicates.

The CSV owns the fields in CSV_FIELDS. A load adds forces and corrects those fields, except where an
inspector edited a field in the service since the CSV last set it: that edit stays, and is reported.
Email addresses are the service's own and never come from the CSV.
"""

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


CSV_FIELDS = [
    "name",
    "kind",
    "country",
    "region",
    "chief_officer_title",
    "governance_title",
    "governance_changes",
    "ons_code",
    "notes",
]


def edited_in_service(force, field):
    """Whether the field holds something other than what the CSV last set (before records: any value)."""
    current = getattr(force, field)
    if field in force.reference_values:
        return current != force.reference_values[field]
    return bool(current)


def load_force(slug, values):
    """Create the force, or correct the fields the CSV owns that nobody edited; the names of fields kept."""
    force = Force.objects.filter(slug=slug).first()
    if force is None:
        Force.objects.create(slug=slug, reference_values=values, **values)
        return None
    kept = [field for field in CSV_FIELDS if getattr(force, field) != values[field] and edited_in_service(force, field)]
    for field in CSV_FIELDS:
        if field not in kept:
            setattr(force, field, values[field])
    force.reference_values = values
    force.save()
    return kept


class Command(BaseCommand):
    help = "Create or update the forces from the reference CSV (forces/data/police-forces.csv)."

    def add_arguments(self, parser):
        parser.add_argument("--csv", dest="csv_path", type=Path, default=DEFAULT_CSV, help="Path of the CSV to load.")

    @transaction.atomic
    def handle(self, *args, csv_path: Path, **options):
        created = updated = 0
        with csv_path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                kept = load_force(clean(row["slug"]), force_fields(row))
                created += kept is None
                updated += kept is not None
                for field in kept or []:
                    self.stdout.write(f"Kept the {field.replace('_', ' ')} of {row['slug']} edited in the service.")
        self.stdout.write(f"Forces loaded from {csv_path.name}: {created} created, {updated} updated.")
