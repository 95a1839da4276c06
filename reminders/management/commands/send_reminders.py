"""Send the day's reminders and chasers (the worker also runs this hourly; a cron entry may call it
instead). Each is sent once: running it again the same day sends nothing."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from reminders.services import reminders_send


class Command(BaseCommand):
    help = "Send the reminders and chasers due today (or on --date, for a run that was missed)."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="The day to run for, as 2026-05-24.")

    def handle(self, *args, date=None, **options):
        sent = reminders_send(date or timezone.localdate())
        self.stdout.write(f"Reminders and chasers sent: {sent}")
