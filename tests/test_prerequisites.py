"""No page offers an action that cannot succeed: where something must come first, it says so and links to it."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import User
from forces.models import Force
from inspections.models import InspectionReport, Topic
from letters.models import BulkJob, Letter
from tests.factories import make_recommendation
from tests.letter_helpers import add_letter_template, assess, draft


@pytest.fixture
def inspector_client(client, inspector):
    client.force_login(inspector)
    return client


@pytest.fixture
def kent(forces):
    return Force.objects.get(slug="kent")


@pytest.fixture
def signatory_client(client, signatory):
    client.force_login(signatory)
    return client


def page(client, name, *args, **query):
    response = client.get(reverse(name, args=args), query)
    assert response.status_code == 200
    return response.content.decode()


def force_page(client, review, slug="cheshire"):
    return page(client, "reviews:force-in-review", review.pk, slug)


def test_drafting_without_a_template_links_to_the_template(inspector_client, review, cheshire, inspector):
    assess(review, cheshire, inspector)
    html = force_page(inspector_client, review)
    assert "Draft the letter" not in html
    assert "Write the review&#x27;s letter template before drafting letters." in html
    assert f'href="{reverse("letters:template", args=[review.pk])}">Write the letter template</a>' in html

    add_letter_template(review)
    assert "Draft the letter</button>" in force_page(inspector_client, review)


def test_assessing_without_outcome_categories_links_to_the_framework(inspector_client, review):
    review.outcome_categories.all().delete()
    framework = reverse("reviews:review-framework", args=[review.pk])
    html = force_page(inspector_client, review)
    assert "Assess the force&#x27;s plans" not in html
    assert f'href="{framework}">Add the elements and outcome categories</a>' in html
    review_page = page(inspector_client, "reviews:review-detail", review.pk)
    assert f'href="{framework}">Add the elements and outcome categories</a>' in review_page
    response = inspector_client.get(reverse("reviews:assessment", args=[review.pk, "cheshire"]))
    assert response["Location"] == framework


def test_bulk_drafting_is_offered_only_when_there_is_something_to_draft(inspector_client, review, cheshire, inspector):
    html = page(inspector_client, "reviews:review-detail", review.pk)
    assert "Draft letters for" not in html
    assert "Write the letter template</a>" in html

    add_letter_template(review)
    html = page(inspector_client, "reviews:review-detail", review.pk)
    assert "Draft letters for" not in html
    assert "Letters are drafted once forces have been assessed." in html

    assess(review, cheshire, inspector)
    html = page(inspector_client, "reviews:review-detail", review.pk)
    assert "Draft letters for the 1 assessed force without one</button>" in html


def test_bulk_jobs_that_could_do_nothing_are_refused(client, inspector, signatory, review):
    client.force_login(inspector)
    response = client.post(reverse("letters:draft-all", args=[review.pk]), follow=True)
    assert "Write the review&#x27;s letter template before drafting letters." in response.content.decode()
    add_letter_template(review)
    response = client.post(reverse("letters:draft-all", args=[review.pk]), follow=True)
    assert "No assessed force is waiting for its letter." in response.content.decode()
    client.force_login(signatory)
    response = client.post(reverse("letters:issue-all", args=[review.pk]), follow=True)
    assert "No approved letter is waiting to be issued." in response.content.decode()
    assert BulkJob.objects.count() == 0


def test_bulk_issuing_is_offered_to_signatories_only_with_approved_letters(
    signatory_client, review, cheshire, kent, inspector
):
    add_letter_template(review)
    html = page(signatory_client, "reviews:review-detail", review.pk)
    assert "Issue the" not in html
    draft(review, cheshire, inspector, approve=True)
    letter = draft(review, kent, inspector, approve=True)
    kent.chief_officer_email = ""
    kent.save()
    html = page(signatory_client, "reviews:review-detail", review.pk)
    assert "Issue the 2 approved letters</a>" in html
    change_kent = reverse("admin:forces_force_change", args=[kent.pk])
    assert "Add the chief officer&#x27;s email address for Kent Police before issuing." in html
    assert f'href="{change_kent}">Add the email address for Kent Police</a>' in html

    letter_page = page(signatory_client, "letters:detail", letter.pk)
    assert "Issue and email letter" not in letter_page
    assert f'href="{change_kent}">Add the email address for Kent Police</a>' in letter_page
    assert Letter.objects.get(pk=letter.pk).state == Letter.State.APPROVED


def test_publishing_with_nothing_issued_links_to_the_letters_waiting(inspector_client, review):
    html = page(inspector_client, "publications:manage", review.pk)
    assert "Schedule publication" not in html
    assert "No issued letter is waiting to be published" in html
    approved = reverse("reviews:review-detail", args=[review.pk]) + "?status=approved"
    assert f'href="{approved}">See the review&#x27;s approved letters</a>' in html
    response = inspector_client.get(reverse("publications:schedule", args=[review.pk]))
    assert response["Location"] == reverse("publications:manage", args=[review.pk])


def test_opening_a_review_needs_a_signatory(inspector_client, db):
    recommendation = make_recommendation()
    html = page(inspector_client, "recommendations:detail", recommendation.pk)
    assert "no signatory has an account yet" in html
    assert "Open a review</a>" not in html
    response = inspector_client.get(reverse("reviews:review-create", args=[recommendation.pk]))
    assert response["Location"] == recommendation.get_absolute_url()

    User.objects.create_user("hmi", role=User.Role.SIGNATORY, password="x" * 20)
    assert "Open a review</a>" in page(inspector_client, "recommendations:detail", recommendation.pk)


def test_adding_a_recommendation_needs_a_report_and_a_topic(inspector_client, db):
    html = page(inspector_client, "recommendations:list")
    assert "Add a recommendation</a>" not in html
    assert f'href="{reverse("inspections:report-create")}">Add a report</a>' in html
    assert inspector_client.get(reverse("recommendations:create"))["Location"] == reverse("recommendations:list")

    report = InspectionReport.objects.create(
        title="PEEL 2016", programme="PEEL", published_on=datetime.date(2016, 12, 8)
    )
    html = page(inspector_client, "recommendations:list")
    assert f'href="{reverse("inspections:topic-create")}">Add a topic</a>' in html
    report_page = page(inspector_client, "inspections:report-detail", report.pk)
    assert "Add a cause of concern</a>" not in report_page
    assert f'href="{reverse("inspections:topic-create")}">Add a topic</a>' in report_page
    refused = inspector_client.get(reverse("inspections:cause-create", args=[report.pk]))
    assert refused["Location"] == report.get_absolute_url()

    Topic.objects.create(name="abuse of position")
    assert "Add a recommendation</a>" in page(inspector_client, "recommendations:list")
    assert "Add a cause of concern</a>" in page(inspector_client, "inspections:report-detail", report.pk)
