"""The demo data holds the reference case, and loading it twice changes nothing."""

import datetime
import io
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from inspections.models import Topic
from letters.models import Letter
from letters.services import letter_approve, letter_issue
from reviews.models import Assessment, Document, Review, Submission
from reviews.status import ForceStatus, review_rows, status_counts
from tests.factories import pdf_bytes, upload
from tests.publication_helpers import publish


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


def test_demonstration_review_ships_with_its_letter_template_sentences_and_paragraphs(demo):
    review = Review.objects.get(is_demonstration=True)
    assert "$outcome_paragraph $element_sentences" in review.letter_template.body
    assert all(outcome.letter_paragraph for outcome in review.outcome_categories.all())
    assert all(judgement.letter_sentence for element in review.elements.all() for judgement in element.judgements.all())


def test_a_newcomer_goes_from_upload_to_a_published_letter(demo, client, django_capture_on_commit_callbacks):
    """The journey the README describes, in the demonstration review, with the demo's own accounts."""
    review = Review.objects.get(is_demonstration=True)
    users = {user.username: user for user in User.objects.all()}
    client.force_login(users["cheshire"])
    upload_page = reverse("reviews:liaison-review", args=[review.pk])
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            upload_page, {"documents": [upload("Cheshire plan.pdf", pdf_bytes())], "form_token": str(uuid.uuid4())}
        )
    assert sent.status_code == 302

    client.force_login(users["inspector"])
    data = {f"element_{element.pk}": element.judgements.first().pk for element in review.elements.all()}
    data["outcome"] = review.outcome_categories.get(name="Review under way").pk
    client.post(reverse("reviews:assessment", args=[review.pk, "cheshire"]), data)
    force_page = client.get(reverse("reviews:force-in-review", args=[review.pk, "cheshire"])).content.decode()
    assert "Draft the letter</button>" in force_page
    drafted = client.post(reverse("letters:create", args=[review.pk, "cheshire"]))
    letter = Letter.objects.get(review=review)
    assert drafted["Location"] == letter.get_absolute_url()
    assert "Your force's retrospective review is under way." in letter.body
    # Both elements judged 'Already commenced': one sentence names them both.
    assert (
        "Work on a retrospective review of allegations and referring cases to the IPCC has already started."
        in letter.body
    )

    letter_approve(letter=letter, by=users["signatory"])
    with django_capture_on_commit_callbacks(execute=True):
        letter = letter_issue(letter=letter, by=users["signatory"])
    publish(review, [letter], users["inspector"], timezone.now(), overview_title="")
    client.logout()
    public = client.get(reverse("publications:letter", args=[review.slug, "cheshire"]))
    assert public.status_code == 200
    assert "retrospective review is under way" in public.content.decode()


def test_the_readme_tells_the_demo_as_it_is(demo):
    """The README says where Cheshire's 2017 letter stands; the data must agree."""
    readme = " ".join((Path(__file__).resolve().parents[1] / "README.md").read_text().split())
    assert "Cheshire's letter, issued on 2 October 2017 and not yet published" in readme
    rows = {row.force.slug: row for row in review_rows(Review.objects.get(slug="abuse-of-position-2017"))}
    assert rows["cheshire"].status == ForceStatus.LETTER_ISSUED
    assert rows["cheshire"].letter.approved_by != rows["cheshire"].letter.drafted_by


def test_the_register_follows_the_2017_reviews_outcomes(demo, client):
    from recommendations.models import RegisterEntry

    review = Review.objects.get(slug="abuse-of-position-2017")
    entries = {entry.force.slug: entry for entry in RegisterEntry.objects.filter(recommendation=review.recommendation)}
    assert len(entries) == 43
    merseyside, cheshire = entries["merseyside"], entries["cheshire"]
    assert (merseyside.status, merseyside.status_since) == ("verified", datetime.date(2017, 10, 2))
    assert (cheshire.status, cheshire.status_since) == ("progressed", datetime.date(2017, 10, 2))
    assert {entry.status for slug, entry in entries.items() if slug not in ("merseyside", "cheshire")} == {"awaiting"}
    from tests.conftest import VerifiedClient

    staff = VerifiedClient()
    staff.force_login(User.objects.get(username="inspector"))
    url = reverse("recommendations:force-register", args=[review.recommendation.pk, "merseyside"])
    timeline = staff.get(url).content.decode().split('class="govuk-list app-timeline"')[1]
    assert "Assessment letter issued" in timeline and "Status: Complete (verified)" in timeline
    officer = User.objects.get(username="merseyside")
    client.force_login(officer)
    page = client.get(reverse("recommendations:liaison-recommendation", args=[review.recommendation.reference]))
    assert "Assessment letter issued" in page.content.decode()


def test_a_newcomer_confirms_the_register_change_a_demonstration_assessment_proposes(demo, client):
    from recommendations.models import RegisterEntry
    from tests.conftest import VerifiedClient

    inspector = User.objects.get(username="inspector")
    staff = VerifiedClient()
    staff.force_login(inspector)
    demonstration = Review.objects.get(slug="demonstration-review")
    elements = list(demonstration.elements.all())
    complete = demonstration.outcome_categories.get(name="Review complete")
    posted = {f"element_{element.pk}": element.judgements.first().pk for element in elements}
    staff.post(reverse("reviews:assessment", args=[demonstration.pk, "kent"]), {**posted, "outcome": complete.pk})
    page = staff.get(reverse("reviews:force-in-review", args=[demonstration.pk, "kent"])).content.decode()
    assert "proposes that the register record this recommendation at Kent Police as" in page
    link = next(part.split('"')[0] for part in page.split('href="') if "register/kent/" in part.split('"')[0]).replace(
        "&amp;", "&"
    )
    form_page = staff.get(link).content.decode()
    assert "The review&#x27;s assessment: Review complete." in form_page
    today = timezone.localdate()
    staff.post(
        link.split("?")[0],
        {
            "status": "verified",
            "changed_on_0": today.day,
            "changed_on_1": today.month,
            "changed_on_2": today.year,
            "reason": "The review's assessment: Review complete.",
            "evidence": "The demonstration review's assessment.",
        },
    )
    entry = RegisterEntry.objects.get(recommendation=demonstration.recommendation, force__slug="kent")
    assert entry.status == "verified"
    assert (
        "proposes"
        not in staff.get(reverse("reviews:force-in-review", args=[demonstration.pk, "kent"])).content.decode()
    )
