"""Letters in the demo data: the reference template and letters of 2017, and the demonstration review's template."""

import datetime

from django.utils import timezone

from recommendations.models import RegisterStatus, StatusChange
from recommendations.services import status_change

from .models import Letter, LetterTemplate
from .services import letter_approve, letter_draft, letter_issue

REFERENCE_BODY = """\
In $report_month, we published our national *$report_title* inspection report in which we referred to the \
problem as '$topic_former_name'. In the interests of consistency and in line with the terminology used in the \
National Police Chiefs' Council's national strategy, we now refer to this as '$topic_name'.

The report highlighted our concerns that some police counter-corruption units did not have the capability or \
capacity to seek intelligence on the potential $topic_name. This meant that some forces were not able to intervene \
early to safeguard potential victims and tackle unacceptable and potentially corrupt behaviour. This concern led to \
the following recommendation:

> $recommendation_text

Further to my letter dated $request_date and your force's subsequent document submission, we have reviewed your \
force's plans to address our cause of concern. I am writing to inform you of our assessment of your force's plans, \
which took place during $assessment_period, and included a review of all documentation submitted by $deadline.

$outcome_paragraph $element_sentences

This letter will be published on the $inspectorate website, alongside a national overview report. We will be \
returning to your force to assess implementation of your plans during a subsequent inspection.

If you have any queries, please contact $contact_name at $contact_email or on $contact_phone.
"""


DEMONSTRATION_BODY = """\
This is a demonstration letter, composed by Recommendation Tracker from the demonstration review's template.

In $report_month, we published our national *$report_title* inspection report, in which we referred to the \
problem as '$topic_former_name'. In line with the National Police Chiefs' Council's national strategy, we now \
refer to it as '$topic_name'. The report made the following recommendation:

> $recommendation_text

Further to my letter dated $request_date, we have reviewed the documents your force sent us by $deadline. I am \
writing to inform you of our assessment, which took place during $assessment_period.

$outcome_paragraph $element_sentences

This letter will be published on the $inspectorate website.

If you have any queries, please contact $contact_name at $contact_email or on $contact_phone.
"""


def letter_template(review, body, names_office_holders=True):
    """Created once: a newcomer's edits to it survive loading the demo data again."""
    template, _ = LetterTemplate.objects.get_or_create(
        review=review, defaults={"body": body, "names_office_holders": names_office_holders}
    )
    return template


def demonstration_template(review):
    """So that a newcomer can go from an upload to a published letter in the demonstration review."""
    return letter_template(review, DEMONSTRATION_BODY)


def issued_reference_letters(review, inspector, signatory):
    """Merseyside's and Cheshire's letters: drafted by an inspector, approved and issued by Michael Cunningham
    on 2 October 2017 (the approver is never the letter's author)."""
    # The letters of 2 October 2017 addressed the Chief Constable and copied the Commissioner by title only,
    # although both are recorded for that day (Andy Cooke QPM, Jane Kennedy): the template keeps to that.
    letter_template(review, REFERENCE_BODY, names_office_holders=False)
    return [issued_letter(review, slug, inspector, signatory) for slug in ["merseyside", "cheshire"]]


def issued_letter(review, slug, inspector, signatory):
    force = review.forces.get(slug=slug)
    letter = Letter.objects.filter(review=review, force=force).first() or letter_draft(
        review=review, force=force, by=inspector
    )
    if letter.is_issued:
        return letter
    letter_approve(letter=letter, by=signatory)  # not by its drafter: a letter passes a second pair of eyes
    issued_at = timezone.make_aware(datetime.datetime(2017, 10, 2, 10, 0))
    return letter_issue(letter=letter, by=signatory, at=issued_at)


def reference_register(letters, inspector):
    """The register as the 2017 review left it: each force assessed changes status on its letter's date,
    to what its outcome proposes (all elements in place: complete, verified by the assessment and the
    letter; the others: being progressed)."""
    for letter in letters:
        assessment = letter.assessment
        status = assessment.outcome.register_status
        recommendation = letter.review.recommendation
        if not status or StatusChange.objects.filter(recommendation=recommendation, force=letter.force).exists():
            continue
        verified = status == RegisterStatus.COMPLETE_VERIFIED
        status_change(
            recommendation=recommendation,
            force=letter.force,
            status=status,
            changed_on=letter.letter_date,
            reason=f"The review's assessment: {assessment.outcome.name}.",
            evidence=f"The assessment letter of {letter.letter_date:%-d %B %Y} and the review's assessment"
            if verified
            else "",
            by=inspector,
        )
