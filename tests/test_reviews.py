"""Inspector flows: open a review, statuses and counts, log, extend, assess; query counts stay fixed.

The dashboard has its own module, test_dashboard.py."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from core.documents import check_document
from forces.models import Force
from outbox.models import Delivery
from outbox.sending import deliveries_send_due
from recommendations.models import Recommendation, add_months
from reviews.models import Assessment, Extension, Review, Submission
from reviews.services import create_submission
from tests.factories import make_recommendation, make_review, pdf_bytes, upload


@pytest.fixture
def inspector_client(client, inspector):
    client.force_login(inspector)
    return client


def submit(review, force, by, received_at):
    return create_submission(
        review=review,
        force=force,
        by=by,
        channel=Submission.Channel.EMAIL,
        received_at=received_at,
        documents=[check_document(upload("plan.pdf", pdf_bytes()))],
        covering_note="",
    )


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(16)))


def test_due_date_follows_the_timescale_rule(db):
    assert add_months(datetime.date(2016, 12, 8), 6) == datetime.date(2017, 6, 8)
    assert add_months(datetime.date(2016, 12, 8), 3) == datetime.date(2017, 3, 8)
    assert add_months(datetime.date(2017, 8, 31), 6) == datetime.date(2018, 2, 28)
    assert add_months(datetime.date(2019, 8, 31), 6) == datetime.date(2020, 2, 29)
    six_months = make_recommendation()
    assert six_months.due_date == datetime.date(2017, 6, 8)
    fixed = make_recommendation(
        reference="fixed",
        timescale=Recommendation.Timescale.FIXED_DATE,
        timescale_months=None,
        timescale_date=datetime.date(2017, 9, 30),
    )
    assert fixed.due_date == datetime.date(2017, 9, 30)


def test_incomplete_timescale_rule_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError):
        make_recommendation(timescale_months=None)


def test_review_page_shows_each_status_and_the_counts(inspector_client, review, inspector, merseyside_officer):
    forces = {force.slug: force for force in Force.objects.all()}
    on_time = review.submission_deadline - datetime.timedelta(days=2)
    submit(review, forces["merseyside"], merseyside_officer, at(on_time))
    submit(review, forces["cheshire"], inspector, at(review.submission_deadline + datetime.timedelta(days=1)))
    Extension.objects.create(
        review=review,
        force=forces["kent"],
        new_deadline=review.submission_deadline + datetime.timedelta(days=5),
        reason="Flooding",
        granted_by=inspector,
    )
    submit(review, forces["dorset"], inspector, at(on_time))
    Assessment.objects.create(
        review=review,
        force=forces["dorset"],
        outcome=review.outcome_categories.first(),
        assessed_by=inspector,
        assessed_at=timezone.now(),
    )

    html = inspector_client.get(reverse("reviews:review-detail", args=[review.pk])).content.decode()
    assert "All forces: <strong>43</strong>" in html
    assert "Requested: <strong>39</strong>" in html
    assert "Submitted on time: <strong>1</strong>" in html
    assert "Submitted late: <strong>1</strong>" in html
    assert "Extension granted: <strong>1</strong>" in html
    assert "Assessed: <strong>1</strong>" in html
    assert "Assessed: Insufficient information" in html

    filtered = inspector_client.get(reverse("reviews:review-detail", args=[review.pk]), {"status": "late"})
    assert "1 of 43 forces" in filtered.content.decode()
    assert "Cheshire Constabulary" in filtered.content.decode()
    assert "Merseyside Police" not in filtered.content.decode()
    by_region = inspector_client.get(reverse("reviews:review-detail", args=[review.pk]), {"region": "Wales"})
    assert "4 of 43 forces" in by_region.content.decode()


# The same number for 2 forces and for 43: the pages never run a query per row.
# 22, the reopenings of uploads, the reminders sent, the chasing letters, whether the elements, outcomes and
# template exist, and the qualifiers' history
REVIEW_PAGE_QUERIES = 29


@pytest.mark.parametrize("force_count", [2, 43])
def test_review_page_query_count_does_not_grow_with_forces(
    inspector_client, forces, signatory, inspector, django_assert_num_queries, force_count
):
    review = make_review(signatory, forces=Force.objects.filter(kind="territorial")[:force_count])
    for force in review.forces.all()[: force_count // 2 + 1]:
        submit(review, force, inspector, at(review.submission_deadline))
    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        assert inspector_client.get(reverse("reviews:review-detail", args=[review.pk])).status_code == 200


def test_opening_a_review_asks_every_territorial_force_and_emails_them(
    inspector_client, forces, signatory, merseyside_officer, cheshire_officer
):
    recommendation = make_recommendation()
    data = {
        "title": "Abuse of position: plans",
        "slug": "",
        "request_date_0": "16",
        "request_date_1": "5",
        "request_date_2": "2017",
        "submission_deadline_0": "31",
        "submission_deadline_1": "5",
        "submission_deadline_2": "2017",
        "assessment_period": "June 2017",
        "lead_signatory": signatory.pk,
        "contact_name": "John Young",
        "contact_email": "john.young@example.org",
        "contact_phone": "07802 948502",
        "scope": "all",
    }
    response = inspector_client.post(reverse("reviews:review-create", args=[recommendation.pk]), data)
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.slug == "abuse-of-position-plans"
    assert review.forces.count() == 43
    assert Delivery.objects.about(review).count() == 2  # the forces with a liaison officer
    deliveries_send_due()
    assert sorted(m.to[0] for m in mail.outbox) == ["cheshire@example.org", "merseyside@example.org"]
    assert "by 31 May 2017" in mail.outbox[0].subject
    assert recommendation.text in mail.outbox[0].body


def test_a_review_can_ask_chosen_forces_only(inspector_client, forces, signatory):
    recommendation = make_recommendation()
    kent, dorset = Force.objects.get(slug="kent"), Force.objects.get(slug="dorset")
    data = {
        "title": "Chosen",
        "request_date_0": "16",
        "request_date_1": "5",
        "request_date_2": "2017",
        "submission_deadline_0": "31",
        "submission_deadline_1": "5",
        "submission_deadline_2": "2017",
        "assessment_period": "June 2017",
        "lead_signatory": signatory.pk,
        "contact_name": "J",
        "contact_email": "j@example.org",
        "contact_phone": "1",
        "scope": "chosen",
        "chosen_forces": [kent.pk, dorset.pk],
    }
    inspector_client.post(reverse("reviews:review-create", args=[recommendation.pk]), data)
    assert set(Review.objects.get().forces.values_list("slug", flat=True)) == {"kent", "dorset"}


def test_deadline_before_the_request_date_is_refused(inspector_client, forces, signatory):
    recommendation = make_recommendation()
    data = {
        "title": "Backwards",
        "request_date_0": "31",
        "request_date_1": "5",
        "request_date_2": "2017",
        "submission_deadline_0": "16",
        "submission_deadline_1": "5",
        "submission_deadline_2": "2017",
        "assessment_period": "June 2017",
        "lead_signatory": signatory.pk,
        "contact_name": "J",
        "contact_email": "j@example.org",
        "contact_phone": "1",
        "scope": "all",
    }
    response = inspector_client.post(reverse("reviews:review-create", args=[recommendation.pk]), data)
    assert response.status_code == 200
    assert "The submission deadline must be on or after the request date" in response.content.decode()
    assert Review.objects.count() == 0


def test_database_refuses_a_deadline_before_the_request(review):
    review.submission_deadline = review.request_date - datetime.timedelta(days=1)
    with pytest.raises(IntegrityError):
        review.save()


def test_inspector_logs_an_emailed_submission_with_its_date(inspector_client, review, inspector, private_media):
    received = review.submission_deadline - datetime.timedelta(days=20)
    url = reverse("reviews:submission-log", args=[review.pk, "cheshire"])
    response = inspector_client.post(
        url,
        {
            "received_on_0": received.day,
            "received_on_1": received.month,
            "received_on_2": received.year,
            "documents": [upload("emailed plan.pdf", pdf_bytes())],
            "covering_note": "Sent to John Young",
            "form_token": "6f1f3c2e-56a5-4f0e-9a43-6f3c1b2a9d10",
        },
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.channel == Submission.Channel.EMAIL
    assert submission.submitted_by == inspector
    assert timezone.localdate(submission.received_at) == received
    page = inspector_client.get(reverse("reviews:force-in-review", args=[review.pk, "cheshire"]))
    assert "emailed plan.pdf" in page.content.decode()
    assert "Submitted on time" in page.content.decode()


def test_extension_must_be_after_the_deadline(inspector_client, review):
    url = reverse("reviews:extension", args=[review.pk, "cheshire"])
    early = review.submission_deadline
    response = inspector_client.post(
        url,
        {
            "new_deadline_0": early.day,
            "new_deadline_1": early.month,
            "new_deadline_2": early.year,
            "reason": "x",
        },
    )
    assert "The new deadline must be after the review&#x27;s deadline" in response.content.decode()
    assert Extension.objects.count() == 0
    later = early + datetime.timedelta(days=7)
    inspector_client.post(
        url,
        {
            "new_deadline_0": later.day,
            "new_deadline_1": later.month,
            "new_deadline_2": later.year,
            "reason": "Flooding",
        },
    )
    assert Extension.objects.get().new_deadline == later


def assessment_data(review, outcome_index=0):
    data = {f"element_{e.pk}": e.judgements.first().pk for e in review.elements.all()}
    data["outcome"] = review.outcome_categories.all()[outcome_index].pk
    data["notes"] = "Comprehensive plan."
    return data


def test_assessment_is_recorded_and_can_be_changed(inspector_client, review, inspector):
    url = reverse("reviews:assessment", args=[review.pk, "cheshire"])
    assert inspector_client.post(url, assessment_data(review)).status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.judgements.count() == 2
    assert assessment.assessed_by == inspector
    inspector_client.post(url, assessment_data(review, outcome_index=1))
    assessment.refresh_from_db()
    assert assessment.outcome.name == "Already had all elements in place"
    assert Assessment.objects.count() == 1


def test_assessment_needs_every_element(inspector_client, review):
    data = assessment_data(review)
    first_element = review.elements.first()
    del data[f"element_{first_element.pk}"]
    response = inspector_client.post(reverse("reviews:assessment", args=[review.pk, "cheshire"]), data)
    assert f"Select a judgement for ‘{first_element.name}’" in response.content.decode()
    assert Assessment.objects.count() == 0


def test_judgement_of_another_element_is_refused(inspector_client, review):
    data = assessment_data(review)
    first, second = review.elements.all()
    data[f"element_{first.pk}"] = second.judgements.first().pk
    inspector_client.post(reverse("reviews:assessment", args=[review.pk, "cheshire"]), data)
    assert Assessment.objects.count() == 0


def test_second_assessment_for_the_same_force_is_refused(review, inspector, cheshire):
    from reviews.access import get_force_row
    from reviews.services import assessment_record

    row = get_force_row(review, cheshire)
    outcome = review.outcome_categories.first()
    assessment_record(review=row.review, force=row.force, outcome=outcome, judgements={}, notes="", by=inspector)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="already been assessed"):
        assessment_record(
            review=row.review, force=row.force, outcome=outcome, judgements={}, notes="second", by=inspector
        )
    assert Assessment.objects.get().notes == ""


def test_a_review_opening_is_emailed_to_liaison_officers_not_the_forces_governance_body(
    forces, signatory, inspector, cheshire_officer, cheshire_pcc
):
    from reviews.services import review_open

    review_open(
        recommendation=make_recommendation(),
        by=inspector,
        forces=[cheshire_officer.force],
        title="Abuse of position: plans",
        slug="plans",
        request_date=datetime.date(2017, 5, 16),
        submission_deadline=datetime.date(2017, 5, 31),
        assessment_period="June 2017",
        lead_signatory=signatory,
        contact_name="John Young",
        contact_email="john.young@example.org",
    )
    [delivery] = Delivery.objects.all()
    assert delivery.to == [cheshire_officer.email]
