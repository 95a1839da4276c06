"""The reference case as demonstration data: PEEL legitimacy 2016 and the review of its plans."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.documents import check_document
from forces.models import Force
from inspections.models import CauseOfConcern, InspectionReport, Topic, TopicRename
from recommendations.models import Recommendation, RegisterStatus
from recommendations.services import recommendation_save

from .models import (
    Assessment,
    AssessmentElement,
    AssessmentJudgement,
    ElementJudgement,
    GroupedSentence,
    OutcomeCategory,
    Qualifier,
    Review,
    Submission,
)
from .services import store_documents

SIX_MONTH_TEXT = (
    "To address this cause of concern, we recommend that within six months, all forces should have started "
    "to implement a plan to achieve the capability and capacity required to seek intelligence on potential "
    "abuse of authority for sexual gain. These plans should include consideration of the technology and "
    "resources required to monitor IT systems actively and to build relationships with the individuals and "
    "organisations that support vulnerable people."
)
THREE_MONTH_TEXT = (
    "Within three months, all forces should review how they identify and assess allegations of abuse of "
    "authority for sexual gain, including a retrospective review of allegations received and of their "
    "referrals to the Independent Police Complaints Commission (IPCC)."
)
CAUSE_TEXT = (
    "Some police counter-corruption units did not have the capability or capacity to seek intelligence on "
    "the potential abuse of authority for sexual gain. This meant that some forces were not able to "
    "intervene early to safeguard potential victims and tackle unacceptable and potentially corrupt behaviour."
)
STRATEGY_JUDGEMENTS = [
    (
        "Reflected",
        "It was also reassuring to see in the documentation you submitted that you had considered the new "
        "strategy to address the abuse of position for sexual purposes, agreed at the National Police Chiefs' Council "
        "in April of this year.",
    ),
    (
        "Did not reflect",
        "Your plans did not reflect the national strategy agreed at the National Police Chiefs' "
        "Council in April of this year.",
    ),
    ("No information", ""),
]


def work_judgements(work):
    return [
        ("Already in place", ""),
        ("Already commenced", f"Work on {work} has already started."),
        ("Planned", f"Work on {work} is planned."),
        ("No information", f"Your documents gave no information about {work}."),
        ("No evidence found", f"However, we could not find evidence of {work}."),
    ]


def work_element(name, work, judgements=None):
    """An element judged on the work a force has done on it; its phrase names that work in a grouped sentence."""
    return (name, work, judgements or work_judgements(work))


# Said once for every element of a force's assessment sharing the judgement, the elements' phrases
# joined: 'Work on monitoring your IT systems actively and building relationships ... has already started.'
GROUPED_SENTENCES = {
    "Already commenced": "Work on $elements has already started.",
    "Planned": "Work on $elements is planned.",
    "No information": "Your documents gave no information about $elements.",
    "No evidence found": "However, we could not find evidence of $elements.",
}
QUALIFIERS = ["comprehensive", "detailed"]

ELEMENTS = [
    ("Whether the plan reflected the national strategy", "", STRATEGY_JUDGEMENTS),
    work_element(
        "A review of the counter-corruption unit's capability and capacity",
        "a review of the capability and capacity of your counter-corruption unit",
    ),
    work_element("Monitoring of IT systems", "monitoring your IT systems actively"),
    work_element(
        "Seeking intelligence from organisations that support vulnerable people",
        "building relationships with the organisations that support vulnerable people",
    ),
]
OUTCOMES = [
    (
        "Force plans contained insufficient information",
        "The documents your force submitted did not contain enough information for us to assess its plans.",
    ),
    (
        "Had plans but had not yet commenced implementation",
        "Your force has $qualifier plans to address our recommendation but has not yet started to implement them.",
    ),
    (
        "Had plans in place and had started implementation",
        "We are pleased to inform you that your force has $qualifier plans in place and has started to implement them.",
    ),
    (
        "Already had all elements in place",
        "We are pleased to inform you that in our 2016 inspection we found that you already had all the elements of "
        "our recommendation in place.",
    ),
]
DEMONSTRATION_ELEMENTS = [
    work_element(
        "Retrospective review of allegations",
        "a retrospective review of allegations",
        work_judgements("a retrospective review of allegations")[1:],
    ),
    work_element(
        "Referrals to the IPCC", "referring cases to the IPCC", work_judgements("referring cases to the IPCC")[1:]
    ),
]
DEMONSTRATION_OUTCOMES = [
    ("Review complete", "Your force has completed its retrospective review."),
    ("Review under way", "Your force's retrospective review is under way."),
    ("No evidence of a review", "We could not find evidence of a retrospective review."),
]


def london(year, month, day, hour=12, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def reference_report():
    report, _ = InspectionReport.objects.update_or_create(
        title="PEEL: police legitimacy 2016",
        defaults={
            "programme": "PEEL",
            "published_on": datetime.date(2016, 12, 8),
            "url": "https://www.justiceinspectorates.gov.uk/hmicfrs/publications/peel-police-legitimacy-2016/",
            "scope": InspectionReport.Scope.NATIONAL,
        },
    )
    topic = Topic.objects.filter(name__in=["abuse of position for a sexual purpose"]).first()
    if topic is None:
        topic = Topic.objects.create(name="abuse of position for a sexual purpose")
        TopicRename.objects.create(
            topic=topic,
            former_name="abuse of authority for sexual gain",
            new_name=topic.name,
            renamed_on=datetime.date(2017, 4, 1),
            reason="In line with the terminology of the National Police Chiefs' Council's national strategy, "
            "agreed in April 2017.",
        )
    cause, _ = CauseOfConcern.objects.get_or_create(report=report, topic=topic, defaults={"text": CAUSE_TEXT})
    recommendations = [
        recommendation_save(recommendation=recommendation, forces=[])
        for recommendation in (
            Recommendation.objects.update_or_create(
                reference=reference,
                defaults={
                    "report": report,
                    "cause_of_concern": cause,
                    "kind": Recommendation.Kind.CAUSE_OF_CONCERN,
                    "topic": topic,
                    "text": text,
                    "timescale": Recommendation.Timescale.MONTHS_AFTER_PUBLICATION,
                    "timescale_months": months,
                },
            )[0]
            for reference, text, months in [
                ("peel-legitimacy-2016-asg-1", THREE_MONTH_TEXT, 3),
                ("peel-legitimacy-2016-asg-2", SIX_MONTH_TEXT, 6),
            ]
        )
    ]
    return recommendations


# What each outcome proposes for the register: all elements in place, or a review complete, is a
# verified completion; anything else is work being progressed.
COMPLETE_OUTCOMES = {"Already had all elements in place", "Review complete"}


def add_framework(review, elements, outcomes):
    """Elements with their phrases, judgements and letter sentences, the sentences said once for elements
    sharing a judgement, the qualifiers, and outcomes with their letter paragraphs."""
    for position, (name, phrase, judgements) in enumerate(elements):
        element, _ = AssessmentElement.objects.update_or_create(
            review=review, name=name, defaults={"position": position, "phrase": phrase}
        )
        for index, (label, sentence) in enumerate(judgements):
            ElementJudgement.objects.update_or_create(
                element=element, label=label, defaults={"position": index, "letter_sentence": sentence}
            )
    for label, sentence in GROUPED_SENTENCES.items():
        GroupedSentence.objects.update_or_create(review=review, label=label, defaults={"letter_sentence": sentence})
    for position, phrase in enumerate(QUALIFIERS):
        Qualifier.objects.update_or_create(review=review, phrase=phrase, defaults={"position": position})
    for position, (name, paragraph) in enumerate(outcomes):
        status = RegisterStatus.COMPLETE_VERIFIED if name in COMPLETE_OUTCOMES else RegisterStatus.BEING_PROGRESSED
        OutcomeCategory.objects.update_or_create(
            review=review,
            name=name,
            defaults={"position": position, "letter_paragraph": paragraph, "register_status": status},
        )


def plan_pdf(force_name):
    """A small real PDF standing in for a force's plan."""
    from weasyprint import HTML

    html = (
        f"<h1>{force_name}: plan to seek intelligence on abuse of position for a sexual purpose</h1>"
        "<p>Demonstration document generated by Recommendation Tracker.</p>"
    )
    return HTML(string=html).write_pdf()


