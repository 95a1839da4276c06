"""The letters' part of the review machinery, registered in reviews.extensions by LettersConfig:
each force's letter on its progress row, the letter actions on the review and force pages, the issued
letters on the liaison officer's page, the template's history, and who may approve a letter."""

from core.files import without_files

from .chasers import awaits_chase, sendable_chases
from .models import AccuracyCheck, ChaseLetter, Letter, LetterTemplate
from .prerequisites import before_drafting, before_issuing


def load_letters(scope, rows):
    """Each row's latest letter, and its latest issued one, in one query."""
    # With each letter's factual-accuracy check (or none), which may hold its issue back.
    letters = Letter.objects.filter(**scope).select_related("drafted_by", "approved_by", "accuracy_check")
    for letter in without_files(letters).order_by("version"):
        row = rows.get((letter.review_id, letter.force_id))
        if row is not None:
            row.letter = letter  # the latest version wins
            if letter.is_issued:
                row.issued_letter = letter


def load_chase_letters(scope, rows):
    """Each row's chasing letters, oldest first, in one query (without their PDFs)."""
    chases = ChaseLetter.objects.filter(**scope).defer("pdf").order_by("drafted_at", "pk")
    for chase in chases:
        if (row := rows.get((chase.review_id, chase.force_id))) is not None:
            row.chase_letters.append(chase)


def review_page(review, rows):
    """The review's bulk actions, each offered only when it can do something, or what must come first."""
    ready_to_issue = [row for row in rows if row.letter_ready_to_issue]
    return {
        "before_drafting": before_drafting(review),
        "assessed_count": sum(row.assessment is not None for row in rows),
        "to_draft_count": sum(row.awaits_letter for row in rows),
        "ready_to_issue_count": len(ready_to_issue),
        "addresses_missing": [missing for row in ready_to_issue if (missing := before_issuing(row.force))],
        "latest_job": review.bulk_jobs.select_related(None).first(),
        "to_chase_count": sum(awaits_chase(row) for row in rows),
        "chases_to_send_count": sum(len(sendable_chases(row)) for row in rows),
    }


def force_page(row):
    return {"before_drafting": before_drafting(row.review) if row.assessment and not row.letter else None}


def liaison_page(row):
    """Issued letters, and the factual-accuracy checks of the force's own letters (nobody else's)."""
    issued = Letter.objects.filter(review=row.review, force=row.force, state=Letter.State.ISSUED)
    checks = AccuracyCheck.objects.filter(letter__review=row.review, letter__force=row.force).order_by("opened_at")
    return {"letters": without_files(issued), "accuracy_checks": checks}


def template_history(review):
    return LetterTemplate.history.filter(review_id=review.pk)
