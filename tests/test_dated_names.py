"""Names in the form in force on the letter's date: 'Her Majesty's' until 7 September 2022, 'His' from the 8th."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from letters.dated_names import as_on, inspectorate_name_on, style_on
from letters.services import letter_approve, letter_edit, letter_issue
from tests.factories import make_review
from tests.letter_helpers import add_letter_template, draft, pdf_text
from tests.publication_helpers import publish

HER = "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services"
HIS = "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services"


def test_the_style_changed_on_8_september_2022():
    assert style_on(datetime.date(2017, 10, 2)) == "Her Majesty's"
    assert style_on(datetime.date(2022, 9, 7)) == "Her Majesty's"
    assert style_on(datetime.date(2022, 9, 8)) == "His Majesty's"
    assert inspectorate_name_on(datetime.date(2017, 10, 2)) == HER
    assert inspectorate_name_on(datetime.date(2024, 1, 1)) == HIS


def test_titles_take_the_style_of_the_day_and_nothing_else_changes():
    day_2017, day_2024 = datetime.date(2017, 10, 2), datetime.date(2024, 1, 1)
    assert as_on("His Majesty's Inspector of Constabulary", day_2017) == "Her Majesty's Inspector of Constabulary"
    assert as_on("Her Majesty’s Inspector", day_2024) == "His Majesty’s Inspector"  # a typographic apostrophe
    assert as_on("Chief Inspector of Constabulary", day_2017) == "Chief Inspector of Constabulary"
    assert as_on("Other Majesty's", day_2017) == "Other Majesty's"


def test_the_name_stays_configurable(settings):
    settings.INSPECTORATE_NAME = "His Majesty's Inspectorate of Constabulary in Scotland"
    assert inspectorate_name_on(datetime.date(2017, 1, 1)) == "Her Majesty's Inspectorate of Constabulary in Scotland"
    settings.INSPECTORATE_NAME = "Inspectorate of Policing"
    assert inspectorate_name_on(datetime.date(2017, 1, 1)) == "Inspectorate of Policing"


@pytest.fixture
def review_2017(forces, signatory):
    review = make_review(
        signatory,
        slug="dated-2017",
        request_date=datetime.date(2017, 5, 16),
        submission_deadline=datetime.date(2017, 5, 31),
    )
    add_letter_template(review)
    return review


def dated_letter(review, force, inspector, signatory, day):
    letter = draft(review, force, inspector)
    letter_edit(letter=letter, heading=letter.heading, body=letter.body, letter_date=day, by=inspector)
    return letter_approve(letter=letter, by=signatory)


def test_a_2017_letter_comes_from_her_majestys_inspectorate_and_is_signed_her_majestys_inspector(
    review_2017, cheshire, inspector, signatory
):
    letter = dated_letter(review_2017, cheshire, inspector, signatory, datetime.date(2017, 10, 2))
    issued = letter_issue(letter=letter, by=signatory)
    assert issued.inspectorate_name == HER
    assert issued.signatory_titles.splitlines() == [
        "Her Majesty's Inspector of Constabulary",
        "Her Majesty's Inspector of Fire & Rescue Services",
    ]
    lines = [line.strip() for line in pdf_text(issued.pdf).splitlines()]
    assert lines[0] == HER
    assert "His Majesty" not in " ".join(lines)


def test_a_letter_issued_today_uses_his_majestys_whatever_the_stored_titles_say(review, cheshire, inspector, signatory):
    add_letter_template(review)
    assert signatory.title_lines.startswith("Her Majesty's Inspector")  # as stored on the user
    issued = letter_issue(letter=draft(review, cheshire, inspector, approve=True), by=signatory)
    assert issued.inspectorate_name == HIS
    assert issued.signatory_titles.splitlines()[0] == "His Majesty's Inspector of Constabulary"
    assert "Her Majesty" not in pdf_text(issued.pdf)


def test_a_drafts_preview_uses_the_names_of_its_date(review_2017, cheshire, inspector, signatory, client):
    letter = dated_letter(review_2017, cheshire, inspector, signatory, datetime.date(2017, 10, 2))
    client.force_login(inspector)
    page = client.get(letter.get_absolute_url()).content.decode()
    assert f'<p class="app-letter__letterhead">{escape(HER)}</p>' in page
    assert "Her Majesty&#x27;s Inspector of Constabulary" in page
    text = pdf_text(client.get(reverse("letters:pdf", args=[letter.pk])).content)
    assert HER in text and "His Majesty" not in text


def test_the_overview_carries_the_name_in_force_when_it_was_published(
    review_2017, cheshire, merseyside, inspector, signatory, client
):
    letter = letter_issue(
        letter=dated_letter(review_2017, cheshire, inspector, signatory, datetime.date(2017, 10, 2)), by=signatory
    )
    publish(review_2017, [letter], inspector, timezone.make_aware(datetime.datetime(2017, 10, 5, 9, 30)))
    page = client.get(reverse("publications:review", args=[review_2017.slug])).content.decode()
    assert f"Published by {escape(HER)} on 5 October 2017" in page
    pdf = client.get(reverse("publications:overview-pdf", args=[review_2017.slug])).getvalue()
    assert pdf_text(pdf).splitlines()[0] == HER
    assert "Published 5 October 2017" in pdf_text(pdf)


def test_an_overview_published_after_september_2022_says_his_majestys(review, cheshire, inspector, signatory, client):
    add_letter_template(review)
    letter = letter_issue(letter=draft(review, cheshire, inspector, approve=True), by=signatory)
    publish(review, [letter], inspector, timezone.now() - datetime.timedelta(minutes=5))
    page = client.get(reverse("publications:review", args=[review.slug])).content.decode()
    assert "Published by His Majesty&#x27;s Inspectorate" in page
    pdf = client.get(reverse("publications:overview-pdf", args=[review.slug])).getvalue()
    assert pdf_text(pdf).splitlines()[0] == HIS


def test_the_public_letter_page_shows_the_name_of_the_letters_date(review_2017, cheshire, inspector, signatory, client):
    letter = letter_issue(
        letter=dated_letter(review_2017, cheshire, inspector, signatory, datetime.date(2017, 10, 2)), by=signatory
    )
    publish(review_2017, [letter], inspector, timezone.make_aware(datetime.datetime(2017, 10, 5, 9, 30)))
    page = client.get(reverse("publications:letter", args=[review_2017.slug, "cheshire"])).content.decode()
    letter_html = page.split('<article class="app-letter"', 1)[1].split("</article>")[0]
    assert "Her Majesty&#x27;s Inspectorate of Constabulary" in letter_html
    assert "Her Majesty&#x27;s Inspector of Constabulary" in letter_html
    assert "His Majesty" not in letter_html
