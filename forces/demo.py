"""Office holders in the demo data: Merseyside's, in 2017 and today, from forces/data/office-holders.csv."""

import csv
import datetime
from pathlib import Path

from .models import Force, OfficeHolder
from .services import office_holder_save

OFFICE_HOLDERS_CSV = Path(__file__).resolve().parent / "data" / "office-holders.csv"


def read_date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text.strip() else None


def demo_office_holders(path: Path = OFFICE_HOLDERS_CSV) -> list[OfficeHolder]:
    """Add each term the file lists, once: a term already recorded (same force, office and start) is kept
    as it is, so that an inspector's correction survives loading the demo data again."""
    holders = []
    with path.open(newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            force = Force.objects.get(slug=row["force"])
            started_on = datetime.date.fromisoformat(row["started_on"])
            existing = OfficeHolder.objects.filter(force=force, office=row["office"], started_on=started_on).first()
            holders.append(
                existing
                or office_holder_save(
                    holder=OfficeHolder(
                        force=force,
                        office=row["office"],
                        name=row["name"],
                        post_nominals=row["post_nominals"],
                        area_name=row["area_name"],
                        started_on=started_on,
                        ended_on=read_date(row["ended_on"]),
                    )
                )
            )
    return holders