def demo_submission(review, force, officer, received_at, note):
    if Submission.objects.filter(review=review, force=force).exists():
        return
    submission = Submission.objects.create(
        review=review,
        force=force,
        channel=Submission.Channel.UPLOAD,
        covering_note=note,
        submitted_by=officer,
        received_at=received_at,
        created_at=received_at,
    )
    upload = SimpleUploadedFile(f"{force.slug}-plan.pdf", plan_pdf(force.name), "application/pdf")
    store_documents(submission, [check_document(upload)])


def reference_review(recommendation, signatory, inspector, officers):
    review, _ = Review.objects.update_or_create(
        slug="abuse-of-position-2017",
        defaults={
            "recommendation": recommendation,
            "title": "Abuse of position for a sexual purpose: review of forces' plans",
            "request_date": datetime.date(2017, 5, 16),
            "submission_deadline": datetime.date(2017, 5, 31),
            "assessment_period": "June 2017",
            "lead_signatory": signatory,
            "contact_name": "John Young",
            "contact_email": "john.young@hmic.gsi.gov.uk",
            "contact_phone": "07802 948502",
            "opened_by": inspector,
        },
    )
    review.forces.set(Force.objects.filter(kind=Force.Kind.TERRITORIAL))
    add_framework(review, ELEMENTS, OUTCOMES)
    merseyside, cheshire = officers["merseyside"].force, officers["cheshire"].force
    demo_submission(
        review,
        merseyside,
        officers["merseyside"],
        london(2017, 5, 26, 10, 14),
        "Our plan and the counter-corruption unit's review, as requested.",
    )
    demo_submission(
        review,
        cheshire,
        officers["cheshire"],
        london(2017, 5, 30, 16, 2),
        "Cheshire Constabulary's plan, approved by the chief officer group.",
    )
    assess(
        review,
        merseyside,
        inspector,
        OUTCOMES[3][0],
        ["Reflected"] + ["Already in place"] * 3,
        "All elements were found in place in 2016; the plan reflects the new strategy.",
    )
    # As the press quoted Cheshire's letter: no evidence of a review of the counter-corruption unit.
    assess(
        review,
        cheshire,
        inspector,
        OUTCOMES[2][0],
        ["Reflected", "No evidence found", "Already commenced", "Already commenced"],
        "Comprehensive plans; IT monitoring and work with support organisations already under way.",
        qualifier="comprehensive",
    )
    return review


