"""Two people saving the same thing at once: the second gets a form error or a message, never a 500,
and the database keeps one row. Here the other request's row is made just after this form's checks
passed and before it saves (the window a real race uses); tests/test_concurrent_forms.py races real
threads on PostgreSQL."""

import pytest
from django.urls import reverse

from inspections.forms import TopicForm, TopicRenameForm
from inspections.models import Topic
from letters.forms import LetterTemplateForm
from letters.models import Letter, LetterTemplate
from outbox.models import Delivery
from recommendations.forms import RecommendationForm
from recommendations.models import Recommendation
from reviews.forms import ElementForm, OutcomeCategoryForm, ReviewOpenForm
from reviews.models import AssessmentElement, OutcomeCategory, Review
from tests.factories import make_recommendation
from tests.letter_helpers import add_letter_template, assess
from tests.test_hostile_inputs import review_data


@pytest.fixture
def inspector_client(client, inspector):
    client.force_login(inspector)
    return client


@pytest.fixture
def saved_elsewhere_after_checks(monkeypatch):
    """Make `competitor` run once, right after the form's checks have passed: another request's save."""

    def arrange(form_class, competitor):
        real_is_valid = form_class.is_valid
        done = []

        def is_valid(form):
            valid = real_is_valid(form)
            if valid and not done:
                done.append(competitor())
            return valid

        monkeypatch.setattr(form_class, "is_valid", is_valid)
        return done

    return arrange


def assert_form_error(response, message):
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and message in html


def test_adding_a_topic_someone_has_just_added(inspector_client, saved_elsewhere_after_checks):
    saved_elsewhere_after_checks(TopicForm, lambda: Topic.objects.create(name="Vetting"))
    response = inspector_client.post(reverse("inspections:topic-create"), {"name": "Vetting"})
    assert_form_error(response, "Topic with this Name already exists")
    assert Topic.objects.filter(name="Vetting").count() == 1


def test_renaming_a_topic_to_a_name_just_taken(inspector_client, saved_elsewhere_after_checks):
    topic = Topic.objects.create(name="Abuse of authority for sexual gain")
    saved_elsewhere_after_checks(TopicRenameForm, lambda: Topic.objects.create(name="Abuse of position"))
    response = inspector_client.post(
        reverse("inspections:topic-rename", args=[topic.pk]),
        {
            "new_name": "Abuse of position",
            "renamed_on_0": "1",
            "renamed_on_1": "4",
            "renamed_on_2": "2017",
            "reason": "National strategy",
        },
    )
    assert_form_error(response, "Another topic already has this name")
    topic.refresh_from_db()
    assert topic.name == "Abuse of authority for sexual gain" and not topic.renames.exists()


def test_adding_a_recommendation_whose_reference_was_just_taken(inspector_client, forces, saved_elsewhere_after_checks):
    existing = make_recommendation(reference="peel-2016-r1")
    data = {
        "reference": "peel-2016-r2",
        "report": existing.report_id,
        "topic": existing.topic_id,
        "text": "Do it.",
        "kind": "recommendation",
        "timescale": "months",
        "timescale_months": "3",
        "applies_to_all_territorial_forces": "on",
    }

    def competitor():
        return Recommendation.objects.create(
            reference="peel-2016-r2",
            report=existing.report,
            topic=existing.topic,
            text="Theirs.",
            timescale="months",
            timescale_months=6,
        )

    saved_elsewhere_after_checks(RecommendationForm, competitor)
    response = inspector_client.post(reverse("recommendations:create"), data)
    assert_form_error(response, "Recommendation with this Reference already exists")
    assert Recommendation.objects.get(reference="peel-2016-r2").text == "Theirs."


def test_opening_a_review_whose_link_name_was_just_taken(
    inspector_client, signatory, forces, saved_elsewhere_after_checks
):
    recommendation = make_recommendation()
    competitor = Review(recommendation=recommendation, slug="a-review", lead_signatory=signatory, title="Theirs")
    competitor.request_date = competitor.submission_deadline = recommendation.report.published_on
    saved_elsewhere_after_checks(ReviewOpenForm, competitor.save)
    response = inspector_client.post(reverse("reviews:review-create", args=[recommendation.pk]), review_data(signatory))
    assert_form_error(response, "Another review already uses this link name")
    assert Review.objects.get(slug="a-review").title == "Theirs"
    assert not Delivery.objects.exists()  # no force was emailed about a review that was not opened


def test_adding_an_element_or_outcome_whose_name_was_just_taken(inspector_client, review, saved_elsewhere_after_checks):
    saved_elsewhere_after_checks(
        ElementForm, lambda: AssessmentElement.objects.create(review=review, name="Vetting", position=5)
    )
    response = inspector_client.post(
        reverse("reviews:element-create", args=[review.pk]),
        {"name": "Vetting", "position": "3", "judgements": "Started\nPlanned"},
    )
    assert_form_error(response, "This review already has an element with this name")
    assert review.elements.get(name="Vetting").judgements.count() == 0

    saved_elsewhere_after_checks(
        OutcomeCategoryForm, lambda: OutcomeCategory.objects.create(review=review, name="Partly", position=5)
    )
    response = inspector_client.post(
        reverse("reviews:outcome-create", args=[review.pk]), {"name": "Partly", "position": "3"}
    )
    assert_form_error(response, "This review already has an outcome category with this name")
    assert review.outcome_categories.filter(name="Partly").count() == 1


def test_two_inspectors_writing_the_first_letter_template(inspector_client, review, saved_elsewhere_after_checks):
    saved_elsewhere_after_checks(
        LetterTemplateForm, lambda: LetterTemplate.objects.create(review=review, body="Theirs")
    )
    url = reverse("letters:template", args=[review.pk])
    response = inspector_client.post(url, {"heading": "Mine", "body": "Dear $force_name"})
    assert_form_error(response, "Another inspector saved a letter template for this review at the same moment")
    assert LetterTemplate.objects.get(review=review).body == "Theirs"
    # Saving again replaces theirs, as the message says.
    assert inspector_client.post(url, {"heading": "Mine", "body": "Dear $force_name"}).status_code == 302
    assert LetterTemplate.objects.get(review=review).body == "Dear $force_name"


def test_drafting_a_letter_someone_has_just_drafted(inspector_client, review, cheshire, inspector, monkeypatch):
    add_letter_template(review)
    assessment = assess(review, cheshire, inspector)
    from letters import services

    real_compose = services.compose

    def compose_while_another_drafts(*args):
        heading, body = real_compose(*args)
        Letter.objects.create(
            assessment=assessment, review=review, force=cheshire, heading=heading, body=body, drafted_by=inspector
        )
        return heading, body

    monkeypatch.setattr(services, "compose", compose_while_another_drafts)
    response = inspector_client.post(reverse("letters:create", args=[review.pk, "cheshire"]), follow=True)
    assert response.status_code == 200
    assert "Cheshire Constabulary already has a letter." in response.content.decode()
    assert Letter.objects.filter(assessment=assessment).count() == 1
