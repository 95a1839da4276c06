"""Issuing shows what it will do and that it cannot be undone before it does it, one letter or all of them."""

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from letters.models import BulkJob, Letter
from letters.services import letter_approve, letter_correct, letter_edit, letter_issue
from outbox.sending import deliveries_send_due
from tests.letter_helpers import add_letter_template, confirm, draft


@pytest.fixture
def letter_review(review):
    add_letter_template(review)
    return review


@pytest.fixture
def approved(letter_review, cheshire, inspector):
    return draft(letter_review, cheshire, inspector, approve=True)


def text_of(response):
    return " ".join(response.content.decode().split())


def summary(response):
    """The summary list as the user reads it: each key with its value, tags removed."""
    rows = re.findall(r'__key">(.*?)</dt>\s*<dd class="govuk-summary-list__value">(.*?)</dd>', text_of(response))
    return {key.strip(): re.sub(r"<[^>]+>", "", value).strip() for key, value in rows}


def test_letter_page_links_to_the_confirmation_and_does_not_issue_in_one_click(approved, signatory, client):
    client.force_login(signatory)
    page = client.get(approved.get_absolute_url()).content.decode()
    issue_url = reverse("letters:issue", args=[approved.pk])
    assert f'<a class="govuk-button" href="{issue_url}">Issue and email letter</a>' in page
    assert f'action="{issue_url}"' not in page


def test_confirmation_shows_recipients_copy_version_date_and_that_it_cannot_be_undone(approved, signatory, client):
    client.force_login(signatory)
    response = client.get(reverse("letters:issue", args=[approved.pk]))
    assert response.status_code == 200
    assert summary(response) == {
        "To": "Chief Constable, chief@cheshire.example.org",
        "Copy": "Police and Crime Commissioner, pcc@cheshire.example.org",
        "Version": "1",
        "Letter date": f"{timezone.localdate():%-d %B %Y} (today: no date was chosen on the draft)",
        "Heading": approved.heading,
        "Signed by": "Michael Cunningham QPM (you)",
    }
    page = text_of(response)
    assert "Issue the letter to Cheshire Constabulary" in page
    assert "Issuing cannot be undone." in page
    approved.refresh_from_db()
    assert approved.state == Letter.State.APPROVED and not mail.outbox  # looking issues nothing


def test_posting_the_confirmation_issues_once_with_the_chosen_date(
    approved, inspector, signatory, client, django_capture_on_commit_callbacks
):
    chosen = approved.review.request_date + datetime.timedelta(days=3)
    letter_edit(letter=approved, heading=approved.heading, body=approved.body, letter_date=chosen, by=inspector)
    letter_approve(letter=approved, by=signatory)
    client.force_login(signatory)
    assert summary(client.get(reverse("letters:issue", args=[approved.pk])))["Letter date"] == f"{chosen:%-d %B %Y}"
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(client, reverse("letters:issue", args=[approved.pk]))
    assert response["Location"] == approved.get_absolute_url()
    approved.refresh_from_db()
    assert approved.state == Letter.State.ISSUED and approved.letter_date == chosen
    deliveries_send_due()
    assert [message.to for message in mail.outbox] == [["chief@cheshire.example.org"]]


def test_a_correction_says_which_version_it_corrects(approved, inspector, signatory, client):
    issued = letter_issue(letter=approved, by=signatory)
    correction = letter_correct(letter=issued, by=inspector)
    letter_approve(letter=correction, by=signatory)
    client.force_login(signatory)
    assert summary(client.get(reverse("letters:issue", args=[correction.pk])))["Version"] == "2, correcting version 1"


def test_a_letter_that_cannot_be_issued_gets_no_confirmation(letter_review, cheshire, inspector, signatory, client):
    letter = draft(letter_review, cheshire, inspector)
    client.force_login(signatory)
    response = client.get(reverse("letters:issue", args=[letter.pk]), follow=True)
    assert response.redirect_chain == [(letter.get_absolute_url(), 302)]
    assert "A letter must be approved before it is issued." in response.content.decode()
    assert "Issue and email letter" not in response.content.decode()


def test_a_letter_dated_after_today_is_not_issued(approved, inspector, signatory, client):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    letter_edit(letter=approved, heading=approved.heading, body=approved.body, letter_date=tomorrow, by=inspector)
    letter_approve(letter=approved, by=signatory)
    client.force_login(signatory)
    for method in (client.get, client.post):
        response = method(reverse("letters:issue", args=[approved.pk]), follow=True)
        assert f"This letter is dated {tomorrow:%-d %B %Y}, after today." in response.content.decode()
    approved.refresh_from_db()
    assert approved.state == Letter.State.APPROVED


