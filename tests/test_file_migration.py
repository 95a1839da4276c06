"""The migrations that move PDFs and signatures out of rows: every file written is checked against the SHA-256 its
row recorded, a mismatch stops the migration naming the row, and the way back puts the bytes in the rows again."""

import datetime
import hashlib

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection
from django.utils import timezone

from accounts.demo import signature_png
from core.file_moves import FileMoveError
from core.files import file_read
from letters.models import ChaseLetter, Letter
from publications.models import Publication
from tests.factories import pdf_bytes
from tests.letter_helpers import add_letter_template
from tests.migration_helpers import migrate
from tests.publication_helpers import issued, publish
from tests.test_access_matrix import chase_letter

BEFORE = [("letters", "0009_chasing_letters"), ("publications", "0003_review_from_reviews")]


def rows(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


@pytest.fixture
def stored(transactional_letters, review, cheshire, inspector, signatory, private_media):
    """An issued letter with a signature, its published overview and a chasing letter, all in storage."""
    add_letter_template(review)
    signatory.signature.save("signature.png", ContentFile(signature_png()))
    letter = issued(review, cheshire, inspector, signatory)
    publication = publish(review, [letter], inspector, timezone.now() + datetime.timedelta(days=1))
    chase = chase_letter(review, cheshire, inspector)
    yield {"letter": letter, "publication": publication, "chase": chase}
    migrate()  # whatever happened, the database is left as the other tests expect it


def test_bytes_go_back_into_rows_and_out_again_checked(stored, private_media):
    letter, publication, chase = stored["letter"], stored["publication"], stored["chase"]
    expected = {
        "letter": file_read(letter.pdf),
        "signature": file_read(letter.signature),
        "overview": file_read(publication.overview_pdf),
        "chase": file_read(chase.pdf),
    }
    migrate(BEFORE)
    [(pdf, signature)] = rows("SELECT pdf, signature_png FROM letters_letter WHERE id = %s", letter.pk)
    assert (bytes(pdf), bytes(signature)) == (expected["letter"], expected["signature"])
    [(overview,)] = rows("SELECT overview_pdf FROM publications_publication WHERE id = %s", publication.pk)
    assert bytes(overview) == expected["overview"]
    for folder in ("letter", "publication", "chaseletter"):  # the way forward writes them from the rows' bytes
        for path in (private_media / folder).iterdir():
            path.unlink()

    migrate()
    letter, chase = Letter.objects.get(pk=letter.pk), ChaseLetter.objects.get(pk=chase.pk)
    publication = Publication.objects.get(pk=publication.pk)
    assert letter.pdf_matches() and chase.pdf_matches() and publication.overview_matches()
    assert file_read(letter.pdf) == expected["letter"] and letter.pdf_size == len(expected["letter"])
    assert file_read(letter.signature) == expected["signature"]
    assert letter.signature_sha256 == hashlib.sha256(expected["signature"]).hexdigest()
    assert file_read(publication.overview_pdf) == expected["overview"] and file_read(chase.pdf) == expected["chase"]
    assert letter.state == Letter.State.ISSUED  # and still frozen:
    with pytest.raises(IntegrityError):
        rows("UPDATE letters_letter SET pdf = 'letter/other.pdf' WHERE id = %s", letter.pk)


def test_bytes_that_do_not_match_their_sha256_stop_the_migration_naming_the_row(stored):
    chase = stored["chase"]
    migrate(BEFORE)
    wrong = hashlib.sha256(pdf_bytes(pages=2)).hexdigest()
    rows("UPDATE letters_chaseletter SET pdf_sha256 = %s WHERE id = %s", wrong, chase.pk)
    with pytest.raises(FileMoveError, match=f"letters.ChaseLetter {chase.pk}: .* not the {wrong} its row records"):
        migrate()
    [(pdf,)] = rows("SELECT pdf FROM letters_chaseletter WHERE id = %s", chase.pk)
    assert bytes(pdf).startswith(b"%PDF")  # nothing was taken out of the row
    rows(
        "UPDATE letters_chaseletter SET pdf_sha256 = %s WHERE id = %s", hashlib.sha256(bytes(pdf)).hexdigest(), chase.pk
    )
