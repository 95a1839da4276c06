"""The demo data holds the reference case, and loading it twice changes nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from inspections.models import Topic
from recommendations.models import Assessment, Document, Review, Submission
from recommendations.status import ForceStatus, review_rows, status_counts


@pytest.fixture
def demo(forces, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def test_demo_accounts_and_password_are_printed(demo, settings):
    assert settings.DEMO_PASSWORD in demo
    for username in ["inspector", "signatory", "merseyside", "cheshire"]:
        assert username in demo
        assert User.objects.get(username=username).check_password(settings.DEMO_PASSWORD)
    signatory = User.objects.get(username="signatory")
    assert signatory.signatory_name == "Michael Cunningham QPM"
    assert signatory.title_line_list == [
        "Her Majesty's Inspector of Constabulary",
        "Her Majesty's Inspector of Fire & Rescue Services",
    ]
    assert signatory.signature


def test_reference_case(demo):
    review = Review.objects.get(slug="abuse-of-position-2017")
    assert review.request_date == datetime.date(2017, 5, 16)
    assert review.submission_deadline == datetime.date(2017, 5, 31)
    assert review.lead_signatory.signatory_name == "Michael Cunningham QPM"
    assert review.contact_name == "John Young"
    assert review.recommendation.due_date == datetime.date(2017, 6, 8)
    assert review.recommendation.report.title == "PEEL: police legitimacy 2016"
    topic = review.recommendation.topic
    assert topic.name == "abuse of position for a sexual purpose"
    assert topic.former_name == "abuse of authority for sexual gain"
    assert topic.name_on(datetime.date(2016, 12, 8)) == "abuse of authority for sexual gain"
    assert Topic.objects.count() == 1
    assert review.elements.count() == 4
    assert review.outcome_categories.count() == 4
    rows = {row.force.slug: row for row in review_rows(review)}
    assert len(rows) == 43
    assert rows["merseyside"].assessment.outcome.name == "Already had all elements in place"
    assert rows["merseyside"].status == ForceStatus.PUBLISHED
    assert rows["cheshire"].first_received_on <= review.submission_deadline  # submitted on time
    assert rows["cheshire"].status == ForceStatus.LETTER_ISSUED  # issued on 2 October 2017, not published
    assert dict(status_counts(rows.values()))[ForceStatus.REQUESTED] == 41
    assert Document.objects.filter(submission__force__slug="merseyside").get().kind == "pdf"


def test_demonstration_review_is_open_for_30_days_and_marked(demo):
    review = Review.objects.get(is_demonstration=True)
    assert review.submission_deadline == timezone.localdate() + datetime.timedelta(days=30)
    assert review.title.startswith("Demonstration")


def test_loading_twice_changes_nothing(demo, settings):
    counts = [Review.objects.count(), Submission.objects.count(), Document.objects.count(), Assessment.objects.count()]
    call_command("load_demo_data", stdout=io.StringIO())
    assert [
        Review.objects.count(),
        Submission.objects.count(),
        Document.objects.count(),
        Assessment.objects.count(),
    ] == counts