def test_bulk_confirmation_lists_exactly_the_letters_it_will_issue(
    letter_review, cheshire, merseyside, inspector, signatory, client
):
    cheshire_letter = draft(letter_review, cheshire, inspector, approve=True)
    merseyside_letter = draft(letter_review, merseyside, inspector, approve=True)
    kent = letter_review.forces.get(slug="kent")
    draft(letter_review, kent, inspector)  # a draft: not listed
    client.force_login(signatory)
    url = reverse("letters:issue-all", args=[letter_review.pk])
    response = client.get(url)
    page = text_of(response)
    assert "2 letters to issue" in page and "Issuing cannot be undone." in page
    for force, letter in [(cheshire, cheshire_letter), (merseyside, merseyside_letter)]:
        assert f"{force.name}</a></th>" in page
        assert f"chief@{force.slug}.example.org" in page and f"pcc@{force.slug}.example.org" in page
        assert f'<input type="hidden" name="letter" value="{letter.pk}@{letter.approved_at.isoformat()}">' in page
    assert "Kent Police" not in page
    assert BulkJob.objects.count() == 0


def test_bulk_issue_starts_only_when_the_list_confirmed_is_the_list_ready(
    letter_review, cheshire, merseyside, inspector, signatory, client
):
    draft(letter_review, cheshire, inspector, approve=True)
    client.force_login(signatory)
    url = reverse("letters:issue-all", args=[letter_review.pk])
    shown = re.findall(r'name="letter" value="([^"]+)"', client.get(url).content.decode())
    draft(letter_review, merseyside, inspector, approve=True)  # approved after the page was shown
    response = client.post(url, {"letter": shown}, follow=True)
    assert BulkJob.objects.count() == 0
    assert "The letters ready to issue changed after you opened this page." in response.content.decode()
    assert response.redirect_chain == [(url, 302)]
    response = confirm(client, url)
    job = BulkJob.objects.get()
    assert response["Location"] == reverse("letters:job", args=[job.pk])
    assert (job.kind, job.total) == (BulkJob.Kind.ISSUE, 2)


def test_the_bulk_job_issues_no_letter_approved_after_it_was_confirmed(
    letter_review, cheshire, merseyside, inspector, signatory
):
    from letters.jobs import start_job
    from letters.tasks import issue_approved_letters

    confirmed = draft(letter_review, cheshire, inspector, approve=True)
    job = start_job(review=letter_review, kind=BulkJob.Kind.ISSUE, by=signatory)
    later = draft(letter_review, merseyside, inspector)
    # the job waits in the queue while another letter is approved: it was not on the confirmation page
    letter_approve(letter=later, by=signatory)
    issue_approved_letters.call(job.pk)
    assert Letter.objects.get(pk=confirmed.pk).state == Letter.State.ISSUED
    assert Letter.objects.get(pk=later.pk).state == Letter.State.APPROVED


def test_nothing_to_issue_says_so_and_offers_no_button(letter_review, signatory, client):
    client.force_login(signatory)
    page = client.get(reverse("letters:issue-all", args=[letter_review.pk])).content.decode()
    assert "No letter of this review is approved and waiting to be issued." in page
    assert '<form method="post"' not in page.split("<main", 1)[1]


def test_bulk_confirmation_runs_a_fixed_number_of_queries(letter_review, inspector, signatory, client):
    client.force_login(signatory)
    url = reverse("letters:issue-all", args=[letter_review.pk])
    counts = []
    for slug in ["cheshire", "merseyside", "kent"]:
        draft(letter_review, letter_review.forces.get(slug=slug), inspector, approve=True)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2], counts


def test_bulk_confirmation_says_which_letters_will_not_be_issued_and_why(letter_review, inspector, signatory, client):
    kent = letter_review.forces.get(slug="kent")
    draft(letter_review, kent, inspector, approve=True)
    kent.chief_officer_email = ""
    kent.save()
    client.force_login(signatory)
    page = text_of(client.get(reverse("letters:issue-all", args=[letter_review.pk])))
    assert (
        "Will not be issued</strong> Add the chief officer&#x27;s email address for Kent Police before issuing." in page
    )


def test_a_letter_changed_and_approved_again_after_the_page_was_shown_is_not_issued(
    approved, inspector, signatory, client
):
    url = reverse("letters:issue", args=[approved.pk])
    client.force_login(signatory)
    shown = re.findall(r'name="letter" value="([^"]+)"', client.get(url).content.decode())
    other_day = approved.review.request_date
    letter_edit(letter=approved, heading=approved.heading, body="Other text.", letter_date=other_day, by=inspector)
    letter_approve(letter=approved, by=signatory)
    response = client.post(url, {"letter": shown}, follow=True)
    assert "The letter changed after you opened this page. Check it and confirm again." in response.content.decode()
    assert response.redirect_chain == [(url, 302)]
    approved.refresh_from_db()
    assert approved.state == Letter.State.APPROVED
    assert confirm(client, url).status_code == 302
    approved.refresh_from_db()
    assert approved.state == Letter.State.ISSUED and approved.letter_date == other_day
