"""The daily run of reminders and chasers: before and after each deadline, once per event, never once
the thing has arrived, and recorded where staff look. Time is moved by giving the run its day."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.documents import check_document
from outbox.models import Delivery
from recommendations.services import action_add, progress_update_add, target_revise
from reminders.models import Reminder
from reminders.services import reminders_send
from reviews.models import Submission
from reviews.services import create_submission
from tests.factories import pdf_bytes, upload


@pytest.fixture
def officers(cheshire_officer, merseyside_officer):
    return cheshire_officer, merseyside_officer


def submit(review, force, officer):
    create_submission(
        review=review,
        force=force,
        by=officer,
        channel=Submission.Channel.UPLOAD,
        received_at=timezone.now(),
        documents=[check_document(upload("plan.pdf", pdf_bytes()))],
        covering_note="",
    )


def sent_to(address):
    """The reminders' and chasers' emails to the address, oldest first (receipts and the like left out)."""
    deliveries = Delivery.objects.filter(pk__in=Reminder.objects.values("delivery")).order_by("pk")
    return [delivery for delivery in deliveries if address in delivery.to]


def run(day, kind):
    """The daily run on `day`: how many reminders of the kind it sent."""
    before = Reminder.objects.filter(kind=kind).count()
    reminders_send(day)
    return Reminder.objects.filter(kind=kind).count() - before


def test_a_reminder_before_the_deadline_and_a_chaser_after_it_only_to_forces_yet_to_send(
    review, officers, cheshire, client, inspector
):
    deadline = review.submission_deadline
    assert reminders_send(deadline - datetime.timedelta(days=8)) == 0  # too early
    assert reminders_send(deadline - datetime.timedelta(days=7)) == 2  # Cheshire's and Merseyside's officers
    assert reminders_send(deadline - datetime.timedelta(days=6)) == 0  # once per event
    [reminder] = sent_to("cheshire@example.org")
    assert f"due by {deadline:%-d %B %Y}" in reminder.subject
    submit(review, cheshire, officers[0])
    assert reminders_send(deadline + datetime.timedelta(days=1)) == 1  # Merseyside's chaser only
    assert len(sent_to("cheshire@example.org")) == 1
    [_, chaser] = sent_to("merseyside@example.org")
    assert chaser.subject == f"Your force's documents were due on {deadline:%-d %B %Y}"
    assert reminders_send(deadline + datetime.timedelta(days=40)) == 0  # chased once, not for ever
    client.force_login(inspector)
    page = client.get(reverse("reviews:review-detail", args=[review.pk])).content.decode()
    merseyside_row = page.split("Merseyside Police</a>")[1].split("</tr>")[0]
    reminded_on = deadline - datetime.timedelta(days=7)
    chased_on = deadline + datetime.timedelta(days=1)
    assert (
        f"Reminder sent {reminded_on:%-d %b}" in merseyside_row and f"Chaser sent {chased_on:%-d %b}" in merseyside_row
    )


def test_running_twice_or_after_a_restart_sends_nothing_twice(review, officers):
    day = (review.submission_deadline - datetime.timedelta(days=3)).isoformat()
    for _ in range(2):
        call_command("send_reminders", "--date", day, stdout=io.StringIO())
    assert Reminder.objects.count() == 2 and Delivery.objects.count() == 2


def test_an_action_target_date_is_reminded_chased_and_a_revised_date_starts_again(review, cheshire, officers):
    officer = officers[0]
    target = timezone.localdate() + datetime.timedelta(days=30)
    action = action_add(
        recommendation=review.recommendation,
        force=cheshire,
        description="Train every supervisor.",
        owner="Head of PSD",
        target_date=target,
        by=officer,
    )
    assert run(target - datetime.timedelta(days=8), "target") == 0
    assert run(target - datetime.timedelta(days=7), "target") == 1
    assert run(target + datetime.timedelta(days=1), "target") == 1
    target_revise(action=action, new_date=target + datetime.timedelta(days=60), reason="Supplier withdrew.", by=officer)
    assert run(target + datetime.timedelta(days=2), "target") == 0
    assert run(target + datetime.timedelta(days=53), "target") == 1  # the new date's reminder
    assert [r.get_stage_display() for r in Reminder.objects.filter(kind="target")] == ["Reminder", "Chaser", "Reminder"]


def test_a_claim_stops_target_chasers_and_waiting_claims_remind_the_inspectorate(review, cheshire, officers, inspector):
    officer = officers[0]
    target = timezone.localdate() + datetime.timedelta(days=3)
    action_add(
        recommendation=review.recommendation,
        force=cheshire,
        description="Publish the policy.",
        owner="Head of PSD",
        target_date=target,
        by=officer,
    )
    progress_update_add(
        recommendation=review.recommendation,
        force=cheshire,
        text="Published.",
        documents=[],
        claims_completion=True,
        by=officer,
    )
    today = timezone.localdate()
    assert run(target + datetime.timedelta(days=1), "target") == 0  # the claim waits for an inspector
    assert run(today + datetime.timedelta(days=9), "claim") == 0
    assert run(today + datetime.timedelta(days=10), "claim") == 1
    [claim_reminder] = sent_to(inspector.email)
    assert "has waited 10 days for verification" in claim_reminder.subject
    assert run(today + datetime.timedelta(days=20), "claim") == 1  # then one chaser
    assert run(today + datetime.timedelta(days=30), "claim") == 0


def test_the_worker_runs_the_reminders_hourly():
    from worker.sweeps import SWEEPS

    assert SWEEPS["reminders and chasers"].every_seconds == 3600


def test_a_governance_body_is_reminded_and_chased_until_it_answers(cheshire, cheshire_pcc, merseyside_pcc):
    from governance.services import section55_submit
    from inspections.models import InspectionReport

    published = datetime.date(2026, 3, 2)
    report = InspectionReport.objects.create(
        title="Custody inspection of Cheshire", published_on=published, scope="force", force=cheshire
    )
    due = published + datetime.timedelta(days=56)
    assert run(due - datetime.timedelta(days=7), "section55") == 1
    assert run(due + datetime.timedelta(days=1), "section55") == 1
    assert [d.subject for d in sent_to(cheshire_pcc.email)] == [
        f"Reminder: your response to Custody inspection of Cheshire is due by {due:%-d %B %Y}",
        f"Your response to Custody inspection of Cheshire was due on {due:%-d %B %Y}",
    ]
    assert not sent_to(merseyside_pcc.email)
    other = InspectionReport.objects.create(
        title="Second report", published_on=published + datetime.timedelta(days=1), scope="force", force=cheshire
    )
    section55_submit(
        report=other, by=cheshire_pcc, chief_officer_comments="Noted.", response="Answered.", answers={}, documents=[]
    )
    assert run(due + datetime.timedelta(days=2), "section55") == 0  # answered: no chaser
    assert report.pk != other.pk
