"""Letters beyond the access matrix's statuses: actions need a post, liaison officers see only their
own force's issued letters, one file name for a letter."""

import pytest
from django.urls import reverse

from core.files import file_read
from letters.models import BulkJob
from letters.services import letter_issue
from tests.letter_helpers import add_letter_template, draft

INSPECTORATE = {"inspector", "signatory"}


@pytest.fixture
def letters(review, cheshire, merseyside, inspector, signatory):
    add_letter_template(review)
    issued = letter_issue(letter=draft(review, cheshire, inspector, approve=True), by=signatory)
    drafted = draft(review, merseyside, inspector)
    job = BulkJob.objects.create(review=review, kind=BulkJob.Kind.DRAFT, started_by=inspector)
    judgement = review.elements.first().judgements.first()
    return {"issued": issued, "draft": drafted, "job": job, "review": review, "judgement": judgement}


def test_actions_need_a_post(client, inspector, letters):
    client.force_login(inspector)
    for name in ["letters:approve", "letters:correct", "letters:preview"]:  # issuing GETs its confirmation page
        assert client.get(reverse(name, args=[letters["draft"].pk])).status_code == 405


def test_liaison_officers_download_only_their_forces_issued_letters(persona, letters):
    issued = persona.get(reverse("letters:liaison-pdf", args=[letters["issued"].pk]))  # Cheshire's
    drafted = persona.get(reverse("letters:liaison-pdf", args=[letters["draft"].pk]))  # Merseyside's draft
    expected_issued = {"anonymous": 302, "inspector": 403, "signatory": 403, "merseyside_officer": 404}
    expected_draft = {"anonymous": 302, "inspector": 403, "signatory": 403}
    assert issued.status_code == expected_issued.get(persona.persona, 200)
    assert drafted.status_code == expected_draft.get(persona.persona, 404)
    if issued.status_code == 200:
        assert issued.getvalue() == file_read(letters["issued"].pdf)
        assert issued["Content-Type"] == "application/pdf"
        assert issued["Content-Disposition"].startswith("attachment;")


def test_liaison_review_page_lists_only_issued_letters(client, cheshire_officer, merseyside_officer, letters):
    url = reverse("reviews:liaison-review", args=[letters["review"].pk])
    client.force_login(cheshire_officer)
    assert reverse("letters:liaison-pdf", args=[letters["issued"].pk]) in client.get(url).content.decode()
    client.force_login(merseyside_officer)
    html = client.get(url).content.decode()
    assert "Letters issued to your force" not in html
    assert reverse("letters:liaison-pdf", args=[letters["draft"].pk]) not in html


def test_one_file_name_for_a_letter_wherever_it_goes(client, review, cheshire, inspector, signatory):
    add_letter_template(review)
    letter = draft(review, cheshire, inspector, approve=True)
    client.force_login(inspector)
    preview = client.get(reverse("letters:pdf", args=[letter.pk]))
    assert preview["Content-Disposition"] == 'inline; filename="draft-review-2017-cheshire-v1.pdf"'
    assert preview["Cache-Control"] == "private, no-store"
    issued = letter_issue(letter=letter, by=signatory)
    download = client.get(reverse("letters:pdf", args=[letter.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="review-2017-cheshire-v1.pdf"'
    assert issued.filename == "review-2017-cheshire-v1.pdf"
