"""What a letter shows: the frozen snapshot once issued; while it is a draft, today's names in the form in
force on its date, marked DRAFT and without the signature (only the issued letter is signed)."""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models.fields.files import FieldFile
from django.utils import timezone

from core.files import file_read

from .addressees import addressees_on, names_office_holders
from .compose import long_date
from .dated_names import as_on, inspectorate_name_on
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
    signature: FieldFile | None = None  # the issued letter's copy, read only when its PDF is made
    is_draft: bool = False
    addressee_line: str = ""
    copied_to_line: str = ""
    # What the draft says about whom it names (nobody recorded for its date): shown beside it, never printed.
    notices: list = field(default_factory=list)
    draft_mark: str = "DRAFT"  # across each page of a draft's PDF

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

    @cached_property
    def signature_url(self):
        """Read from storage once per view: the template asks whether there is one, then for it."""
        return signature_data_url(file_read(self.signature) if self.signature else None)


def titles(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def letter_view(letter, signatory=None):
    """The letter as shown: its snapshot when issued; otherwise the force and signatory as they are now."""
    return issued_view(letter) if letter.is_issued else draft_view(letter, signatory)


def issued_view(letter):
    return LetterView(
        heading=letter.heading,
        body=letter.body,
        inspectorate_name=letter.inspectorate_name,
        addressee_title=letter.addressee_title,
        force_name=letter.force_name,
        governance_title=letter.governance_title,
        letter_date=letter.letter_date,
        # Letters issued before the lines were stored printed the titles.
        addressee_line=letter.addressee_line or letter.addressee_title,
        copied_to_line=letter.copied_to_line or letter.governance_title,
        signatory_name=letter.signatory_name,
        signatory_titles=titles(letter.signatory_titles),
        signature=letter.signature,
    )


def draft_view(letter, signatory=None):
    """A draft (or approved letter) as it would be issued today: dated as chosen, or today; no signature."""
    signatory = signatory or letter.review.lead_signatory
    force = letter.force
    day = letter.letter_date or timezone.localdate()
    named = addressees_on(force, day, by_name=names_office_holders(letter))
    return LetterView(
        heading=letter.heading,
        body=letter.body,
        inspectorate_name=inspectorate_name_on(day),
        addressee_title=force.chief_officer_title,
        force_name=force.name,
        governance_title=force.governance_title,
        letter_date=day,
        addressee_line=named.addressee_line,
        copied_to_line=named.copied_to_line,
        notices=named.notices,
        signatory_name=signatory.signatory_name,
        signatory_titles=[as_on(line, day) for line in signatory.title_line_list],
        is_draft=True,
    )


def read_signature(signatory):
    if not signatory.signature:
        return None
    with signatory.signature.open("rb") as image:
        return image.read()
