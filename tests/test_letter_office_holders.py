"""Letters name the office holders in office on their date, fall back to titles (and say so), and keep
what they printed once issued."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.files import file_read
from forces.models import OfficeHolder, holders_on
from forces.services import office_holder_save
from letters.models import Letter, LetterTemplate
from letters.presentation import issued_view
from letters.services import letter_approve, letter_edit, letter_issue
from tests.factories import make_review
from tests.letter_helpers import BODY, add_letter_template, draft, pdf_text

D = datetime.date
LETTER_DAY = D(2017, 10, 2)
NO_CHIEF = "No chief officer is recorded for 2 October 2017: the letter uses the title only."
NO_GOVERNANCE = (
    "No holder of the governance body is recorded for 2 October 2017: "
    "the &#x27;Copied to&#x27; line uses the title only."
)


def term(force, office, name, started_on, ended_on=None, **fields):
    return office_holder_save(
        holder=OfficeHolder(force=force, office=office, name=name, started_on=started_on, ended_on=ended_on, **fields)
    )


@pytest.fixture
def review_2017(forces, signatory):
    review = make_review(
        signatory, slug="holders-2017", request_date=D(2017, 5, 16), submission_deadline=D(2017, 5, 31)
    )
    add_letter_template(review)
    return review


@pytest.fixture
def holders_2017(merseyside):
    cooke = term(merseyside, "chief_officer", "Andy Cooke", D(2016, 7, 1), D(2021, 4, 11), post_nominals="QPM")
    kennedy = term(merseyside, "pcc", "Jane Kennedy", D(2012, 11, 22), D(2021, 5, 12), area_name="Merseyside")
    return cooke, kennedy


def dated(review, force, inspector, day=LETTER_DAY):
    letter = draft(review, force, inspector)
    return letter_edit(letter=letter, heading=letter.heading, body=letter.body, letter_date=day, by=inspector)


def text_lines(pdf):
    return [line.strip() for line in pdf_text(pdf).splitlines()]


def test_a_draft_names_the_holders_in_office_on_its_date(review_2017, merseyside, holders_2017, inspector, client):
    letter = dated(review_2017, merseyside, inspector)
    client.force_login(inspector)
    for url in (letter.get_absolute_url(), reverse("letters:edit", args=[letter.pk])):
        page = client.get(url).content.decode()
        assert "Chief Constable Andy Cooke QPM<br>Merseyside Police<br>Via email" in page
        assert "Copied to: Jane Kennedy, Police and Crime Commissioner for Merseyside" in page
        assert "Dear Chief Constable</p>" in page  # the greeting stays by title
        assert "is recorded for" not in page
    lines = text_lines(client.get(reverse("letters:pdf", args=[letter.pk])).content)
    start = lines.index("Chief Constable Andy Cooke QPM")
    assert lines[start : start + 3] == ["Chief Constable Andy Cooke QPM", "Merseyside Police", "Via email"]
    assert "Copied to: Jane Kennedy, Police and Crime Commissioner for Merseyside" in lines
    assert "Dear Chief Constable" in lines


def test_a_date_outside_every_term_falls_back_to_titles_and_the_draft_says_so(
    review_2017, merseyside, inspector, client
):
    term(merseyside, "chief_officer", "Serena Kennedy", D(2021, 4, 12), post_nominals="KPM")
    term(merseyside, "pcc", "Emily Spurrell", D(2021, 5, 13), area_name="Merseyside")
    letter = dated(review_2017, merseyside, inspector)
    client.force_login(inspector)
    for url in (letter.get_absolute_url(), reverse("letters:edit", args=[letter.pk])):
        page = client.get(url).content.decode()
        assert NO_CHIEF in page and NO_GOVERNANCE in page
        assert "Chief Constable<br>Merseyside Police<br>Via email" in page
        assert "Copied to: Police and Crime Commissioner</p>" in page
        assert "Serena Kennedy" not in page and "Spurrell" not in page
        assert reverse("inspections:force-office-holders", args=["merseyside"]) in page
    # Dated today, the same draft names today's holders.
    letter_edit(letter=letter, heading=letter.heading, body=letter.body, letter_date=None, by=inspector)
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "Chief Constable Serena Kennedy KPM<br>" in page
    assert "Copied to: Emily Spurrell, Police and Crime Commissioner for Merseyside" in page
    assert "is recorded for" not in page


def test_only_the_missing_holder_falls_back(review_2017, merseyside, holders_2017, inspector, client):
    cooke, kennedy = holders_2017
    kennedy.started_on = D(2018, 1, 1)
    office_holder_save(holder=kennedy)
    client.force_login(inspector)
    page = client.get(dated(review_2017, merseyside, inspector).get_absolute_url()).content.decode()
    assert "Chief Constable Andy Cooke QPM<br>" in page
    assert NO_GOVERNANCE in page and NO_CHIEF not in page


def test_a_template_that_addresses_by_title_ignores_the_holders_and_gives_no_notice(
    review_2017, merseyside, holders_2017, inspector, client
):
    template = LetterTemplate.objects.get(review=review_2017)
    template.names_office_holders = False
    template.save()
    letter = dated(review_2017, merseyside, inspector)
    client.force_login(inspector)
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "Chief Constable<br>Merseyside Police" in page and "Copied to: Police and Crime Commissioner</p>" in page
    assert "Andy Cooke" not in page and "is recorded for" not in page


def test_the_issued_letter_keeps_the_names_it_printed_after_a_holder_is_corrected(
    review_2017, merseyside, holders_2017, inspector, signatory, client
):
    letter = letter_issue(
        letter=letter_approve(letter=dated(review_2017, merseyside, inspector), by=signatory), by=signatory
    )
    assert letter.addressee_line == "Chief Constable Andy Cooke QPM"
    assert letter.copied_to_line == "Jane Kennedy, Police and Crime Commissioner for Merseyside"
    lines = text_lines(letter.pdf)
    assert "Chief Constable Andy Cooke QPM" in lines and "Dear Chief Constable" in lines
    assert "Copied to: Jane Kennedy, Police and Crime Commissioner for Merseyside" in lines
    pdf = file_read(letter.pdf)

    cooke, kennedy = holders_2017
    cooke.name, cooke.post_nominals = "Andrew Cooke", "QPM DL"
    office_holder_save(holder=cooke)
    kennedy.ended_on = D(2017, 1, 1)
    office_holder_save(holder=kennedy)

    letter = Letter.objects.get(pk=letter.pk)
    assert (letter.addressee_line, file_read(letter.pdf)) == ("Chief Constable Andy Cooke QPM", pdf)
    client.force_login(inspector)
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "Chief Constable Andy Cooke QPM<br>" in page and "Andrew" not in page
    assert "Copied to: Jane Kennedy, Police and Crime Commissioner for Merseyside" in page
    assert "is recorded for" not in page  # an issued letter is as it was: no notice
    assert client.get(reverse("letters:pdf", args=[letter.pk])).getvalue() == pdf


def test_a_letter_issued_before_the_lines_were_stored_shows_its_titles(
    review_2017, merseyside, holders_2017, inspector, signatory, client
):
    """Letters issued before this change have no stored lines: they printed the titles, and show them."""
    letter = letter_issue(letter=draft(review_2017, merseyside, inspector, approve=True), by=signatory)
    letter.addressee_line = letter.copied_to_line = None
    view = issued_view(letter)
    assert (view.addressee_line, view.copied_to_line) == ("Chief Constable", "Police and Crime Commissioner")


def test_placeholders_name_the_holders_when_the_letter_is_drafted(review, merseyside, inspector):
    body = (
        BODY
        + "\n\nWe have copied this letter to $governance_holder_name, $governance_holder_title. $chief_officer_name"
    )
    add_letter_template(review, body=body)
    term(merseyside, "chief_officer", "Serena Kennedy", D(2021, 4, 12), post_nominals="KPM")
    term(merseyside, "pcc", "Emily Spurrell", D(2021, 5, 13), area_name="Merseyside")
    letter = draft(review, merseyside, inspector)
    assert letter.body.endswith(
        "We have copied this letter to Emily Spurrell, Police and Crime Commissioner for Merseyside. Serena Kennedy KPM"
    )


def test_placeholders_fall_back_to_titles(review, cheshire, inspector):
    add_letter_template(
        review, body=BODY + "\n\n$chief_officer_name; $governance_holder_name; $governance_holder_title"
    )
    assert draft(review, cheshire, inspector).body.endswith(
        "Chief Constable; Police and Crime Commissioner; Police and Crime Commissioner"
    )


def test_the_template_page_lists_the_new_placeholders_and_the_choice(review, inspector, client):
    add_letter_template(review)
    client.force_login(inspector)
    page = client.get(reverse("letters:template", args=[review.pk])).content.decode()
    for name in ("$chief_officer_name", "$governance_holder_name", "$governance_holder_title"):
        assert name in page
    assert 'name="names_office_holders"' in page


def test_a_hostile_name_is_escaped_in_the_preview_and_printed_literally(review_2017, merseyside, inspector, client):
    hostile = '<script>alert("x")</script>'
    term(merseyside, "chief_officer", hostile, D(2016, 7, 1))
    term(merseyside, "pcc", "<b>Jane</b>", D(2012, 11, 22), area_name="<i>Merseyside</i>")
    letter = dated(review_2017, merseyside, inspector)
    client.force_login(inspector)
    for url in (letter.get_absolute_url(), reverse("letters:edit", args=[letter.pk])):
        page = client.get(url).content.decode()
        assert hostile not in page and "<b>Jane" not in page
        assert "Chief Constable &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>" in page
        assert (
            "Copied to: &lt;b&gt;Jane&lt;/b&gt;, Police and Crime Commissioner for &lt;i&gt;Merseyside&lt;/i&gt;"
            in page
        )
    text = pdf_text(client.get(reverse("letters:pdf", args=[letter.pk])).getvalue())
    assert hostile in text


def test_the_demo_records_merseysides_holders_and_its_2017_letter_keeps_to_titles(forces, settings):
    settings.DEBUG = True
    for _ in range(2):  # loading twice adds nothing
        call_command("load_demo_data", stdout=io.StringIO())
    merseyside = forces.get(slug="merseyside")
    assert OfficeHolder.objects.filter(force=merseyside).count() == 5
    in_2017 = holders_on(merseyside, LETTER_DAY)
    assert str(in_2017.chief_officer) == "Andy Cooke QPM, Chief Constable"
    assert str(in_2017.governance) == "Jane Kennedy, Police and Crime Commissioner for Merseyside"
    today = holders_on(merseyside, timezone.localdate())
    assert (today.chief_officer.name, today.governance.name) == ("Rob Carden", "Emily Spurrell")
    letter = Letter.objects.get(force=merseyside, state=Letter.State.ISSUED)
    assert (letter.addressee_line, letter.copied_to_line) == ("Chief Constable", "Police and Crime Commissioner")
