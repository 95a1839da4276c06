"""Letter body text: paragraphs, an indented quotation and italics. Everything else is shown literally.

Paragraphs are separated by a blank line; a paragraph whose lines start with '>' is a quotation;
*text between asterisks* is in italics (report titles). The text is escaped before these three
rules are applied, so HTML typed into a letter can never become markup, in the page or the PDF.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

ITALICS = re.compile(r"\*(?=\S)([^*\n]+?)(?<=\S)\*")


def paragraphs(text):
    return [block.strip() for block in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")) if block.strip()]


def inline(text):
    joined = " ".join(line.strip() for line in text.splitlines())
    return ITALICS.sub(r"<em>\1</em>", escape(joined))


def block_html(block):
    lines = block.splitlines()
    if all(line.lstrip().startswith(">") for line in lines):
        quoted = "\n".join(line.lstrip()[1:] for line in lines)
        return f"<blockquote><p>{inline(quoted)}</p></blockquote>"
    return f"<p>{inline(block)}</p>"


def render_blocks(text):
    """The body as a list of HTML blocks, so that the last can be kept with the sign-off."""
    return [mark_safe(block_html(block)) for block in paragraphs(text)]  # noqa: S308 - escaped in inline()


def plain_text(text):
    """The body as plain text, for emails and search: markup characters removed."""
    blocks = []
    for block in paragraphs(text):
        lines = block.splitlines()
        if all(line.lstrip().startswith(">") for line in lines):
            block = "\n".join(line.lstrip()[1:].strip() for line in lines)
        blocks.append(ITALICS.sub(r"\1", " ".join(line.strip() for line in block.splitlines())))
    return "\n\n".join(blocks)
