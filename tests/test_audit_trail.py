"""The audit trail: who created, changed or deleted what, and when; shown to inspectors; never bypassed."""

import logging
import uuid

import pytest
from django.urls import reverse

from core.history import AuditBypassError, bulk_create_audited
from inspections.models import InspectionReport, Topic
from letters.models import Letter
from letters.services import letter_issue
from recommendations.models import Recommendation
from reviews.models import Assessment, ElementJudgement, Review, Submission
from tests.factories import make_recommendation, pdf_bytes, upload
from tests.letter_helpers import add_letter_template, draft


def test_report_created_and_changed_through_the_pages_is_recorded_and_shown(client, inspector, db):
    client.force_login(inspector)
    data = {
        "title": "PEEL 2016",
        "programme": "PEEL",
        "published_on_0": "8",
        "published_on_1": "12",
        "published_on_2": "2016",
        "scope": "national",
    }
    client.post(reverse("inspections:report-create"), data)
    report = InspectionReport.objects.get()
    client.post(reverse("inspections:report-edit", args=[report.pk]), {**data, "title": "PEEL: legitimacy 2016"})
    records = list(report.history.order_by("history_date"))
    assert [record.history_type for record in records] == ["+", "~"]
    assert all(record.history_user == inspector for record in records)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "History of changes (2)" in page
    assert "Changed the inspection report" in page and "title: PEEL 2016 → PEEL: legitimacy 2016" in page


def test_submissions_assessments_and_letters_record_who_did_what(
    client, review, cheshire, cheshire_officer, inspector, signatory
):
    client.force_login(cheshire_officer)
    client.post(
        reverse("reviews:liaison-review", args=[review.pk]),
        {"documents": [upload("plan.pdf", pdf_bytes())], "form_token": uuid.uuid4()},
    )
    assert Submission.history.get().history_user == cheshire_officer
    client.force_login(inspector)
    data = {f"element_{e.pk}": e.judgements.first().pk for e in review.elements.all()}
    client.post(
        reverse("reviews:assessment", args=[review.pk, "cheshire"]),
        {**data, "outcome": review.outcome_categories.first().pk},
    )
    assert Assessment.history.get().history_user == inspector
    add_letter_template(review)
    letter = letter_issue(letter=draft(review, cheshire, inspector, approve=True), by=signatory)
    states = list(Letter.history.filter(id=letter.pk).order_by("history_date").values_list("state", flat=True))
    assert states == ["draft", "approved", "issued"]
    page = client.get(reverse("reviews:force-in-review", args=[review.pk, "cheshire"])).content.decode()
    assert "Created the submission" in page and "Created the assessment" in page
    assert "Changed the letter" in client.get(letter.get_absolute_url()).content.decode()


def test_deletions_are_recorded(client, inspector, review):
    element = review.elements.first()
    client.force_login(inspector)
    labels = [judgement.label for judgement in element.judgements.all()][:-1]  # drop the last judgement
    client.post(
        reverse("reviews:element-edit", args=[element.pk]),
        {"name": element.name, "position": 0, "judgements": "\n".join(labels)},
    )
    deleted = ElementJudgement.history.filter(history_type="-").get()
    assert deleted.history_user == inspector and deleted.label == "No information"


@pytest.mark.parametrize("model", [InspectionReport, Recommendation, Review, Submission, Assessment, Letter])
def test_bulk_update_cannot_bypass_the_trail(db, model):
    with pytest.raises(AuditBypassError):
        model.objects.all().update(pk=1)


def test_only_fields_the_trail_does_not_record_are_updated_in_bulk(db):
    recommendation = make_recommendation()
    with pytest.raises(AuditBypassError, match="due_on, text"):
        Recommendation.objects.all().update_unrecorded(text="Changed", due_on=None, open_deadline=None)
    recommendation.refresh_from_db()
    assert recommendation.text == "All forces should start to implement a plan." and recommendation.due_on
    assert Recommendation.objects.all().update_unrecorded(open_deadline=None) == 1


def test_bulk_create_cannot_bypass_the_trail(db, inspector):
    with pytest.raises(AuditBypassError, match="bulk_create_audited"):
        Topic.objects.bulk_create([Topic(name="Counter-corruption")])
    assert not Topic.objects.exists()
    bulk_create_audited(Topic, [Topic(name="Counter-corruption"), Topic(name="Vetting")], by=inspector)
    assert Topic.history.filter(history_type="+", history_user=inspector).count() == 2


def test_history_is_not_shown_to_liaison_officers(client, cheshire_officer, review):
    client.force_login(cheshire_officer)
    assert "History of changes" not in client.get(reverse("reviews:liaison-review", args=[review.pk])).content.decode()


def test_refused_access_to_another_forces_object_is_logged(client, merseyside_officer, signatory, cheshire, caplog):
    from tests.factories import make_review

    caplog.set_level(logging.INFO, logger="audit")
    cheshire_only = make_review(signatory, forces=[cheshire], slug="cheshire-only")
    client.force_login(merseyside_officer)
    assert client.get(reverse("reviews:liaison-review", args=[cheshire_only.pk])).status_code == 404
    refused = [
        record.audit
        for record in caplog.records
        if record.name == "audit" and record.audit["event"] == "access.refused"
    ]
    assert refused and refused[0]["status"] == 404 and refused[0]["user"] == "merseyside"
