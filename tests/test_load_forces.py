"""The forces reference data: loaded from the project's CSV, idempotently."""

import csv
import io
from pathlib import Path

from django.core.management import call_command

from forces.models import Force


def load():
    out = io.StringIO()
    call_command("load_forces", stdout=out)
    return out.getvalue()


def test_loads_43_territorial_forces_four_of_them_welsh(db):
    load()
    territorial = Force.objects.filter(kind=Force.Kind.TERRITORIAL)
    assert territorial.count() == 43
    assert territorial.filter(country="Wales").count() == 4
    assert territorial.filter(region="Wales").count() == 4
    assert Force.objects.filter(kind=Force.Kind.NATIONAL).count() == 4
    assert Force.objects.filter(kind=Force.Kind.OTHER).count() == 5


def test_regions_hold_the_documented_counts(db):
    load()
    counts = {
        "North East": 3,
        "North West": 5,
        "Yorkshire and the Humber": 4,
        "East Midlands": 5,
        "West Midlands": 4,
        "Eastern": 6,
        "London": 2,
        "South East": 5,
        "South West": 5,
        "Wales": 4,
    }
    for region, count in counts.items():
        assert Force.objects.filter(region=region).count() == count, region


def test_chief_officer_titles(db):
    load()
    assert Force.objects.get(slug="metropolitan").chief_officer_title == "Commissioner"
    assert Force.objects.get(slug="city-of-london").chief_officer_title == "Commissioner"
    assert Force.objects.get(slug="merseyside").chief_officer_title == "Chief Constable"
    assert Force.objects.get(slug="national-crime-agency").chief_officer_title == "Director General"
    assert Force.objects.get(slug="merseyside").governance_title == "Police and Crime Commissioner"
    # 'n/a' in the CSV means "does not apply": stored blank, never as the text "n/a".
    assert Force.objects.get(slug="british-transport-police").region == ""


def test_second_run_updates_and_never_duplicates(db):
    assert "52 created, 0 updated" in load()
    merseyside = Force.objects.get(slug="merseyside")
    merseyside.name = "Renamed by hand"
    merseyside.chief_officer_email = "chief@merseyside.example.org"
    merseyside.save()

    assert "0 created, 52 updated" in load()

    assert Force.objects.count() == 52
    merseyside.refresh_from_db()
    assert merseyside.name == "Renamed by hand"  # an edit made in the service is never reverted
    # Addresses are kept by inspectors, not by the CSV: a reload leaves them alone.
    assert merseyside.chief_officer_email == "chief@merseyside.example.org"


def csv_with(tmp_path, slug, **changes):
    """The project's CSV with some of one force's values changed, as a later release of it might say."""
    source = (Path(__file__).resolve().parents[1] / "forces" / "data" / "police-forces.csv").read_text()
    rows = list(csv.DictReader(io.StringIO(source)))
    for row in rows:
        if row["slug"] == slug:
            row.update(changes)
    path = tmp_path / "forces.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_second_load_keeps_what_inspectors_edited_and_corrects_the_rest(db, tmp_path):
    load()
    force = Force.objects.get(slug="merseyside")
    force.name = "Merseyside Police (edited)"
    force.chief_officer_email = "cc@merseyside.example.org"
    force.save()
    out = io.StringIO()
    path = csv_with(tmp_path, "merseyside", name="Merseyside Police Service", region="North West England")
    call_command("load_forces", "--csv", str(path), stdout=out)
    force.refresh_from_db()
    assert force.name == "Merseyside Police (edited)"  # the edit made in the service stays
    assert force.region == "North West England"  # what nobody edited follows the CSV
    assert force.chief_officer_email == "cc@merseyside.example.org"  # never the CSV's
    assert "Kept the name of merseyside edited in the service." in out.getvalue()
    assert Force.objects.count() == 52


def test_loading_twice_changes_nothing_and_keeps_nothing_back(db):
    load()
    assert "Kept" not in load()
    assert Force.objects.get(slug="merseyside").name == "Merseyside Police"
