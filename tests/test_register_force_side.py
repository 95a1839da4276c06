"""The force's side of the register, kept apart from the inspectorate's: responses, action plans with
revised target dates, progress updates with evidence, claims an inspector verifies or returns. Liaison
officers act only for their own force and never read internal notes."""

import datetime

import pytest
from django.db import DatabaseError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from recommendations.models import (
    Action,
    ForceResponse,
    ProgressUpdate,
    RegisterEntry,
    RegisterStatus,
    StatusChange,
    TargetRevision,
)
from recommendations.services import action_add, claim_decide, progress_update_add, status_change
from tests.factories import pdf_bytes, upload

TODAY = timezone.localdate()


@pytest.fixture
def recommendation(review):
    return review.recommendation


@pytest.fixture
def officer_client(cheshire_officer):
    officer = Client()
    officer.force_login(cheshire_officer)
    return officer


def page_url(recommendation):
    return reverse("recommendations:liaison-recommendation", args=[recommendation.reference])


def entry(recommendation, force):
    return RegisterEntry.objects.get(recommendation=recommendation, force=force)


def date_fields(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_a_response_not_agreed_needs_reasons_and_a_first_response_starts_progress(
    officer_client, recommendation, cheshire
):
    html = officer_client.post(page_url(recommendation), {"form": "response", "position": "not_agreed"}).content
    assert "Give the force&#x27;s reasons for not agreeing in full" in html.decode()
    assert not ForceResponse.objects.exists() and entry(recommendation, cheshire).status == "awaiting"
    posted = {"form": "response", "position": "partly", "reasons": "Body-worn video is funded for 2018 only."}
    page = officer_client.post(page_url(recommendation), posted, follow=True).content.decode()
    assert "Response recorded" in page and "Force&#x27;s response: Partly agreed" in page
    current = entry(recommendation, cheshire)
    assert (current.status, current.response) == (RegisterStatus.BEING_PROGRESSED, "partly")


def test_a_revised_target_date_keeps_the_original_and_needs_a_reason(officer_client, recommendation, cheshire):
    posted = {"form": "action", "description": "Train supervisors.", "owner": "Head of PSD"}
    officer_client.post(page_url(recommendation), {**posted, **date_fields("target_date", datetime.date(2030, 3, 31))})
    action = Action.objects.get()
    revise = reverse("recommendations:liaison-revise", args=[action.pk])
    html = officer_client.post(revise, date_fields("new_date", datetime.date(2030, 9, 30))).content.decode()
    assert "Give the reason the target date moves" in html and not TargetRevision.objects.exists()
    reason = "The training supplier withdrew."
    officer_client.post(revise, {**date_fields("new_date", datetime.date(2030, 9, 30)), "reason": reason})
    action.refresh_from_db()
    assert (action.original_target_date, action.target_date) == (datetime.date(2030, 3, 31), datetime.date(2030, 9, 30))
    current = entry(recommendation, cheshire)
    assert (current.target_date, current.target_revisions) == (datetime.date(2030, 9, 30), 1)
    page = officer_client.get(page_url(recommendation)).content.decode()
    assert "originally 31 March 2030; revised 1 time" in page and reason in page
    with pytest.raises(DatabaseError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(original_target_date=datetime.date(2031, 1, 1))
    with pytest.raises(DatabaseError), transaction.atomic():
        TargetRevision.objects.all().delete()


def test_a_claim_is_returned_once_then_verified_and_both_dates_show(
    officer_client, client, recommendation, cheshire, cheshire_officer, inspector
):
    bad = {"form": "update", "text": "All done.", "claims_completion": "on", "documents": upload("e.pdf", b"not a pdf")}
    html = officer_client.post(page_url(recommendation), bad).content.decode()
    assert "e.pdf is not a PDF" in html and not ProgressUpdate.objects.exists()
    claim = {"form": "update", "text": "All done.", "claims_completion": "on"}
    officer_client.post(page_url(recommendation), {**claim, "documents": upload("policy.pdf", pdf_bytes())})
    assert entry(recommendation, cheshire).status == RegisterStatus.FORCE_REPORTS_COMPLETE
    again = officer_client.post(page_url(recommendation), {**claim, "documents": upload("more.pdf", pdf_bytes())})
    assert "an earlier claim is awaiting verification" in again.content.decode()
    assert ProgressUpdate.objects.count() == 1
    first = ProgressUpdate.objects.get()
    client.force_login(inspector)
    decide = reverse("recommendations:claim-decision", args=[first.pk])
    html = client.post(decide, {"decision": "return"}).content.decode()
    assert "Give the reasons for your decision" in html and ProgressUpdate.objects.get().is_awaiting
    client.post(decide, {"decision": "return", "reason": "The policy is still a draft."})
    assert entry(recommendation, cheshire).status == RegisterStatus.BEING_PROGRESSED
    page = officer_client.get(page_url(recommendation)).content.decode()
    assert "Claim returned" in page and "The policy is still a draft." in page
    officer_client.post(page_url(recommendation), {**claim, "documents": upload("signed.pdf", pdf_bytes())})
    second = ProgressUpdate.objects.get(decision="awaiting")
    queue = client.get(reverse("recommendations:claims")).content.decode()
    assert "Cheshire Constabulary" in queue and "1 document" in queue
    client.post(
        reverse("recommendations:claim-decision", args=[second.pk]), {"decision": "verify", "reason": "Signed."}
    )
    verified = entry(recommendation, cheshire)
    assert verified.status == RegisterStatus.COMPLETE_VERIFIED and verified.verified_on == TODAY
    assert (
        StatusChange.objects.last().evidence
        == f"The force's claim of {TODAY:%-d %B %Y} and the 1 document sent with it"
    )
    summary = f"Force reports complete on {TODAY:%-d %B %Y}; inspectorate verified on {TODAY:%-d %B %Y}"
    assert summary in client.get(reverse("recommendations:register", args=[recommendation.pk])).content.decode()


def test_a_liaison_officer_never_reaches_another_forces_side_or_internal_notes(
    client, recommendation, cheshire, merseyside, cheshire_officer, merseyside_officer, inspector
):
    action = action_add(
        recommendation=recommendation,
        force=cheshire,
        description="Cheshire's action.",
        owner="Chief Inspector",
        target_date=datetime.date(2030, 1, 1),
        by=cheshire_officer,
    )
    status_change(
        recommendation=recommendation,
        force=merseyside,
        status=RegisterStatus.BEING_PROGRESSED,
        changed_on=TODAY,
        reason="Plan received.",
        internal_note="The chief constable is leaving in March.",
        by=inspector,
    )
    client.force_login(merseyside_officer)
    revise = reverse("recommendations:liaison-revise", args=[action.pk])
    assert client.get(revise).status_code == 404
    posted = {**date_fields("new_date", datetime.date(2031, 1, 1)), "reason": "Moved."}
    assert client.post(revise, posted).status_code == 404
    assert not TargetRevision.objects.exists()
    page = client.get(page_url(recommendation)).content.decode()
    assert "Merseyside Police" in page and "Cheshire&#x27;s action." not in page
    assert "Plan received." in page and "chief constable is leaving" not in page
    client.force_login(inspector)
    staff_page = reverse("recommendations:force-register", args=[recommendation.pk, "merseyside"])
    assert "The chief constable is leaving in March." in client.get(staff_page).content.decode()


def test_evidence_downloads_only_for_its_force_and_staff(
    client, recommendation, cheshire, cheshire_officer, merseyside_officer, inspector
):
    update = progress_update_add(
        recommendation=recommendation,
        force=cheshire,
        text="Policy attached.",
        documents=[],
        claims_completion=False,
        by=cheshire_officer,
    )
    from core.documents import check_document, store_documents
    from recommendations.models import Evidence

    [evidence] = store_documents([check_document(upload("policy.pdf", pdf_bytes()))], lambda c: Evidence(update=update))
    url = reverse("recommendations:evidence", args=[evidence.pk])
    client.force_login(merseyside_officer)
    assert client.get(url).status_code == 404
    client.force_login(cheshire_officer)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")


def test_only_an_inspector_decides_a_claim(recommendation, cheshire, cheshire_officer):
    from django.core.exceptions import PermissionDenied

    claim = progress_update_add(
        recommendation=recommendation,
        force=cheshire,
        text="Done.",
        documents=[],
        claims_completion=True,
        by=cheshire_officer,
    )
    with pytest.raises(PermissionDenied):
        claim_decide(update=claim, verified=True, reason="Mine.", by=cheshire_officer)
    assert ProgressUpdate.objects.get().is_awaiting


def test_delay_at_a_glance_and_the_register_filters(
    client, recommendation, cheshire, merseyside, cheshire_officer, merseyside_officer, inspector
):
    # Due six months after 8 December 2016: long overdue unless a force's target date is later.
    action_add(
        recommendation=recommendation,
        force=cheshire,
        description="A later date.",
        owner="PSD",
        target_date=TODAY + datetime.timedelta(days=90),
        by=cheshire_officer,
    )
    client.force_login(inspector)
    url = reverse("recommendations:register-list")
    html = client.get(url, {"delay": "on_track"}).content.decode()
    assert "1 entry" in html and "Cheshire Constabulary" in html
    html = client.get(url, {"delay": "overdue"}).content.decode()
    assert "42 entries" in html and "Cheshire Constabulary</a>" not in html
    assert "42 entries" in client.get(url, {"delay": "overdue", "status": "nonsense"}).content.decode()


def test_the_register_list_pages_in_constant_queries(client, recommendation, inspector, django_assert_max_num_queries):
    client.force_login(inspector)
    for page in ("1", "2"):
        with django_assert_max_num_queries(16):
            assert client.get(reverse("recommendations:register-list"), {"page": page}).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("recommendations:force-overview", args=["cheshire"])).status_code == 200
