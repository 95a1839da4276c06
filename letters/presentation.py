"""What a letter shows: the frozen snapshot once issued, or today's names while it is a draft."""

from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.utils import timezone

from .compose import long_date
from .markup import render_blocks
from .pdf import signature_data_url


@dataclass
class LetterView:
    heading: str
    body: str
    inspectorate_name: str
    addressee_title: str
    force_name: str
    governance_title: str
    letter_date: object
    signatory_name: str
    signatory_titles: list = field(default_factory=list)
    signature_png: bytes | None = None

    @property
    def date_text(self):
        return long_date(self.letter_date)

    @cached_property
    def blocks(self):
        """Rendered once per view: the page and the PDF ask for the blocks, the lead and the last."""
        return render_blocks(self.body)

    @property
    def leading_blocks(self):
        return self.blocks[:-1]

    @property
    def last_block(self):
        blocks = self.blocks
        return blocks[-1] if blocks else ""

    @property
    def signature_url(self):
        return signature_data_url(self.signature_png)


def titles(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def letter_view(letter, signatory=None):
    """The letter as shown: its snapshot when issued; otherwise the force and signatory as they are now."""
    return issued_view(letter) if letter.is_issued else draft_view(letter, signatory)


def issued_view(letter):
    return LetterView(
            heading=letter.heading, body=letter.body, inspectorate_name=letter.inspectorate_name,
            addressee_title=letter.addressee_title, force_name=letter.force_name,
            governance_title=letter.governance_title, letter_date=letter.letter_date,
            signatory_name=letter.signatory_name, signatory_titles=titles(letter.signatory_titles),
            signature_png=bytes(letter.signature_png) if letter.signature_png else None,
    )  # fmt: skip


def draft_view(letter, signatory=None):
    signatory = signatory or letter.review.lead_signatory
    force = letter.force
    return LetterView(
        heading=letter.heading, body=letter.body, inspectorate_name=settings.INSPECTORATE_NAME,
        addressee_title=force.chief_officer_title, force_name=force.name, governance_title=force.governance_title,
        letter_date=timezone.localdate(), signatory_name=signatory.signatory_name,
        signatory_titles=signatory.title_line_list, signature_png=read_signature(signatory),
    )  # fmt: skip


def read_signature(signatory):
    if not signatory.signature:
        return None
    with signatory.signature.open("rb") as image:
        return image.read()
