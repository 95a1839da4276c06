"""Hostile text in templates and letters is shown literally; rendering fetches nothing from outside."""

import socket
import threading

import pytest
from django.urls import reverse

from core.files import file_read
from letters.forms import LetterTemplateForm
from letters.models import LetterTemplate
from letters.pdf import FetchRefused, LetterFetcher, render_pdf
from letters.presentation import letter_view
from letters.services import letter_approve, letter_edit, letter_issue
from tests.letter_helpers import add_letter_template, draft, pdf_reader, pdf_text


@pytest.fixture
def listener():
    """A socket on 127.0.0.1 that counts every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    connections = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
                connections.append(connection)
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join()
    server.close()


def hostile_texts(port):
    return [
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/passwd">',
        f"<style>@import url(http://127.0.0.1:{port}/x.css)</style>",
        f'<img src="http://127.0.0.1:{port}/pixel.png">',
        "<script>alert(1)</script>",
    ]


def test_hostile_body_is_printed_literally_and_nothing_is_fetched(
    review, cheshire, inspector, signatory, listener, client
):
    port, connections = listener
    add_letter_template(review)
    letter = draft(review, cheshire, inspector)
    hostile = "\n\n".join(hostile_texts(port))
    letter_edit(letter=letter, heading=f"Heading {hostile_texts(port)[2]}", body=hostile, by=inspector)
    letter_approve(letter=letter, by=signatory)
    issued = letter_issue(letter=letter, by=signatory)

    text = " ".join(pdf_text(issued.pdf).split())
    for item in hostile_texts(port):
        assert " ".join(item.split()) in text
    reader = pdf_reader(issued.pdf)
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    assert not reader.attachments
    assert b"root:x:0:0" not in file_read(issued.pdf)
    assert connections == []

    client.force_login(inspector)
    html = client.get(issued.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert '<img src="file' not in html and "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html


def test_hostile_template_is_printed_literally_in_the_draft(review, cheshire, inspector, listener, client):
    port, connections = listener
    add_letter_template(review, body="\n\n".join(hostile_texts(port)) + "\n\n$outcome_paragraph")
    letter = draft(review, cheshire, inspector)
    preview = render_pdf({"letter": letter_view(letter)})
    assert "<script>alert(1)</script>" in pdf_text(preview)
    assert not pdf_reader(preview).attachments
    client.force_login(inspector)
    response = client.post(reverse("letters:preview", args=[letter.pk]), {"body": hostile_texts(port)[0]})
    assert response.content.decode().count("&lt;img src=&quot;file:///etc/passwd&quot;&gt;") == 1
    assert connections == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.org/font.ttf",
        "https://letter-files.invalid/../../settings.py",
        "https://letter-files.invalid/fonts/../letter.css/../../../config/settings.py",
        "data:text/html;base64,PHNjcmlwdD4=",
    ],
)
def test_fetcher_refuses_everything_but_the_letters_own_files(url):
    with pytest.raises(FetchRefused):
        LetterFetcher().fetch(url)


def test_fetcher_serves_the_letter_stylesheet():
    response = LetterFetcher().fetch("https://letter-files.invalid/letter.css")
    assert b"@font-face" in response.read()


def test_unknown_placeholder_is_refused_when_the_template_is_saved(review, inspector, client):
    client.force_login(inspector)
    response = client.post(
        reverse("letters:template", args=[review.pk]),
        {"heading": "$inspectorate assessment", "body": "Dear $chief_officer_title, see $force_nmae and ${bogus}."},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Unknown placeholders $bogus, $force_nmae" in html
    assert LetterTemplate.objects.count() == 0


def test_assessment_placeholders_are_refused_inside_sentences(review, inspector, client):
    client.force_login(inspector)
    judgement = review.elements.first().judgements.first()
    response = client.post(reverse("letters:sentence", args=[judgement.pk]), {"letter_sentence": "$outcome_paragraph"})
    assert "Unknown placeholder $outcome_paragraph" in response.content.decode()
    judgement.refresh_from_db()
    assert judgement.letter_sentence == ""


def test_a_stray_dollar_sign_is_refused():
    form = LetterTemplateForm({"heading": "Heading", "body": "It cost $5."})
    assert not form.is_valid()
    assert "write $$ for a dollar sign" in str(form.errors)
