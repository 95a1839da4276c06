"""The factual-accuracy check: working days, opening on approval, the force's comments with evidence, the
inspectorate's replies and their sign-off by a second inspector, issuing held back, and scoping."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.documents import check_document
from letters.accuracy import (
    accuracy_check_sign_off,
    accuracy_comment_add,
    accuracy_comment_decide,
    accuracy_rule_set,
)
from letters.jobs import job_run, start_job
from letters.models import AccuracyCheck, AccuracyComment, AccuracyEvidence, BulkJob, Letter
from letters.services import issue_refusal, letter_approve, letter_edit, letter_issue
from letters.working_days import working_days_after
from outbox.models import Delivery
from tests.accuracy_helpers import checked_letter, second_inspector
from tests.conftest import stored_files
from tests.factories import pdf_bytes, upload
from tests.letter_helpers import add_letter_template, draft, pdf_reader
from tests.publication_helpers import publish


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (datetime.date(2026, 6, 1), 10, datetime.date(2026, 6, 15)),  # two weeks, no holiday
        (datetime.date(2026, 6, 5), 1, datetime.date(2026, 6, 8)),  # Friday: the weekend does not count
        # Opened before Christmas: 25 and 28 December 2026 (Boxing Day falls on a Saturday: substitute day)
        # and New Year's Day are skipped.
        (datetime.date(2026, 12, 18), 10, datetime.date(2027, 1, 6)),
        (datetime.date(2026, 12, 24), 1, datetime.date(2026, 12, 29)),
        (datetime.date(2026, 4, 2), 1, datetime.date(2026, 4, 7)),  # Good Friday and Easter Monday
    ],
)
def test_working_days_skip_weekends_and_bank_holidays_in_england_and_wales(start, count, expected):
    assert working_days_after(start, count) == expected


def comment(check, officer, text="The review of the unit started in March.", documents=(), paragraph=2):
    return accuracy_comment_add(check=check, paragraph=paragraph, text=text, documents=documents, by=officer)


def test_approval_opens_the_check_and_emails_the_force(
    review, cheshire, inspector, cheshire_officer, merseyside_officer
):
    letter = checked_letter(review, cheshire, inspector, working_days=5)
    check = letter.accuracy_check
    assert check.state == AccuracyCheck.State.OPEN
    assert (check.heading, check.body) == (letter.heading, letter.body)
    assert check.deadline == working_days_after(timezone.localdate(check.opened_at), 5)
    [email] = Delivery.objects.about(check)
    assert email.to == [cheshire_officer.email]  # the force's own officers, nobody else's
    assert reverse("letters:liaison-accuracy", args=[check.pk]) in email.body


def test_no_check_when_the_review_does_not_ask_for_one(review, cheshire, inspector):
    add_letter_template(review)
    accuracy_rule_set(review=review, enabled=False, working_days=10, by=inspector)
    letter = draft(review, cheshire, inspector, approve=True)
    assert not AccuracyCheck.objects.filter(letter=letter).exists()
    assert issue_refusal(letter) is None


def test_issue_is_refused_while_the_check_is_open_then_allowed_once_closed(
    review, cheshire, inspector, signatory, cheshire_officer
):
    letter = checked_letter(review, cheshire, inspector)
    check = letter.accuracy_check
    with pytest.raises(ValidationError, match="is checking this letter's facts until"):
        letter_issue(letter=letter, by=signatory)
    remark = comment(check, cheshire_officer)
    accuracy_comment_decide(comment=remark, outcome="rejected", reason="The review began after June.", by=inspector)
    accuracy_check_sign_off(check=check, by=second_inspector())
    assert letter_issue(letter=Letter.objects.get(pk=letter.pk), by=signatory).is_issued


def test_issue_is_allowed_once_the_deadline_passes_without_comments(review, cheshire, inspector, signatory):
    letter = checked_letter(review, cheshire, inspector)
    check = letter.accuracy_check
    check.deadline = timezone.localdate() - datetime.timedelta(days=1)
    check.save()
    assert letter_issue(letter=Letter.objects.get(pk=letter.pk), by=signatory).is_issued


def test_comments_made_hold_the_issue_back_after_the_deadline_until_answered(
    review, cheshire, inspector, signatory, cheshire_officer
):
    letter = checked_letter(review, cheshire, inspector)
    check = letter.accuracy_check
    comment(check, cheshire_officer)
    check.deadline = timezone.localdate() - datetime.timedelta(days=1)
    check.save()
    assert "reply to each comment" in issue_refusal(Letter.objects.get(pk=letter.pk))
    with pytest.raises(ValidationError, match="The deadline for comments was"):
        comment(check, cheshire_officer)


def test_bulk_issue_leaves_a_letter_under_check_and_says_why(review, cheshire, merseyside, inspector, signatory):
    add_letter_template(review)
    free = draft(review, merseyside, inspector, approve=True)  # approved before the check was turned on
    held = checked_letter(review, cheshire, inspector)
    job = start_job(review=review, kind=BulkJob.Kind.ISSUE, by=signatory)
    job_run(job.pk, job.attempts)
    job.refresh_from_db()
    assert Letter.objects.get(pk=free.pk).is_issued
    assert Letter.objects.get(pk=held.pk).state == Letter.State.APPROVED
    assert "Cheshire Constabulary: Cheshire Constabulary is checking this letter's facts until" in job.problems

    check = held.accuracy_check
    check.deadline = timezone.localdate() - datetime.timedelta(days=1)
    check.save()
    job = start_job(review=review, kind=BulkJob.Kind.ISSUE, by=signatory)
    job_run(job.pk, job.attempts)
    assert Letter.objects.get(pk=held.pk).is_issued


def test_the_inspector_who_replied_cannot_sign_the_reply_off(review, cheshire, inspector, cheshire_officer, signatory):
    check = checked_letter(review, cheshire, inspector).accuracy_check
    remark = comment(check, cheshire_officer)
    with pytest.raises(ValidationError, match="Reply to every comment"):
        accuracy_check_sign_off(check=check, by=signatory)
    accuracy_comment_decide(comment=remark, outcome="accepted", reason="Corrected.", by=inspector)
    with pytest.raises(ValidationError, match="another inspector must sign the reply off"):
        accuracy_check_sign_off(check=check, by=inspector)
    assert accuracy_check_sign_off(check=check, by=signatory).is_closed
    with pytest.raises(ValidationError, match="signed off"):
        accuracy_comment_decide(comment=remark, outcome="rejected", reason="Changed my mind.", by=signatory)


def test_an_accepted_comment_edits_the_draft_under_the_approval_rules_and_keeps_the_check(
    review, cheshire, inspector, signatory, cheshire_officer
):
    letter = checked_letter(review, cheshire, inspector)
    check = letter.accuracy_check
    remark = comment(check, cheshire_officer)
    accuracy_comment_decide(comment=remark, outcome="accepted", reason="We have corrected it.", by=inspector)
    edited = letter_edit(letter=letter, heading=letter.heading, body=letter.body + "\n\nCorrected.", by=inspector)
    assert edited.state == Letter.State.DRAFT
    with pytest.raises(ValidationError, match="someone else must approve it"):
        letter_approve(letter=edited, by=inspector)
    approved = letter_approve(letter=edited, by=signatory)
    assert AccuracyCheck.objects.get().pk == check.pk  # the same check, not a new one
    check.refresh_from_db()
    assert "Corrected." not in check.body  # the force keeps the draft it read
    accuracy_check_sign_off(check=check, by=signatory)
    issued_letter = letter_issue(letter=Letter.objects.get(pk=approved.pk), by=signatory)
    assert issued_letter.body.endswith("Corrected.")


def test_evidence_is_checked_by_content_and_nothing_is_kept_when_refused(
    client, review, cheshire, inspector, cheshire_officer, private_media
):
    check = checked_letter(review, cheshire, inspector).accuracy_check
    client.force_login(cheshire_officer)
    url = reverse("letters:liaison-accuracy-comment", args=[check.pk, 2])
    fake = upload("evidence.pdf", b"<html><script>alert(1)</script></html>")
    response = client.post(url, {"text": "Wrong date.", "documents": [fake]})
    assert response.status_code == 200
    assert "evidence.pdf is not a PDF" in response.content.decode()
    assert not AccuracyComment.objects.exists()
    assert stored_files(private_media) == []

    response = client.post(url, {"text": "Wrong date.", "documents": [upload("minutes.pdf", pdf_bytes())]})
    assert response.status_code == 302
    evidence = AccuracyEvidence.objects.get()
    assert (evidence.original_name, evidence.comment.paragraph) == ("minutes.pdf", 2)
    download = client.get(reverse("letters:accuracy-evidence", args=[evidence.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == pdf_bytes()


def test_another_forces_officer_finds_nothing(
    client, review, cheshire, inspector, cheshire_officer, merseyside_officer
):
    check = checked_letter(review, cheshire, inspector).accuracy_check
    remark = comment(check, cheshire_officer, documents=[check_document(upload("minutes.pdf", pdf_bytes()))])
    client.force_login(merseyside_officer)
    for url in [
        reverse("letters:liaison-accuracy", args=[check.pk]),
        reverse("letters:liaison-accuracy-comment", args=[check.pk, 1]),
        reverse("letters:liaison-accuracy-pdf", args=[check.pk]),
        reverse("letters:accuracy-evidence", args=[remark.evidence.get().pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("letters:liaison-accuracy-comment", args=[check.pk, 1]), {"text": "x"}).status_code == 404
    )
    assert AccuracyComment.objects.count() == 1
    page = client.get(reverse("reviews:liaison-review", args=[review.pk])).content.decode()
    assert remark.text not in page
    assert "Check the facts of our draft letter" not in page


def test_the_force_sees_each_outcome_and_reason_once_signed_off(
    client, review, cheshire, inspector, signatory, cheshire_officer
):
    check = checked_letter(review, cheshire, inspector).accuracy_check
    accepted = comment(check, cheshire_officer, text="The unit was reviewed in May.", paragraph=2)
    rejected = comment(check, cheshire_officer, text="We did monitor IT systems.", paragraph=3)
    accuracy_comment_decide(comment=accepted, outcome="accepted", reason="Changed to May.", by=inspector)
    accuracy_comment_decide(comment=rejected, outcome="rejected", reason="No evidence of monitoring.", by=inspector)
    client.force_login(cheshire_officer)
    url = reverse("letters:liaison-accuracy", args=[check.pk])
    before = client.get(url).content.decode()
    assert "Changed to May." not in before  # the reply is not the force's to read until signed off
    assert "Awaiting the inspectorate" in before

    accuracy_check_sign_off(check=check, by=signatory)
    page = client.get(url).content.decode()
    assert "Accepted" in page and "Changed to May." in page
    assert "Not accepted" in page and "No evidence of monitoring." in page
    assert Delivery.objects.about(check).count() == 2  # opened, then answered
    assert "Comment on paragraph" not in page


def test_the_watermarked_draft_says_so_on_every_page(client, review, cheshire, inspector, cheshire_officer):
    add_letter_template(review, body="\n\n".join(f"Paragraph {n} " + "of the draft. " * 60 for n in range(12)))
    check = checked_letter(review, cheshire, inspector).accuracy_check
    client.force_login(cheshire_officer)
    response = client.get(reverse("letters:liaison-accuracy-pdf", args=[check.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pages = pdf_reader(response.content).pages
    assert len(pages) > 1
    for page in pages:
        assert "FACTUALACCURACYCHECK–NOTFORPUBLICATION" in "".join(page.extract_text().split())


def test_comments_never_reach_the_public(client, review, cheshire, inspector, signatory, cheshire_officer):
    letter = checked_letter(review, cheshire, inspector)
    check = letter.accuracy_check
    remark = comment(check, cheshire_officer, text="Secret comment about the unit.")
    accuracy_comment_decide(comment=remark, outcome="rejected", reason="Secret reason.", by=inspector)
    accuracy_check_sign_off(check=check, by=signatory)
    issued_letter = letter_issue(letter=Letter.objects.get(pk=letter.pk), by=signatory)
    publish(review, [issued_letter], inspector, timezone.now() - datetime.timedelta(hours=1))
    for url in [
        reverse("publications:letter", args=[review.slug, "cheshire"]),
        reverse("publications:review", args=[review.slug]),
        reverse("forces:detail", args=["cheshire"]),
    ]:
        page = client.get(url).content.decode()
        assert "Secret" not in page, url
    assert client.get(reverse("letters:liaison-accuracy", args=[check.pk])).status_code == 302  # sign-in


def test_inspectors_turn_the_check_on_from_the_template_page(client, review, inspector):
    add_letter_template(review)
    client.force_login(inspector)
    page = client.get(reverse("letters:template", args=[review.pk])).content.decode()
    assert "Factual-accuracy check" in page
    url = reverse("letters:accuracy-rule", args=[review.pk])
    response = client.post(url, {"enabled": "on", "working_days": "40"}, follow=True)
    assert "30 working days or fewer" in response.content.decode()
    response = client.post(url, {"enabled": "on", "working_days": "15"}, follow=True)
    assert "Factual-accuracy check on: 15 working days" in response.content.decode()
    assert (review.accuracy_check_rule.enabled, review.accuracy_check_rule.working_days) == (True, 15)


def test_inspector_replies_and_a_second_signs_off_through_the_pages(
    client, review, cheshire, inspector, signatory, cheshire_officer
):
    check = checked_letter(review, cheshire, inspector).accuracy_check
    remark = comment(check, cheshire_officer)
    client.force_login(inspector)
    page = client.get(reverse("letters:accuracy", args=[check.pk])).content.decode()
    assert remark.text in page and "Reply to every comment" in page
    response = client.post(reverse("letters:accuracy-reply", args=[remark.pk]), {"outcome": "accepted", "reason": ""})
    assert "Give the reason the force will read" in response.content.decode()
    client.post(reverse("letters:accuracy-reply", args=[remark.pk]), {"outcome": "accepted", "reason": "Fixed."})
    response = client.post(reverse("letters:accuracy-sign-off", args=[check.pk]), follow=True)
    assert "another inspector must sign the reply off" in response.content.decode()
    client.force_login(signatory)
    client.post(reverse("letters:accuracy-sign-off", args=[check.pk]))
    check.refresh_from_db()
    assert (check.state, check.signed_off_by) == (AccuracyCheck.State.CLOSED, signatory)


def test_the_lead_signatory_is_told_the_letter_waits_for_the_check(review, cheshire, inspector, signatory):
    add_letter_template(review)
    accuracy_rule_set(review=review, enabled=True, working_days=10, by=inspector)
    letter = draft(review, cheshire, signatory, approve=True, approver=inspector)
    notice = Delivery.objects.about(letter).get()
    assert notice.to == [signatory.email]
    assert "once Cheshire Constabulary has checked its facts (its comments are due by " in notice.body
    assert f"{letter.accuracy_check.deadline:%-d %B %Y}" in notice.body


def test_the_check_pages_run_the_same_queries_whatever_the_number_of_comments(
    client, review, cheshire, inspector, cheshire_officer
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    check = checked_letter(review, cheshire, inspector).accuracy_check
    pages = [(inspector, reverse("letters:accuracy", args=[check.pk]))]
    pages.append((cheshire_officer, reverse("letters:liaison-accuracy", args=[check.pk])))

    def queries():
        counts = []
        for user, url in pages:
            client.force_login(user)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    comment(check, cheshire_officer, documents=[check_document(upload("a.pdf", pdf_bytes()))])
    few = queries()
    for paragraph in (1, 2, 3, 3):
        comment(check, cheshire_officer, paragraph=paragraph, documents=[check_document(upload("b.pdf", pdf_bytes()))])
    assert queries() == few
