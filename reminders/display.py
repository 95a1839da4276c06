"""What the reminders app shows elsewhere: on each force's row in a review ("reminder sent 24 May",
"chaser sent 2 June"), and on a recommendation's register timeline for staff and the force."""

from collections import defaultdict

from recommendations.register import PUBLIC, Event

from .models import Reminder


def load_reminders(scope, rows):
    """Each review row's reminders and chasers, oldest first, in one query."""
    sent = defaultdict(list)
    for reminder in Reminder.objects.filter(kind=Reminder.Kind.SUBMISSION, **scope).order_by("sent_on", "pk"):
        sent[reminder.review_id, reminder.force_id].append(reminder)
    for key, reminders in sent.items():
        if (row := rows.get(key)) is not None:
            row.reminders = reminders


def reminder_events(recommendation, force, audience):
    if audience == PUBLIC:
        return []
    reminders = Reminder.objects.filter(recommendation=recommendation, force=force)
    return [
        Event(
            day=reminder.sent_on,
            side="inspectorate",
            title=f"{reminder.get_stage_display()} sent: {reminder.get_kind_display().lower()}",
            text=f"Due on {reminder.due_on:%-d %B %Y}.",
            order=(reminder.created_at, 3, reminder.pk),
        )
        for reminder in reminders
    ]
