"""No letter can exhaust the server: size limits with GOV.UK messages, PDFs made in a render process
with a time and a memory limit, and long strings that wrap inside the page."""

import io
import re
import subprocess
import time

import pytest
from django.urls import reverse
from PIL import Image

from letters.limits import LETTER_CHARACTERS, LETTER_PARAGRAPHS, PASSAGE_CHARACTERS, TEMPLATE_CHARACTERS
from letters.models import Letter, LetterTemplate
from letters.pdf import render_pdf, signature_data_url
from letters.pdf_engine import PdfNotMade, engine
from letters.presentation import letter_view
from letters.services import letter_draft, letter_issue
from tests.letter_helpers import add_letter_template, assess, confirm, draft, pdf_text

A4_WIDTH_POINTS = 595.3


@pytest.fixture
def fresh_engine():
    """A render process started under the test's settings, and a normal one after it."""
    engine.stop()
    yield engine
    engine.stop()


def edit(client, letter, body):
    return client.post(
        reverse("letters:edit", args=[letter.pk]), {"heading": letter.heading, "body": body, "letter_date": ""}
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("x" * (LETTER_CHARACTERS + 1), "The letter text must be 20,000 characters or fewer"),
        ("y" * 5_001, "Each paragraph must be 5,000 characters or fewer (the longest has 5,001)"),
        ("\n\n".join(["A short paragraph."] * (LETTER_PARAGRAPHS + 1)), "must have 100 paragraphs or fewer"),
        ("*a* " * 101, "100 passages in italics or fewer"),
    ],
)
def test_a_letter_beyond_the_limits_is_refused_and_kept_as_it_was(client, review, cheshire, inspector, body, message):
    add_letter_template(review)
    letter = draft(review, cheshire, inspector)
    client.force_login(inspector)
    response = edit(client, letter, body)
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert message in response.content.decode()
    assert Letter.objects.get(pk=letter.pk).body == letter.body


def test_templates_sentences_and_paragraphs_have_limits(client, review, inspector):
    add_letter_template(review)
    client.force_login(inspector)
    template = LetterTemplate.objects.get(review=review)
    response = client.post(
        reverse("letters:template", args=[review.pk]),
        {"heading": template.heading, "body": "$outcome_paragraph " + "x" * TEMPLATE_CHARACTERS},
    )
    assert "The standard text must be 10,000 characters or fewer" in response.content.decode()
    assert LetterTemplate.objects.get(review=review).body == template.body
    judgement = review.elements.first().judgements.first()
    response = client.post(
        reverse("letters:sentence", args=[judgement.pk]), {"letter_sentence": "y" * (PASSAGE_CHARACTERS + 1)}
    )
    assert "The sentence must be 2,000 characters or fewer" in response.content.decode()
    outcome = review.outcome_categories.first()
    response = client.post(
        reverse("letters:paragraph", args=[outcome.pk]), {"letter_paragraph": "z" * (PASSAGE_CHARACTERS + 1)}
    )
    assert "The paragraph must be 2,000 characters or fewer" in response.content.decode()


def test_a_composed_letter_beyond_the_limits_is_not_drafted(review, cheshire, inspector):
    add_letter_template(review, body="\n\n".join(["Paragraph."] * 150) + "\n\n$outcome_paragraph")
    assess(review, cheshire, inspector)
    with pytest.raises(Exception, match="too long: shorten the template"):
        letter_draft(review=review, force=cheshire, by=inspector)
    assert not Letter.objects.exists()


def test_a_render_beyond_the_time_limit_is_stopped_and_reported(
    client, review, cheshire, inspector, signatory, settings, fresh_engine
):
    add_letter_template(review)
    letter = draft(review, cheshire, inspector, approve=True)
    settings.PDF_RENDER_SECONDS = 0
    client.force_login(inspector)
    started = time.monotonic()
    response = client.get(reverse("letters:pdf", args=[letter.pk]), follow=True)
    assert time.monotonic() - started < 35  # bounded: the start of a render process and the limit
    assert "The PDF could not be made in 0 seconds" in response.content.decode()
    client.force_login(signatory)
    response = confirm(client, reverse("letters:issue", args=[letter.pk]), follow=True)
    assert "The PDF could not be made" in response.content.decode()
    assert Letter.objects.get(pk=letter.pk).state == Letter.State.APPROVED  # nothing issued, nothing sent
    settings.PDF_RENDER_SECONDS = 10
    assert letter_issue(letter=letter, by=signatory).state == Letter.State.ISSUED  # a fresh process serves


def large_image_page():
    """A page whose small PNG (an image of 4,000 by 4,000 white pixels) takes 64 MB to decode."""
    image = io.BytesIO()
    Image.new("RGBA", (4000, 4000), "white").save(image, "PNG")
    source = signature_data_url(image.getvalue())
    return f"<html lang='en-GB'><head><title>Image</title></head><body><img src='{source}' alt=''></body></html>"


def test_a_render_beyond_the_memory_limit_fails_in_its_own_process(review, cheshire, inspector, settings, fresh_engine):
    add_letter_template(review)
    letter = draft(review, cheshire, inspector)
    settings.PDF_RENDER_MEMORY_MB = 32
    with pytest.raises(PdfNotMade, match="memory limit|render process stopped"):
        engine.render(large_image_page())
    assert render_pdf({"letter": letter_view(letter)}).startswith(b"%PDF")  # a new render process, same limit
    engine.stop()
    settings.PDF_RENDER_MEMORY_MB = 512
    assert engine.render(large_image_page()).startswith(b"%PDF")  # the same page, given the memory


def test_a_long_address_wraps_inside_the_page(review, cheshire, inspector, tmp_path):
    add_letter_template(review)
    letter = draft(review, cheshire, inspector)
    url = "https://www.example.org/" + "averylongpathsegment" * 12 + "end"  # no hyphen, no break
    letter.body += f"\n\nSee {url} for the evidence."
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(render_pdf({"letter": letter_view(letter)}))
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    right_edges = [float(edge) for edge in re.findall(r'xMax="([\d.]+)"', boxes)]
    assert right_edges and max(right_edges) < A4_WIDTH_POINTS
    assert "".join(pdf_text(pdf.read_bytes()).split()).count("averylongpathsegment") == 12
