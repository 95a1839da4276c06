"""A demonstration report on Merseyside, published 30 days before the demo data is loaded, so that the
demo governance body has a running 56-day clock to answer."""

import datetime

from django.utils import timezone

from forces.models import Force
from inspections.models import InspectionReport


def demonstration_report():
    published_on = timezone.localdate() - datetime.timedelta(days=30)
    report, _ = InspectionReport.objects.update_or_create(
        title="Demonstration: custody inspection of Merseyside Police",
        defaults={
            "programme": "Custody",
            "published_on": published_on,
            "scope": InspectionReport.Scope.FORCE,
            "force": Force.objects.get(slug="merseyside"),
        },
    )
    return report
