"""Actions on topics."""

import datetime

from django.db import transaction

from .models import Topic, TopicRename


@transaction.atomic
def topic_rename(*, topic: Topic, new_name: str, renamed_on: datetime.date, reason: str) -> Topic:
    """Rename a topic, keeping its former name so that searches by either still find it."""
    TopicRename.objects.create(
        topic=topic, former_name=topic.name, new_name=new_name, renamed_on=renamed_on, reason=reason
    )
    topic.name = new_name
    topic.save(update_fields=["name"])
    return topic