def assess(review, force, inspector, outcome, labels, notes, qualifier=None):
    if Assessment.objects.filter(review=review, force=force).exists():
        return
    assessment = Assessment.objects.create(
        review=review,
        force=force,
        outcome=review.outcome_categories.get(name=outcome),
        qualifier=review.qualifiers.get(phrase=qualifier) if qualifier else None,
        notes=notes,
        assessed_by=inspector,
        assessed_at=london(2017, 6, 20, 15, 30),
    )
    for element, label in zip(review.elements.all(), labels, strict=True):
        AssessmentJudgement.objects.create(
            assessment=assessment, element=element, judgement=element.judgements.get(label=label)
        )


def demonstration_review(recommendation, signatory, inspector):
    """An open review, plainly marked, whose deadline is 30 days after the demo data is loaded."""
    today = timezone.localdate()
    review, _ = Review.objects.update_or_create(
        slug="demonstration-review",
        defaults={
            "recommendation": recommendation,
            "title": "Demonstration: retrospective review of allegations of abuse of position",
            "request_date": today,
            "submission_deadline": today + datetime.timedelta(days=30),
            "assessment_period": f"{today + datetime.timedelta(days=31):%B %Y}",
            "lead_signatory": signatory,
            "contact_name": "John Young",
            "contact_email": "john.young@inspectorate.example.org",
            "contact_phone": "020 7946 0000",
            "opened_by": inspector,
            "is_demonstration": True,
        },
    )
    review.forces.set(Force.objects.filter(kind=Force.Kind.TERRITORIAL))
    add_framework(review, DEMONSTRATION_ELEMENTS, DEMONSTRATION_OUTCOMES)
    return review


def create_reference_case(users):
    """The 2017 review and the demonstration review, with their elements, judgements and outcomes."""
    by_name = {user.username: user for user in users}
    three_month, six_month = reference_report()
    review = reference_review(six_month, by_name["signatory"], by_name["inspector"], by_name)
    demonstration = demonstration_review(three_month, by_name["signatory"], by_name["inspector"])
    return review, demonstration
