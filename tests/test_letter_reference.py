"""The reference case: Merseyside's issued letter says what the real letter of 2 October 2017 says."""

import difflib
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts.models import User
from core.files import file_read
from letters.models import Letter
from tests.letter_helpers import pdf_reader, pdf_text, structure_types

REFERENCE = Path(__file__).resolve().parent / "data" / "letter-merseyside-2017-10-02.txt"
QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def words(text):
    return re.sub(r"[*]", "", text.translate(QUOTES)).split()


def reference_words():
    lines = REFERENCE.read_text().splitlines()
    kept = [line for line in lines if not line.startswith("A handwritten signature")]
    return words("\n".join(kept))


def letter_words(pdf_bytes, inspectorate_name):
    text = pdf_text(pdf_bytes)
    text = re.sub(r"Page \d+ of \d+", "", text)
    text = text.replace(inspectorate_name, "", 1)  # the letterhead
    return words(text)


@pytest.fixture
def merseyside_letter(forces, settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    return Letter.objects.get(force__slug="merseyside", state=Letter.State.ISSUED)


def test_issued_letter_says_what_the_reference_letter_says(merseyside_letter):
    ours = letter_words(merseyside_letter.pdf, "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services")
    theirs = reference_words()
    ratio = difflib.SequenceMatcher(a=theirs, b=ours, autojunk=False).ratio()
    assert ratio >= 0.98, "\n".join(difflib.unified_diff(theirs, ours, lineterm="", n=1))


def test_layout_facts(merseyside_letter):
    text = pdf_text(merseyside_letter.pdf)
    lines = [line.strip() for line in text.splitlines()]
    assert lines[0] == "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services"  # in 2017
    start = lines.index("Chief Constable")
    assert lines[start : start + 3] == ["Chief Constable", "Merseyside Police", "Via email"]
    assert "Copied to: Police and Crime Commissioner" in lines
    assert "2 October 2017" in lines
    assert "Dear Chief Constable" in lines
    assert "HMICFRS assessment: Abuse of position for a sexual purpose" in lines
    sign_off = lines.index("Yours sincerely")
    assert lines[sign_off + 1 : sign_off + 4] == [
        "Michael Cunningham QPM",
        "Her Majesty's Inspector of Constabulary",
        "Her Majesty's Inspector of Fire & Rescue Services",
    ]
    assert lines.index("Dear Chief Constable") < lines.index("2 October 2017") + 2


def test_pdf_is_one_or_two_a4_pages_tagged_titled_with_embedded_fonts(merseyside_letter):
    reader = pdf_reader(merseyside_letter.pdf)
    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title.startswith("HMICFRS assessment: Abuse of position for a sexual purpose")
    assert {"H1", "P", "BlockQuote", "Figure"} <= structure_types(merseyside_letter.pdf)
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            fonts.append((str(descriptor["/FontName"]), "/FontFile2" in descriptor))
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert any("Letter-Sans" in name for name, _ in fonts)


def test_quotation_is_the_recommendation_and_sign_off_follows_the_last_paragraph(merseyside_letter):
    text = " ".join(pdf_text(merseyside_letter.pdf).split())
    assert "following recommendation: To address this cause of concern, we recommend that within six months" in text
    assert "or on 07802 948502. Yours sincerely Michael Cunningham QPM" in text


def test_stored_bytes_match_their_hash_and_are_never_rendered_again(merseyside_letter, client, monkeypatch):
    assert merseyside_letter.pdf_matches()
    monkeypatch.setattr("letters.views.render_pdf", lambda context: pytest.fail("an issued letter was rendered again"))
    client.force_login(User.objects.get(username="inspector"))
    response = client.get(f"/manage/letters/{merseyside_letter.pk}/letter.pdf")
    assert response.getvalue() == file_read(merseyside_letter.pdf)
    assert response["Content-Disposition"].startswith("attachment;")
