"""The inspector dates a draft; the preview shows the date and issuing keeps it (or takes the issue day)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from letters.models import Letter
from letters.services import letter_approve, letter_issue
from tests.factories import make_review
from tests.letter_helpers import add_letter_template, draft, pdf_text


@pytest.fixture
def review_2017(forces, signatory):
    review = make_review(
        signatory,
        slug="review-2017-dated",
        request_date=datetime.date(2017, 5, 16),
        submission_deadline=datetime.date(2017, 5, 31),
    )
    add_letter_template(review)
    return review


@pytest.fixture
def letter(review_2017, cheshire, inspector):
    return draft(review_2017, cheshire, inspector)


def edit(client, letter, day="", month="", year="", **fields):
    data = {"heading": letter.heading, "body": letter.body, "letter_date_0": day, "letter_date_1": month}
    data["letter_date_2"] = year
    return client.post(reverse("letters:edit", args=[letter.pk]), {**data, **fields})


def test_a_2017_draft_is_dated_today_until_the_inspector_dates_it(letter, inspector, client):
    client.force_login(inspector)
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "Not chosen: the letter will be dated the day it is issued" in page
    assert f'<p class="govuk-body">{timezone.localdate():%-d %B %Y}</p>' in page  # the preview, if issued today


def test_the_edit_page_has_a_govuk_date_field(letter, inspector, client):
    client.force_login(inspector)
    page = " ".join(client.get(reverse("letters:edit", args=[letter.pk])).content.decode().split())
    assert '<legend class="govuk-fieldset__legend"> Letter date </legend>' in page
    assert '<div class="govuk-date-input" id="id_letter_date">' in page
    edit(client, letter, "2", "10", "2017")
    page = " ".join(client.get(reverse("letters:edit", args=[letter.pk])).content.decode().split())
    for part, value in [("letter_date_0", "2"), ("letter_date_1", "10"), ("letter_date_2", "2017")]:
        assert f'name="{part}" value="{value}"' in page


def test_the_chosen_date_is_saved_previewed_and_kept_when_issued(letter, inspector, signatory, client):
    client.force_login(inspector)
    response = edit(client, letter, "2", "10", "2017")
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.letter_date == datetime.date(2017, 10, 2)
    page = client.get(letter.get_absolute_url()).content.decode()
    assert '<p class="govuk-body">2 October 2017</p>' in page
    assert "2 October 2017" in pdf_text(client.get(reverse("letters:pdf", args=[letter.pk])).getvalue())
    letter_approve(letter=letter, by=signatory)
    issued = letter_issue(letter=letter, by=signatory)
    assert issued.letter_date == datetime.date(2017, 10, 2)
    assert issued.issued_at.date() == timezone.localdate()
    assert "2 October 2017" in pdf_text(issued.pdf)


def test_a_letter_without_a_chosen_date_is_dated_the_day_it_is_issued(letter, signatory):
    letter_approve(letter=letter, by=signatory)
    issued_at = timezone.make_aware(datetime.datetime(2017, 10, 4, 11, 0))
    assert letter_issue(letter=letter, by=signatory, at=issued_at).letter_date == datetime.date(2017, 10, 4)


@pytest.mark.parametrize(
    "day, month, year, message",
    [
        ("15", "5", "2017", "The letter date must be on or after the review&#x27;s request date, 16 May 2017"),
        ("31", "2", "2018", "Enter a real date"),
        ("1", "1", "2999", "Enter a year between 2000 and 2100"),
    ],
)
def test_implausible_dates_are_refused_and_nothing_changes(letter, inspector, client, day, month, year, message):
    client.force_login(inspector)
    before = Letter.objects.filter(pk=letter.pk).values().get()
    response = edit(client, letter, day, month, year, body="Changed text.")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Letter.objects.filter(pk=letter.pk).values().get() == before


def test_a_date_far_in_the_future_is_refused(letter, inspector, client):
    client.force_login(inspector)
    later = timezone.localdate() + datetime.timedelta(days=91)
    response = edit(client, letter, str(later.day), str(later.month), str(later.year))
    latest = timezone.localdate() + datetime.timedelta(days=90)
    assert f"The letter date must be no later than {latest:%-d %B %Y}" in response.content.decode()
    letter.refresh_from_db()
    assert letter.letter_date is None


def test_clearing_the_date_returns_to_the_issue_day(letter, inspector, client):
    client.force_login(inspector)
    edit(client, letter, "2", "10", "2017")
    edit(client, letter)
    letter.refresh_from_db()
    assert letter.letter_date is None
