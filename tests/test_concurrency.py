"""On PostgreSQL: twenty identical requests at the same moment leave exactly one record each."""

import datetime
import re
import threading
import uuid

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from letters.models import Letter
from outbox.models import Delivery
from outbox.sending import deliveries_send_due
from publications.models import Publication, PublishedLetter
from reviews.models import Document, Submission
from tests.conftest import VerifiedClient, stored_files
from tests.factories import pdf_bytes, upload
from tests.letter_helpers import add_letter_template, draft
from tests.publication_helpers import issued

THREADS = 20


@pytest.fixture(autouse=True)
def postgresql_only():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("Concurrency tests need PostgreSQL (SQLite runs one writer at a time): CI runs them")


def at_once(make_request):
    """Run make_request in THREADS threads released together; return their responses."""
    barrier = threading.Barrier(THREADS)
    responses = [None] * THREADS

    def run(index):
        try:
            barrier.wait()
            responses[index] = make_request()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def test_twenty_identical_uploads_keep_one_submission(transactional_letters, review, cheshire_officer, private_media):
    clients = []
    for _ in range(THREADS):
        client = Client()
        client.force_login(cheshire_officer)
        clients.append(client)
    token, content = str(uuid.uuid4()), pdf_bytes()
    url = reverse("reviews:liaison-review", args=[review.pk])
    queue = list(clients)

    def post():
        client = queue.pop()
        return client.post(url, {"documents": [upload("plan.pdf", content)], "form_token": token})

    responses = at_once(post)
    assert [response.status_code for response in responses] == [302] * THREADS
    assert Submission.objects.count() == 1
    assert Document.objects.count() == 1
    assert len(stored_files(private_media)) == 1
    assert Delivery.objects.count() == 1  # one receipt
    deliveries_send_due()
    assert len(mail.outbox) == 1


def test_twenty_simultaneous_issues_issue_once(transactional_letters, review, cheshire, inspector, signatory):
    add_letter_template(review)
    letter = draft(review, cheshire, inspector, approve=True)
    clients = []
    for _ in range(THREADS):
        client = VerifiedClient()
        client.force_login(signatory)
        clients.append(client)
    queue = list(clients)
    url = reverse("letters:issue", args=[letter.pk])
    shown = re.findall(r'name="letter" value="([^"]+)"', clients[0].get(url).content.decode())

    responses = at_once(lambda: queue.pop().post(url, {"letter": shown}))
    assert [response.status_code for response in responses] == [302] * THREADS
    letter.refresh_from_db()
    assert letter.state == Letter.State.ISSUED and letter.pdf_matches()
    assert Letter.objects.count() == 1
    assert Letter.history.filter(id=letter.pk, state=Letter.State.ISSUED).count() == 1
    assert Delivery.objects.about(letter).count() == 1
    deliveries_send_due()
    assert len(mail.outbox) == 1


def test_twenty_identical_schedule_posts_schedule_once(transactional_letters, review, cheshire, inspector, signatory):
    add_letter_template(review)
    letter = issued(review, cheshire, inspector, signatory)
    clients = []
    for _ in range(THREADS):
        client = VerifiedClient()
        client.force_login(inspector)
        clients.append(client)
    queue = list(clients)
    url = reverse("publications:schedule", args=[review.pk])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    form = {
        "release_on_0": tomorrow.day,
        "release_on_1": tomorrow.month,
        "release_on_2": tomorrow.year,
        "release_time": "09:30",
        "letters": [letter.pk],
        "overview_title": "National overview",
        "introduction": "",
    }

    responses = at_once(lambda: queue.pop().post(url, form))
    assert sorted({response.status_code for response in responses}) in ([302], [200, 302])
    assert Publication.objects.count() == 1 and PublishedLetter.objects.count() == 1
    refused = [response.content.decode() for response in responses if response.status_code == 200]
    assert all("already scheduled" in html for html in refused)
