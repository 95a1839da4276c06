"""Ten years of generated history for the scale benchmark, written in bulk through the project's models.

Rows are made the way the services leave them (issued letters with their outcome, publications with
their entries, register entries with their status changes), but with bulk_create: rendering fifty
thousand PDFs would measure WeasyPrint, not the pages. Only ever run on the benchmark's own database.
"""

import datetime
import hashlib
import random
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.history import bulk_create_audited
from forces.models import Force
from inspections.models import InspectionReport, Topic, TopicRename
from letters.models import Letter
from recommendations.models import Recommendation, RegisterEntry, RegisterStatus, StatusChange
from recommendations.models.register import CLOSURES
from recommendations.services import open_deadlines_refresh
from reviews.models import Assessment, OutcomeCategory, Review

from ..models import Publication, PublishedLetter
from ..search import search_vectors_refresh, supersession_refresh

BATCH = 2000
YEARS = 10
TOPICS = [
    "abuse of position for a sexual purpose",
    "counter-corruption capability",
    "stalking and harassment",
    "domestic abuse risk assessment",
    "child protection referrals",
    "custody detention reviews",
    "missing children",
    "vetting of officers and staff",
    "use of force recording",
    "stop and search grounds",
    "crime data integrity",
    "victims' code compliance",
    "digital forensics backlogs",
    "neighbourhood policing",
    "serious and organised crime",
    "mental health and policing",
    "roads policing",
    "firearms licensing",
    "modern slavery",
    "fraud victims",
]
FORMER_NAMES = {0: "abuse of authority for sexual gain", 2: "harassment", 11: "victims' charter", 13: "local policing"}
OUTCOMES = ["Had plans in place", "Plans were partly in place", "Plans were not in place"]
VOCABULARY = (
    "intelligence capability capacity unit corruption vulnerable plan assessment officers staff training "
    "supervision monitoring software audit governance leadership culture safeguarding partners referral "
    "victims evidence review threshold compliance improvement inspection authority position sexual "
    "custody detention welfare checks cells medical nurses drugs alcohol arrest interview solicitor "
    "children missing exploitation schools social services runaway returned interviews debrief stalking "
    "harassment protection orders risk repeat victims advocates courts bail conditions firearms licences "
    "medical records renewals visits shotgun certificates applications delays fraud cyber online banking "
    "elderly scams reporting action centre investigators recovery assets roads collisions speed cameras "
    "drink driving enforcement casualties motorway patrols neighbourhood teams community engagement "
    "problem solving beats patrols abstraction priorities vetting clearance renewals aftercare integrity "
    "misconduct complaints professional standards data quality recording crimes incidents audit "
    "compliance rates outcomes classification digital devices phones backlog examination kiosks triage "
    "storage experts accreditation "
)
WORDS = VOCABULARY.split()


