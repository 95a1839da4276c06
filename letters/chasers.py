"""Chasing letters for overdue forces: which forces are due one, drafting one (its PDF made once, through the
render process), and sending it once, never to a force that has sent its documents."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.contacts import liaison_addresses
from accounts.models import User
from core.files import file_read, file_write
from forces.models import Force
from outbox.models import Delivery
from outbox.services import Attachment, email_queue
from reviews.models import Review
from reviews.status import ForceRow, force_row, review_rows

from .addressees import addressees_on
from .chase_models import ChaseLetter, ChaseTemplate
from .compose import fill_text, placeholder_values
from .dated_names import inspectorate_name_on
from .limits import check_letter_text
from .markup import plain_text
from .pdf import render_pdf
from .placeholders import collapse_spaces
from .prerequisites import before_issuing
from .presentation import LetterView


def chase_template_for(review: Review) -> ChaseTemplate:
    """The review's chasing text, or the default (unsaved) when nobody has written one."""
    return ChaseTemplate.objects.filter(review=review).first() or ChaseTemplate(review=review)


def chase_template_save(*, template: ChaseTemplate) -> ChaseTemplate:
    template.save()
    return template


def awaits_chase(row: ForceRow) -> bool:
    """Overdue (deadline or extension passed, nothing sent) and not yet chased by letter for that deadline."""
    return row.is_overdue and not any(chase.deadline == row.deadline for chase in row.chase_letters)


def chases_to_draft(review: Review) -> list[ForceRow]:
    return [row for row in review_rows(review) if awaits_chase(row)]


def sendable_chases(row: ForceRow) -> list[ChaseLetter]:
    """The row's drafted chasing letters, while the force is still overdue for the deadline they chase."""
    if not row.is_overdue:
        return []
    return [chase for chase in row.chase_letters if not chase.is_sent and chase.deadline == row.deadline]


def chases_to_send(review: Review) -> list[ChaseLetter]:
    return [chase for row in review_rows(review) for chase in sendable_chases(row)]


def chase_view(template_heading: str, body: str, force: Force, review: Review, day) -> LetterView:
    named = addressees_on(force, day)
    return LetterView(
        heading=template_heading,
        body=body,
        inspectorate_name=inspectorate_name_on(day),
        addressee_title=force.chief_officer_title,
        force_name=force.name,
        governance_title=force.governance_title,
        letter_date=day,
        addressee_line=named.addressee_line,
        copied_to_line="",
        signatory_name=review.contact_name or settings.INSPECTORATE_SHORT_NAME,
    )


def chase_letter_draft(*, review: Review, force: Force, by: User) -> ChaseLetter:
    """A chasing letter for a force still overdue, composed from the review's chasing text, its PDF made now."""
    row = force_row(review, force)
    if row is None or not row.is_overdue:
        raise ValidationError(f"{force.name} is not overdue (it has sent its documents, or its deadline is to come).")
    if not awaits_chase(row):
        raise ValidationError(
            f"{force.name} already has a chasing letter for its deadline of {row.deadline:%-d %B %Y}."
        )
    template = chase_template_for(review)
    values = placeholder_values(review, force, row.deadline)
    heading = fill_text(template.heading, values)
    body = collapse_spaces(fill_text(template.body, values))
    check_letter_text(body)
    day = timezone.localdate()
    chase = ChaseLetter(
        review=review, force=force, deadline=row.deadline, heading=heading, body=body, letter_date=day, drafted_by=by
    )
    pdf = render_pdf({"letter": chase_view(heading, body, force, review, day)})
    chase.pdf_size, chase.pdf_sha256 = file_write(chase.pdf, pdf, "chasing-letter.pdf")
    try:
        with transaction.atomic():
            chase.save()
            return chase
    except IntegrityError:  # drafted by another job or inspector at the same moment
        chase.pdf.delete(save=False)
        raise ValidationError(f"{force.name} already has a chasing letter for this deadline.") from None


def chase_refusal(chase: ChaseLetter) -> str | None:
    """Why the chasing letter cannot be sent now, or None. A force that has sent its documents is never chased."""
    if chase.is_sent:
        return "This chasing letter has been sent."
    row = force_row(chase.review, chase.force)
    if row is None or row.submissions:
        return f"{chase.force.name} has sent its documents: the chasing letter is not sent."
    if row.deadline != chase.deadline:
        return f"{chase.force.name}'s deadline has changed to {row.deadline:%-d %B %Y}: this letter chases an old one."
    if missing := before_issuing(chase.force):
        return missing.message
    return None


def chase_letter_send(*, chase: ChaseLetter, by: User) -> ChaseLetter:
    """Send a drafted chasing letter once: its stored PDF by email to the chief officer, copied to the liaison
    officers. The row is locked first, so two clicks (or two inspectors) send it once."""
    with transaction.atomic():
        chase = ChaseLetter.objects.select_for_update().select_related("review", "force").get(pk=chase.pk)
        if chase.is_sent:
            return chase
        if refusal := chase_refusal(chase):
            raise ValidationError(refusal)
        chase.state, chase.sent_by, chase.sent_at = ChaseLetter.State.SENT, by, timezone.now()
        chase.sent_to = chase.force.chief_officer_email
        chase.copied_to = ", ".join(liaison_addresses(chase.force))
        chase.save(update_fields=["state", "sent_by", "sent_at", "sent_to", "copied_to"])
        email_chase_letter(chase)
    return chase


def email_chase_letter(chase: ChaseLetter) -> Delivery:
    return email_queue(
        to=[chase.sent_to],
        cc=[address for address in chase.copied_to.split(", ") if address],
        subject=f"{chase.heading}: {chase.force.name}: your plans were due on {chase.deadline:%-d %B %Y}",
        body=f"Dear {chase.force.chief_officer_title}\n\nPlease find attached our letter of "
        f"{chase.letter_date:%-d %B %Y}.\n\n" + plain_text(chase.body),
        attachment=Attachment(chase.filename, file_read(chase.pdf), "application/pdf"),
        about=chase,
    )
