"""Issue 13 in the browser: a letter names the office holders in office on its date."""

import datetime

from playwright.sync_api import expect

from forces.models import OfficeHolder
from forces.services import office_holder_save
from letters.services import letter_edit
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_review_journey import sign_in
from tests.factories import make_review
from tests.letter_helpers import add_letter_template, draft

D = datetime.date


def test_a_letter_names_the_holders_in_office_on_its_date(page, forces, merseyside, signatory, inspector):
    review = make_review(
        signatory, slug="holders-2017", request_date=D(2017, 5, 16), submission_deadline=D(2017, 5, 31)
    )
    add_letter_template(review)
    for office, name, start, end, fields in [
        ("chief_officer", "Andy Cooke", D(2016, 7, 1), D(2021, 4, 11), {"post_nominals": "QPM"}),
        ("pcc", "Jane Kennedy", D(2012, 11, 22), D(2021, 5, 12), {"area_name": "Merseyside"}),
        ("chief_officer", "Serena Kennedy", D(2021, 4, 12), None, {}),
    ]:
        office_holder_save(
            holder=OfficeHolder(force=merseyside, office=office, name=name, started_on=start, ended_on=end, **fields)
        )
    letter = draft(review, merseyside, inspector)
    letter_edit(letter=letter, heading=letter.heading, body=letter.body, letter_date=D(2017, 10, 2), by=inspector)
    sign_in(page, "inspector")
    page.goto(f"/manage/letters/{letter.pk}/")
    expect(page.get_by_text("Chief Constable Andy Cooke QPM")).to_be_visible()
    expect(page.get_by_text("Copied to: Jane Kennedy, Police and Crime Commissioner for Merseyside")).to_be_visible()
    expect(page.get_by_text("Dear Chief Constable", exact=True)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "letter-office-holders.png")
