"""The forces reference data: loaded from the project's CSV, idempotently."""

import io

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
    assert merseyside.name == "Merseyside Police"
    # Addresses are kept by inspectors, not by the CSV: a reload leaves them alone.
    assert merseyside.chief_officer_email == "chief@merseyside.example.org"
