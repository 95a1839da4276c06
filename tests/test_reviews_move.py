"""Moving the review machinery from recommendations to reviews keeps every row and its history: migrate
back to before the move and forward again over a review with a submission, an assessment and history."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from outbox.models import Delivery
from outbox.services import email_queue
from reviews.models import Assessment, Review, Submission
from tests.letter_helpers import add_letter_template, assess
from tests.migration_helpers import migrate
from tests.publication_helpers import issued

BEFORE_THE_MOVE = [
    ("recommendations", "0005_upload_reopening"),
    ("letters", "0005_bulk_job_lease_and_failed_state"),
    ("publications", "0002_historicalpublication_historicalpublishedletter"),
    ("reviews", None),
]


def test_the_move_keeps_rows_history_and_what_deliveries_point_at(
    transactional_letters, review, cheshire, merseyside, inspector, signatory
):
    add_letter_template(review)
    issued(review, merseyside, inspector, signatory)
    assess(review, cheshire, inspector)
    submission = Submission.objects.create(
        review=review, force=cheshire, channel="email", submitted_by=inspector, received_at=timezone.now()
    )
    email_queue(to=["x@example.org"], subject="Receipt", body="", about=submission)
    counts = (Review.objects.count(), Assessment.objects.count(), Submission.objects.count())
    history = (Review.history.count(), Assessment.history.count(), Submission.history.count())

    old = migrate(BEFORE_THE_MOVE).apps
    assert old.get_model("recommendations", "Submission").objects.count() == counts[2]
    assert old.get_model("recommendations", "HistoricalAssessment").objects.count() == history[1]
    assert ContentType.objects.filter(app_label="recommendations", model="submission").exists()

    migrate()
    assert (Review.objects.count(), Assessment.objects.count(), Submission.objects.count()) == counts
    assert (Review.history.count(), Assessment.history.count(), Submission.history.count()) == history
    assert Review.history.first().forces.count() == review.forces.count()
    assert Delivery.objects.get(subject="Receipt").about == submission
