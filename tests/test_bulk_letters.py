"""Drafting and issuing a review's letters in the background, with progress shown while it runs."""

import io
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from letters.jobs import start_job
from letters.models import BulkJob, Letter
from letters.pdf_engine import Engine
from tests.letter_helpers import add_letter_template, assess, confirm, draft


@pytest.fixture
def assessed_review(transactional_letters, review, inspector):
    """Committed, because the worker closes and reopens its database connection as a real one does."""
    add_letter_template(review)
    for force in review.forces.filter(slug__in=["cheshire", "merseyside", "kent"]):
        force.chief_officer_email = f"chief@{force.slug}.example.org"
        force.save()
        assess(review, force, inspector)
    return review


def run_worker():
    call_command("run_worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())


def test_draft_all_runs_in_the_worker_and_shows_progress(client, inspector, assessed_review):
    client.force_login(inspector)
    response = client.post(reverse("letters:draft-all", args=[assessed_review.pk]))
    job = BulkJob.objects.get()
    assert response["Location"] == reverse("letters:job", args=[job.pk])
    assert Letter.objects.count() == 0  # nothing done inside the request
    waiting = client.get(reverse("letters:job-progress", args=[job.pk]))
    assert "Waiting to start: 0 of 3 letters" in waiting.content.decode()
    assert waiting["X-Job-Finished"] == "0"

    run_worker()

    assert Letter.objects.filter(state=Letter.State.DRAFT).count() == 3
    finished = client.get(reverse("letters:job-progress", args=[job.pk]))
    assert "Finished: 3 of 3 letters" in finished.content.decode()
    assert finished["X-Job-Finished"] == "1"


def test_issue_all_issues_only_approved_letters_and_reports_problems(client, signatory, inspector, assessed_review):
    forces = {force.slug: force for force in assessed_review.forces.filter(slug__in=["cheshire", "merseyside", "kent"])}
    draft(assessed_review, forces["cheshire"], inspector, approve=True)
    draft(assessed_review, forces["kent"], inspector, approve=True)
    draft(assessed_review, forces["merseyside"], inspector)  # not approved: left alone
    forces["kent"].chief_officer_email = ""
    forces["kent"].save()
    client.force_login(signatory)
    confirm(client, reverse("letters:issue-all", args=[assessed_review.pk]))
    run_worker()
    states = dict(Letter.objects.values_list("force__slug", "state"))
    assert states == {"cheshire": "issued", "kent": "approved", "merseyside": "draft"}
    job = BulkJob.objects.get()
    assert (job.state, job.done, job.total) == (BulkJob.State.DONE, 2, 2)
    assert "Kent Police: Add the chief officer's email address" in job.problems
    assert [message.to for message in mail.outbox] == [["chief@cheshire.example.org"]]


def test_only_signatories_may_issue_in_bulk(client, inspector, assessed_review):
    client.force_login(inspector)
    client.post(reverse("letters:issue-all", args=[assessed_review.pk]))
    assert BulkJob.objects.count() == 0


def count_renders(monkeypatch):
    """The most renders under way at once, counted around the real render process."""
    render, lock, counts = Engine.render, threading.Lock(), {"now": 0, "peak": 0}

    def counted(engine, html):
        with lock:
            counts["now"] += 1
            counts["peak"] = max(counts["peak"], counts["now"])
        try:
            return render(engine, html)
        finally:
            with lock:
                counts["now"] -= 1

    monkeypatch.setattr(Engine, "render", counted)
    return counts


def test_issue_all_renders_on_every_core_and_records_each_letter_once(
    transactional_letters, review, inspector, signatory, settings, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time, so there a job issues one letter after another")
    settings.PDF_RENDER_PROCESSES = 2
    add_letter_template(review)
    forces = list(review.forces.order_by("name")[:8])
    for force in forces:
        draft(review, force, inspector, approve=True)
    renders = count_renders(monkeypatch)
    start_job(review=review, kind=BulkJob.Kind.ISSUE, by=signatory)
    run_worker()
    assert renders["peak"] == 2  # two letters rendering at once, each in its own render process
    job = BulkJob.objects.get()
    assert (job.state, job.done, job.total, job.problems) == (BulkJob.State.DONE, 8, 8, "")
    assert sorted(job.processed) == sorted(force.pk for force in forces)  # no thread's entry lost
    for letter in Letter.objects.all():
        assert Letter.history.filter(id=letter.pk, state=Letter.State.ISSUED).count() == 1
    assert sorted(message.to[0] for message in mail.outbox) == sorted(f.chief_officer_email for f in forces)
