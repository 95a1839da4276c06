"""Search vectors follow what they index but publications does not write: a topic's name (and its former
names, kept when it is renamed) and a review's title, in the same transaction as the change. Letters
themselves never change once issued."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from inspections.models import Topic, TopicRename
from reviews.models import Review

from .models import PublishedLetter
from .search import search_vectors_refresh


@receiver(post_save, sender=Topic)
def topic_saved(sender, instance, created, **kwargs):
    if not created:
        search_vectors_refresh(PublishedLetter, topic_id=instance.pk)


@receiver(post_save, sender=TopicRename)
def topic_renamed(sender, instance, **kwargs):
    search_vectors_refresh(PublishedLetter, topic_id=instance.topic_id)


@receiver(post_save, sender=Review)
def review_saved(sender, instance, created, **kwargs):
    if not created:
        search_vectors_refresh(PublishedLetter, review_ids=[instance.pk])
