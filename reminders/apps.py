"""Reminders and chasers: registers its daily run with the worker, and shows what it sent on the
review's force rows and on the register's timeline."""

from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"

    def ready(self):
        from recommendations.register import TIMELINE_SOURCES
        from reviews import extensions
        from worker.sweeps import register

        from .display import load_reminders, reminder_events
        from .services import reminders_send_due

        # Hourly: each event's row makes a second run the same day (or a restarted worker) send nothing.
        register("reminders and chasers", reminders_send_due, every_seconds=3600)
        extensions.ROW_LOADERS.append(load_reminders)
        TIMELINE_SOURCES.append(reminder_events)
