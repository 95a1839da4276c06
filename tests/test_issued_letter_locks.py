"""Once the letter is issued, its assessment is locked and the force's uploads close unless reopened."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from letters.services import letter_approve, letter_correct, letter_issue
from reviews.models import Assessment, Submission, UploadReopening
from reviews.services import AssessmentLocked, assessment_change
from tests.factories import pdf_bytes, upload
from tests.letter_helpers import add_letter_template, draft


@pytest.fixture
def issued(review, cheshire, inspector, signatory):
    add_letter_template(review)
    return letter_issue(letter=draft(review, cheshire, inspector, approve=True), by=signatory)


def assessment_url(letter):
    return reverse("reviews:assessment", args=[letter.review_id, letter.force.slug])


def force_url(letter):
    return reverse("reviews:force-in-review", args=[letter.review_id, letter.force.slug])


def liaison_url(letter):
    return reverse("reviews:liaison-review", args=[letter.review_id])


def assessment_form(review):
    data = {"outcome": review.outcome_categories.last().pk, "notes": "Changed after the letter."}
    for element in review.elements.all():
        data[f"element_{element.pk}"] = element.judgements.last().pk
    return data


def test_the_assessment_page_says_it_is_locked_and_offers_the_correction(issued, inspector, client):
    client.force_login(inspector)
    page = client.get(assessment_url(issued)).content.decode()
    assert "The assessment is locked" in page
    assert "To change it, make a corrected version of the letter" in page
    assert f'action="{reverse("letters:correct", args=[issued.pk])}"' in page
    assert "Save assessment" not in page
    force_page = client.get(force_url(issued)).content.decode()
    assert "Change the assessment" not in force_page and "Make a corrected version of the letter" in force_page


def test_a_change_posted_to_a_locked_assessment_changes_nothing(issued, inspector, client):
    before = Assessment.objects.filter(pk=issued.assessment_id).values().get()
    client.force_login(inspector)
    response = client.post(assessment_url(issued), assessment_form(issued.review))
    assert response.status_code == 200 and "The assessment is locked" in response.content.decode()
    assert Assessment.objects.filter(pk=issued.assessment_id).values().get() == before
    with pytest.raises(AssessmentLocked):
        assessment_change(
            assessment=issued.assessment,
            outcome=issued.review.outcome_categories.last(),
            judgements={},
            notes="",
            by=inspector,
        )


def test_the_correction_unlocks_the_assessment_until_it_is_issued(issued, inspector, signatory, client):
    correction = letter_correct(letter=issued, by=inspector)
    client.force_login(inspector)
    response = client.post(assessment_url(issued), assessment_form(issued.review), follow=True)
    assert "The draft letter keeps its text: edit it to match." in response.content.decode()
    outcome = Assessment.objects.get(pk=issued.assessment_id).outcome
    assert outcome == issued.review.outcome_categories.last()
    letter_issue(letter=letter_approve(letter=correction, by=signatory), by=signatory)
    assert "The assessment is locked" in client.get(assessment_url(issued)).content.decode()


def test_the_liaison_officer_sees_the_conclusion_and_that_uploads_are_closed(issued, cheshire_officer, client):
    client.force_login(cheshire_officer)
    page = " ".join(client.get(liaison_url(issued)).content.decode().split())
    outcome = issued.assessment.outcome.name
    assert f"Our letter of {issued.letter_date:%-d %B %Y} concluded: <strong>{outcome}</strong>." in page
    assert "Uploads for this request are closed: our letter to your force was issued on" in page
    assert "They stay closed unless the inspectorate reopens them." in page
    assert 'name="documents"' not in page


def upload_plan(client, letter):
    data = {"documents": [upload("Plan.pdf", pdf_bytes())], "covering_note": "", "form_token": str(uuid.uuid4())}
    return client.post(liaison_url(letter), data)


def test_an_upload_after_the_letter_is_refused_and_stores_nothing(issued, cheshire_officer, client, private_media):
    client.force_login(cheshire_officer)
    response = upload_plan(client, issued)
    assert response.status_code == 200
    assert "so uploads for this request are closed" in response.content.decode()
    assert Submission.objects.count() == 0
    assert not any((private_media / "documents").rglob("*"))  # the issued letter's own PDF is all there is


def reopen(client, letter, until, reason="The force found a missing annex."):
    data = {"until_0": until.day, "until_1": until.month, "until_2": until.year, "reason": reason}
    return client.post(reverse("reviews:reopen-uploads", args=[letter.review_id, letter.force.slug]), data)


def test_an_inspector_reopens_uploads_until_a_day_on_record(issued, inspector, cheshire_officer, client):
    until = timezone.localdate() + datetime.timedelta(days=7)
    client.force_login(inspector)
    assert reopen(client, issued, until).status_code == 302
    reopening = UploadReopening.objects.get()
    assert (reopening.reopened_by, reopening.until, reopening.reason) == (
        inspector,
        until,
        "The force found a missing annex.",
    )
    force_page = " ".join(client.get(force_url(issued)).content.decode().split())
    assert f"Reopened until {until:%-d %B %Y} by Jane Okafor on {timezone.localdate():%-d %B %Y}" in force_page
    assert "Created the upload reopening" in force_page  # in the history, with who and when

    client.force_login(cheshire_officer)
    page = client.get(liaison_url(issued)).content.decode()
    assert f"The inspectorate has reopened uploads for your force until {until:%-d %B %Y}." in page
    assert upload_plan(client, issued).status_code == 302
    assert Submission.objects.count() == 1


def test_a_corrected_letter_closes_uploads_again(issued, inspector, signatory, cheshire_officer, client):
    client.force_login(inspector)
    reopen(client, issued, timezone.localdate() + datetime.timedelta(days=7))
    correction = letter_correct(letter=issued, by=inspector)
    letter_issue(letter=letter_approve(letter=correction, by=signatory), by=signatory)
    client.force_login(cheshire_officer)
    assert "Uploads for this request are closed" in client.get(liaison_url(issued)).content.decode()


@pytest.mark.parametrize(
    "days, reason, message",
    [
        (-1, "Late annex.", "The last day for uploads must be today or later"),
        (400, "Late annex.", "The last day for uploads must be within a year from today"),
        (7, "", "Enter the reason for reopening uploads"),
    ],
)
def test_reopening_needs_a_sensible_day_and_a_reason(issued, inspector, client, days, reason, message):
    client.force_login(inspector)
    response = reopen(client, issued, timezone.localdate() + datetime.timedelta(days=days), reason)
    assert response.status_code == 200 and message in response.content.decode()
    assert UploadReopening.objects.count() == 0


def test_uploads_not_closed_by_a_letter_cannot_be_reopened(review, cheshire, inspector, client):
    client.force_login(inspector)
    url = reverse("reviews:reopen-uploads", args=[review.pk, cheshire.slug])
    response = client.get(url, follow=True)
    assert "has no issued letter: its uploads are not closed" in response.content.decode()
    assert UploadReopening.objects.count() == 0


def test_reopening_without_a_day_says_so(issued, inspector, client):
    client.force_login(inspector)
    url = reverse("reviews:reopen-uploads", args=[issued.review_id, issued.force.slug])
    response = client.post(url, {"until_0": "", "until_1": "", "until_2": "", "reason": "Annex."})
    assert "Enter the day, month and year" in response.content.decode()
    assert UploadReopening.objects.count() == 0
