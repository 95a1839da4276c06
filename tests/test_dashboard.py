"""The staff dashboard: this user's work first, reviews summarised, past ones folded away; fixed query count."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core.documents import check_document
from forces.models import Force
from letters.services import letter_correct
from publications.services import letter_withdraw
from reviews.models import Submission
from reviews.services import create_submission
from tests.factories import make_review, pdf_bytes, upload
from tests.letter_helpers import add_letter_template, draft
from tests.publication_helpers import issued, publish


def submit(review, slug, by, days_before_deadline=1):
    received = review.submission_deadline - datetime.timedelta(days=days_before_deadline)
    return create_submission(
        review=review,
        force=Force.objects.get(slug=slug),
        by=by,
        channel=Submission.Channel.EMAIL,
        received_at=timezone.make_aware(datetime.datetime.combine(received, datetime.time(12))),
        documents=[check_document(upload("plan.pdf", pdf_bytes()))],
        covering_note="",
    )


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("reviews:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def section(html, heading, next_heading=None):
    start = html.index(f">{heading}</h2>")
    return html[start : html.index(f">{next_heading}</h2>", start)] if next_heading else html[start:]


@pytest.fixture
def busy(review, inspector, signatory):
    """A review with a submission to assess, a draft letter to approve and an approved letter to issue."""
    add_letter_template(review)
    submit(review, "gwent", inspector)
    drafted = draft(review, Force.objects.get(slug="kent"), inspector)
    approved = draft(review, Force.objects.get(slug="dorset"), inspector, approve=True)
    return {"drafted": drafted, "approved": approved}


def test_the_signatorys_work_comes_first_and_each_letter_is_linked(client, signatory, busy):
    html = dashboard(client, signatory)
    headings = re.findall(r'<h2 class="govuk-heading-l"[^>]*>([^<]+)</h2>', html)
    assert headings == [
        "Assessments to do",
        "Letters to approve",
        "Letters ready to issue",
        "Open reviews",
        "Reference data",
    ]
    assert "Gwent Police" in section(html, "Assessments to do", "Letters to approve")
    to_approve = section(html, "Letters to approve", "Letters ready to issue")
    assert f'href="{busy["drafted"].get_absolute_url()}">Letter to Kent Police</a>' in to_approve
    to_issue = section(html, "Letters ready to issue", "Open reviews")
    assert f'href="{busy["approved"].get_absolute_url()}">Letter to Dorset Police</a>' in to_issue
    assert "Kent Police" not in to_issue


def test_inspectors_who_cannot_issue_have_no_issue_queue(client, inspector, busy):
    html = dashboard(client, inspector)
    assert "Letters ready to issue" not in html
    assert "Letter to Kent Police" in section(html, "Letters to approve", "Open reviews")


def test_a_draft_is_not_in_the_approval_queue_of_its_last_editor(client, inspector, busy):
    html = dashboard(client, inspector)
    letters = section(html, "Letters to approve", "Open reviews")
    queue, own_drafts = letters.split(">Your drafts: someone else approves them</h3>")
    assert "Letter to Kent Police" not in queue
    assert "No draft letter is waiting for your approval." in queue
    assert "Letter to Kent Police" in own_drafts


def test_overdue_forces_are_counted_per_review_with_a_link(client, forces, signatory, inspector):
    late = make_review(signatory, slug="late", days_left=-3, forces=Force.objects.filter(slug__in=["kent", "gwent"]))
    submit(late, "gwent", inspector, days_before_deadline=0)
    html = dashboard(client, inspector)
    review_url = reverse("reviews:review-detail", args=[late.pk])
    assert f'<a class="govuk-link" href="{review_url}?overdue=1">1 force overdue</a>' in html
    assert "Kent Police" not in html  # counted, not listed
    assert "Gwent Police" in section(html, "Assessments to do", "Letters to approve")

    overdue = client.get(review_url, {"overdue": "1"}).content.decode()
    assert "1 of 2 forces, overdue" in overdue
    assert "Kent Police" in overdue and "Gwent Police" not in overdue


def test_past_reviews_are_folded_away(client, forces, review, merseyside, inspector, signatory):
    past = make_review(signatory, slug="past", days_left=-8, forces=[merseyside])
    add_letter_template(past)
    publish(past, [issued(past, merseyside, inspector, signatory)], inspector, timezone.now())
    html = dashboard(client, inspector)
    folded = html[html.index('<details class="govuk-details">') : html.index("</details>")]
    assert "Show the 1 past review" in folded
    assert past.title in folded
    assert review.title in section(html, "Open reviews", "Past reviews")
    assert review.title not in folded


def test_a_correction_waiting_for_approval_is_listed_after_publication(
    client, forces, merseyside, inspector, signatory
):
    past = make_review(signatory, slug="past", days_left=-8, forces=[merseyside])
    add_letter_template(past)
    letter = issued(past, merseyside, inspector, signatory)
    entry = publish(past, [letter], inspector, timezone.now()).letters.get()
    letter_withdraw(entry=entry, reason="Wrong outcome.", by=inspector)
    correction = letter_correct(letter=letter, by=inspector)
    to_approve = section(dashboard(client, inspector), "Letters to approve", "Open reviews")
    assert f'href="{correction.get_absolute_url()}">Letter to Merseyside Police</a> (version 2)' in to_approve


def test_the_demo_dashboard_is_short(client, forces, settings):
    """41 forces of the 2017 review sent nothing: they are a count on a folded review, not 41 rows."""
    from io import StringIO

    from django.core.management import call_command

    from accounts.models import User

    settings.DEBUG = True
    call_command("load_demo_data", stdout=StringIO())
    html = dashboard(client, User.objects.get(username="inspector"))
    assert html.count('<tr class="govuk-table__row">') == 0
    assert "41 forces overdue</a>" in html


# The same number of queries for 1 review or 4, of 2 forces or 43: the page never runs a query per row.
DASHBOARD_QUERIES = 17  # includes the reopenings of uploads, the reminders sent and the chasing letters


@pytest.mark.parametrize("review_count, force_count", [(1, 2), (4, 2), (1, 43), (4, 43)])
def test_dashboard_query_count_is_fixed(
    client, forces, signatory, inspector, django_assert_num_queries, review_count, force_count
):
    territorial = list(Force.objects.filter(kind="territorial")[:force_count])
    for index in range(review_count):
        review = make_review(signatory, slug=f"review-{index}", forces=territorial, days_left=-5 if index % 2 else 10)
        add_letter_template(review)
        submit(review, territorial[0].slug, inspector)
        draft(review, territorial[1], inspector)
        if force_count > 2:
            draft(review, territorial[2], inspector, approve=True)
    client.force_login(signatory)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        assert client.get(reverse("reviews:dashboard")).status_code == 200
