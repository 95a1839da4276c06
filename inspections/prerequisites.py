"""What inspection records need first: causes of concern and recommendations each belong to a topic."""

from django.urls import reverse

from core.prerequisites import Missing

from .models import Topic

TOPIC_MISSING = "Add a topic first: every cause of concern and recommendation belongs to one."


def before_adding_to_a_topic() -> Missing | None:
    if Topic.objects.exists():
        return None
    return Missing(TOPIC_MISSING, "Add a topic", reverse("inspections:topic-create"))