@dataclass
class Size:
    letters: int = 50_000
    recommendations: int = 5_000
    forces_per_review: int = 43

    @property
    def reviews(self):
        return -(-self.letters // self.forces_per_review)


@dataclass
class Made:
    by: User
    counts: dict = field(default_factory=dict)

    def add(self, name, rows):
        self.counts[name] = self.counts.get(name, 0) + len(rows)
        return rows


def bulk(model, rows, made):
    """Rows created in bulk, with their history records where the model keeps one."""
    if hasattr(model, "history"):
        created = [
            row
            for start in range(0, len(rows), BATCH)
            for row in bulk_create_audited(model, rows[start : start + BATCH], by=made.by)
        ]
    else:
        created = model.objects.bulk_create(rows, batch_size=BATCH)
    return made.add(str(model._meta.verbose_name_plural), created)


def day_in_history(fraction):
    """A day between ten years ago and last week, `fraction` of the way along."""
    start = timezone.localdate() - datetime.timedelta(days=365 * YEARS)
    return start + datetime.timedelta(days=int(fraction * (365 * YEARS - 7)))


@transaction.atomic
def history_generate(size=None, seed=2017):
    """Topics, reports, recommendations with every force's status, and published letters; returns counts."""
    size, rng = size or Size(), random.Random(seed)
    user = User.objects.create_user("scale-inspector", role=User.Role.INSPECTOR, first_name="Scale")
    made = Made(by=user)
    forces = list(Force.objects.filter(kind=Force.Kind.TERRITORIAL).order_by("name"))
    topics = topics_make(made)
    recommendations = recommendations_make(size, topics, made)
    register_make(recommendations, forces, user, rng, made)
    open_deadlines_refresh(Recommendation.objects.all())
    corrected = letters_make(size, recommendations, forces, user, rng, made)
    supersession_refresh(PublishedLetter, corrected)  # as publication_schedule does for each review
    search_vectors_refresh(PublishedLetter)
    return made.counts


def topics_make(made):
    topics = bulk(Topic, [Topic(name=name.capitalize()) for name in TOPICS], made)
    renames = [
        TopicRename(
            topic=topics[index],
            former_name=former.capitalize(),
            new_name=topics[index].name,
            renamed_on=day_in_history(0.3),
        )
        for index, former in FORMER_NAMES.items()
    ]
    bulk(TopicRename, renames, made)
    return topics


def recommendations_make(size, topics, made):
    """Reports of ten recommendations each, published over ten years."""
    per_report = 10
    count = -(-size.recommendations // per_report)
    reports = bulk(
        InspectionReport,
        [
            InspectionReport(
                title=f"Inspection report {number + 1}", programme="PEEL", published_on=day_in_history(number / count)
            )
            for number in range(count)
        ],
        made,
    )
    recommendations = []
    for index in range(size.recommendations):
        recommendation = Recommendation(
            reference=f"scale-{index + 1}",
            report=reports[index // per_report],
            topic=topics[index % len(topics)],
            text=f"Forces should improve their {TOPICS[index % len(TOPICS)]} within the timescale given.",
            timescale=Recommendation.Timescale.MONTHS_AFTER_PUBLICATION,
            timescale_months=3 + index % 12,
        )
        recommendation.due_on = recommendation.due_date
        recommendations.append(recommendation)
    return bulk(Recommendation, recommendations, made)


def register_make(recommendations, forces, user, rng, made):
    """Every force's entry for every recommendation, with the status change that put it there."""
    statuses = list(RegisterStatus)
    for start in range(0, len(recommendations), 200):
        entries, changes = [], []
        for recommendation in recommendations[start : start + 200]:
            published = recommendation.report.published_on
            for force in forces:
                status = rng.choice(statuses)
                since = published + datetime.timedelta(days=rng.randint(30, 900))
                since = min(since, timezone.localdate())
                entries.append(
                    RegisterEntry(
                        recommendation=recommendation,
                        force=force,
                        status=status,
                        status_since=since,
                        target_date=since + datetime.timedelta(days=rng.randint(-200, 200)),
                        target_revisions=rng.randint(0, 3),
                    )
                )
                changes.append(
                    StatusChange(
                        recommendation=recommendation,
                        force=force,
                        status=status,
                        changed_on=since,
                        reason="Recorded from the force's return.",
                        basis="Agreed at the quarterly review." if status in CLOSURES else "",
                        authorised_by=user if status in CLOSURES else None,
                        evidence="Seen in the force's audit." if status == RegisterStatus.COMPLETE_VERIFIED else "",
                        recorded_by=user,
                    )
                )
        bulk(RegisterEntry, entries, made)
        bulk(StatusChange, changes, made)


def letter_body(rng, topic):
    words = " ".join(rng.choice(WORDS) for _ in range(60))
    return (
        f"In our inspection we referred to the problem as {topic}. We recommended that all forces should "
        f"have started to implement a plan.\n\nWe have reviewed your force's plans: {words}.\n\n"
        "This letter will be published on our website, alongside a national overview report."
    )


def letters_make(size, recommendations, forces, user, rng, made):
    """Reviews of every force, each issued and published on its day, some with a corrected version."""
    content = b"%PDF-1.7 generated for the scale benchmark"
    pdf = (default_storage.save("letter/scale-stand-in.pdf", ContentFile(content)), len(content))  # every row's
    digest = hashlib.sha256(content).hexdigest()
    step = max(1, len(recommendations) // size.reviews)
    corrected = []  # the reviews with a corrected version
    for start in range(0, size.reviews, 40):
        numbers = range(start, min(size.reviews, start + 40))
        reviews = reviews_make(numbers, recommendations, step, user, made)
        outcomes = bulk(
            OutcomeCategory,
            [
                OutcomeCategory(review=review, position=p, name=name)
                for review in reviews
                for p, name in enumerate(OUTCOMES)
            ],
            made,
        )
        through = Review.forces.through
        bulk(through, [through(review=review, force=force) for review in reviews for force in forces], made)
        for offset, review in enumerate(reviews):
            review_letters(review, outcomes[offset * 3 : offset * 3 + 3], forces, user, rng, pdf, digest, made)
            corrected.extend([review.pk] if review.pk % 5 == 0 else [])
    return corrected


def reviews_make(numbers, recommendations, step, user, made):
    reviews = []
    for number in numbers:
        recommendation = recommendations[(number * step) % len(recommendations)]
        requested = recommendation.report.published_on + datetime.timedelta(days=120)
        reviews.append(
            Review(
                recommendation=recommendation,
                title=f"Review {number + 1}: {recommendation.topic.name.lower()}",
                slug=f"scale-review-{number + 1}",
                request_date=requested,
                submission_deadline=requested + datetime.timedelta(days=30),
                assessment_period=f"{requested:%B %Y}",
                lead_signatory=user,
                contact_name="John Young",
                contact_email="john.young@example.org",
                contact_phone="07802 948502",
            )
        )
    return bulk(Review, reviews, made)


def review_letters(review, outcomes, forces, user, rng, pdf, digest, made):
    released = timezone.make_aware(datetime.datetime.combine(review.submission_deadline, datetime.time(9)))
    released += datetime.timedelta(days=60)
    released = min(released, timezone.now() - datetime.timedelta(days=1))
    assessments = bulk(
        Assessment,
        [
            Assessment(review=review, force=force, outcome=rng.choice(outcomes), assessed_by=user, assessed_at=released)
            for force in forces
        ],
        made,
    )
    letters = [
        Letter(
            assessment=assessment,
            review=review,
            force=assessment.force,
            state=Letter.State.ISSUED,
            heading=f"Assessment: {review.recommendation.topic.name}",
            body=letter_body(rng, review.recommendation.topic.name.lower()),
            drafted_by=user,
            issued_by=user,
            issued_at=released,
            letter_date=released.date(),
            force_name=assessment.force.name,
            addressee_title="Chief Constable",
            outcome_name=assessment.outcome.name,
            pdf=pdf[0],
            pdf_size=pdf[1],
            pdf_sha256=digest,
        )
        for assessment in assessments
    ]
    letters = bulk(Letter, letters, made)
    publication = bulk(Publication, [Publication(review=review, release_at=released, scheduled_by=user)], made)[0]
    entries = [
        PublishedLetter(
            publication=publication,
            letter=letter,
            outcome_name=letter.assessment.outcome.name,
            outcome_position=letter.assessment.outcome.position,
            release_at=released,
            letter_date=letter.letter_date,
            force_id=letter.force_id,
        )
        for letter in letters
    ]
    bulk(PublishedLetter, entries, made)
    if review.pk % 5 == 0:
        correction_publish(review, letters[review.pk % len(letters)], user, released, made)


def correction_publish(review, letter, user, released, made):
    """A corrected version of one letter, published a month after the first."""
    corrected_at = min(released + datetime.timedelta(days=30), timezone.now() - datetime.timedelta(hours=1))
    correction = Letter(
        **{
            name: getattr(letter, name)
            for name in ("assessment", "review", "force", "state", "heading", "drafted_by", "issued_by")
            + ("force_name", "addressee_title", "outcome_name", "pdf", "pdf_size", "pdf_sha256")
        },
        version=2,
        replaces=letter,
        body=letter.body + "\n\nThis version corrects the date of the force's submission.",
        issued_at=corrected_at,
        letter_date=corrected_at.date(),
    )
    correction = bulk(Letter, [correction], made)[0]
    publication = bulk(Publication, [Publication(review=review, release_at=corrected_at, scheduled_by=user)], made)[0]
    entry = PublishedLetter(
        publication=publication,
        letter=correction,
        outcome_name=correction.outcome_name,
        outcome_position=letter.assessment.outcome.position,
        release_at=corrected_at,
        letter_date=correction.letter_date,
        force_id=correction.force_id,
    )
    bulk(PublishedLetter, [entry], made)
