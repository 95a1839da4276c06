"""Subscriptions: the public's emails about a force, a topic or a recommendation. Registers its sweep with
the worker and the "Get emails about this" links of the public pages."""

from django.apps import AppConfig


def follow_link(kind: str, key: str) -> str:
    from urllib.parse import urlencode

    from django.urls import reverse

    return reverse("subscriptions:subscribe") + "?" + urlencode({kind: key})


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"

    def ready(self) -> None:
        from publications import follow
        from worker.sweeps import register

        from .notifications import notifications_send_due

        # Every five minutes: a row per subscription and event makes a second sweep send nothing.
        register("subscriptions", notifications_send_due, every_seconds=300)
        follow.FOLLOW_LINKS.append(follow_link)
