"""Section 55: a force's governance body answers each inspection report on the force within 56 days of
its publication, through the service; late responses are accepted and shown as late; a body sees and
answers only its own force's reports."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from governance.models import Section55Answer, Section55Response
from inspections.models import InspectionReport, Topic
from recommendations.models import Recommendation
from recommendations.services import recommendation_save
from tests.factories import pdf_bytes, upload

TODAY = timezone.localdate()


@pytest.fixture
def report(cheshire):
    report = InspectionReport.objects.create(
        title="PEEL: police effectiveness 2026 – Cheshire Constabulary",
        published_on=TODAY - datetime.timedelta(days=60),
        scope=InspectionReport.Scope.FORCE,
        force=cheshire,
    )
    topic = Topic.objects.create(name="Vetting")
    recommendation = Recommendation(
        reference="peel-2026-cheshire-r1",
        report=report,
        topic=topic,
        text="The force should clear its vetting backlog.",
        timescale=Recommendation.Timescale.MONTHS_AFTER_PUBLICATION,
        timescale_months=6,
        applies_to_all_territorial_forces=False,
    )
    recommendation_save(recommendation=recommendation, forces=[cheshire])
    return report


@pytest.fixture
def body(cheshire_pcc):
    client = Client()
    client.force_login(cheshire_pcc)
    return client


def form(report, **changes):
    recommendation = report.recommendations.get()
    return {
        "chief_officer_comments": "The Chief Constable welcomes the report.",
        "response": "I will hold the Chief Constable to account for the vetting backlog.",
        f"answer_{recommendation.pk}": "Cleared by March.",
        **changes,
    }


def test_a_late_response_is_accepted_published_and_shown_as_late(body, report):
    url = reverse("governance:body-report", args=[report.pk])
    assert "Late by 4 days" in body.get(reverse("governance:body-home")).content.decode()
    page = body.post(url, {**form(report), "documents": upload("response.pdf", pdf_bytes())}, follow=True)
    html = page.content.decode()
    assert "Response submitted and published" in html and "4 days after the deadline" in html
    response = Section55Response.objects.get()
    assert response.days_late == 4 and response.due_on == report.published_on + datetime.timedelta(days=56)
    assert Section55Answer.objects.get().text == "Cleared by March." and response.documents.count() == 1
    assert "Submit and publish" not in html  # once submitted, it stands


def test_a_response_needs_both_comments_and_saves_nothing_otherwise(body, report):
    url = reverse("governance:body-report", args=[report.pk])
    html = body.post(url, form(report, chief_officer_comments="")).content.decode()
    assert "Enter the chief officer&#x27;s comments" in html and not Section55Response.objects.exists()


def test_a_body_never_reaches_another_forces_report(client, merseyside_pcc, report):
    client.force_login(merseyside_pcc)
    url = reverse("governance:body-report", args=[report.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, form(report)).status_code == 404
    assert not Section55Response.objects.exists()
    assert report.title not in client.get(reverse("governance:body-home")).content.decode()


def test_staff_see_due_late_and_received_responses(client, inspector, report, body, cheshire):
    other = InspectionReport.objects.create(
        title="Custody inspection – Cheshire",
        published_on=TODAY - datetime.timedelta(days=10),
        scope=InspectionReport.Scope.FORCE,
        force=cheshire,
    )
    client.force_login(inspector)
    html = client.get(reverse("governance:responses-due")).content.decode()
    assert "Late by 4 days" in html and "Due in 46 days" in html
    body.post(reverse("governance:body-report", args=[report.pk]), form(report))
    html = client.get(reverse("governance:responses-due")).content.decode()
    assert "Received 4 days late" in html and other.title in html


def test_a_governance_body_lands_on_its_responses_and_cannot_use_liaison_pages(body, report):
    assert body.get(reverse("landing"))["Location"] == reverse("governance:body-home")
    assert body.get(reverse("reviews:liaison-home")).status_code == 403
    assert body.get(reverse("recommendations:liaison-register")).status_code == 403


def test_the_public_sees_each_response_beside_its_report_and_how_late(client, body, report, cheshire):
    InspectionReport.objects.create(
        title="Unanswered inspection – Cheshire",
        published_on=TODAY - datetime.timedelta(days=70),
        scope=InspectionReport.Scope.FORCE,
        force=cheshire,
    )
    body.post(
        reverse("governance:body-report", args=[report.pk]),
        {**form(report), "documents": upload("response.pdf", pdf_bytes())},
    )
    listing = client.get(reverse("publications:responses")).content.decode()
    assert "Received 4 days late" in listing and "Not received: late by 14 days" in listing
    page = client.get(reverse("publications:response", args=[report.pk, "cheshire"])).content.decode()
    assert "I will hold the Chief Constable to account" in page and "Cleared by March." in page
    document = Section55Response.objects.get().documents.get()
    download = client.get(reverse("publications:response-document", args=[document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")
    assert client.get(reverse("publications:response", args=[report.pk, "merseyside"])).status_code == 404


def test_the_public_force_page_lists_its_reports_and_shows_a_response_at_once(client, body, report):
    url = reverse("forces:detail", args=["cheshire"])
    assert "not received, late by 4 days" in client.get(url).content.decode()
    body.post(reverse("governance:body-report", args=[report.pk]), form(report))
    assert "received 4 days late" in client.get(url).content.decode()  # the cached page follows at once
