"""Letters as accessible PDFs: WeasyPrint's PDF/UA variant, a bundled font, nothing fetched from outside.

The fetcher below answers only for the project's own letter files (the stylesheet and its fonts) and
for the signature image carried in the page as a data URL. Any other address, file://, http(s)://
or a PDF attachment, is refused before anything is read.
"""

import base64
import binascii
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

LETTER_FILES = Path(__file__).resolve().parent / "static" / "letters"
BASE_URL = "https://letter-files.invalid/"  # not a real host: only LetterFetcher answers for it
ALLOWED_FILES = {
    "letter.css": "text/css",
    "fonts/LiberationSans-Regular.ttf": "font/ttf",
    "fonts/LiberationSans-Bold.ttf": "font/ttf",
    "fonts/LiberationSans-Italic.ttf": "font/ttf",
}
SIGNATURE_PREFIX = "data:image/png;base64,"
MAX_SIGNATURE_BYTES = 512 * 1024


class FetchRefused(ValueError):
    pass


class LetterFetcher(URLFetcher):
    """Serves the letter's own files and an inline PNG signature; refuses everything else."""

    def fetch(self, url, headers=None):
        if url.startswith(BASE_URL) and url[len(BASE_URL) :] in ALLOWED_FILES:
            name = url[len(BASE_URL) :]
            return URLFetcherResponse(url, (LETTER_FILES / name).read_bytes(), {"Content-Type": ALLOWED_FILES[name]})
        if url.startswith(SIGNATURE_PREFIX) and len(url) < MAX_SIGNATURE_BYTES * 4 // 3 + 100:
            try:
                image = base64.b64decode(url[len(SIGNATURE_PREFIX) :], validate=True)
            except binascii.Error as error:
                raise FetchRefused("The signature is not valid base64.") from error
            return URLFetcherResponse(url, image, {"Content-Type": "image/png"})
        raise FetchRefused(f"Letters may not fetch {url[:80]!r}")


@cache
def resources():
    """One font configuration, fetcher and parsed stylesheet per process (faster, and no memory creep)."""
    font_config = FontConfiguration()
    fetcher = LetterFetcher()
    stylesheet = CSS(url=BASE_URL + "letter.css", url_fetcher=fetcher, font_config=font_config)
    return font_config, fetcher, stylesheet


def signature_data_url(png_bytes):
    return SIGNATURE_PREFIX + base64.b64encode(png_bytes).decode() if png_bytes else ""


def write_pdf(html):
    """WeasyPrint's work, done in the render process (letters.pdf_engine): HTML in, PDF bytes out."""
    font_config, fetcher, stylesheet = resources()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet], font_config=font_config, pdf_variant="pdf/ua-1")


def render_pdf(context, template="letters/letter_pdf.html"):
    """The PDF bytes of one letter (or overview): A4, tagged (PDF/UA-1), titled, in British English.

    The page is rendered here; WeasyPrint runs in the render process, within its time and memory limits.
    """
    from .pdf_engine import engine

    return engine.render(render_to_string(template, context))
