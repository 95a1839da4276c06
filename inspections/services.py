"""Writes to the inspections catalogue: reports, topics (and their renaming), causes of concern."""

import datetime

from django.db import transaction

from .models import CauseOfConcern, InspectionReport, Topic, TopicRename


@transaction.atomic
def topic_rename(*, topic: Topic, new_name: str, renamed_on: datetime.date, reason: str) -> Topic:
    """Rename a topic, keeping its former name so that searches by either still find it."""
    TopicRename.objects.create(
        topic=topic, former_name=topic.name, new_name=new_name, renamed_on=renamed_on, reason=reason
    )
    topic.name = new_name
    topic.save(update_fields=["name"])
    return topic


def report_save(*, report: InspectionReport) -> InspectionReport:
    """Add or change a report, as its form checked it (the history records who)."""
    report.save()
    return report


def topic_save(*, topic: Topic) -> Topic:
    topic.save()
    return topic


def cause_save(*, cause: CauseOfConcern, report: InspectionReport) -> CauseOfConcern:
    """Add or change a cause of concern of the report."""
    cause.report = report
    cause.save()
    return cause
