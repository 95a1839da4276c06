"""What a force sends for a review: submissions and their documents, and extensions of the deadline."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.documents import CONTENT_TYPES
from core.files import StoredDocument
from core.history import AuditedModel, audit_history
from forces.models import Force


class Submission(AuditedModel):
    class Channel(models.TextChoices):
        UPLOAD = "upload", "Uploaded by the force"
        EMAIL = "email", "Received by email, logged by an inspector"

    review = models.ForeignKey("Review", on_delete=models.PROTECT, related_name="submissions")
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="submissions")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    covering_note = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="submissions_made",
        help_text="The liaison officer who uploaded it, or the inspector who logged it.",
    )
    received_at = models.DateTimeField(help_text="When the inspectorate received it.")
    created_at = models.DateTimeField(default=timezone.now)
    # One per form shown: a double click, a replayed post or twenty at once keep a single submission.
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = audit_history(table_name="recommendations_historicalsubmission")

    class Meta:
        db_table = "recommendations_submission"  # kept from before the move to this app
        ordering = ["received_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(channel__in=["upload", "email"]), name="submission_channel_valid")
        ]

    def __str__(self):
        return f"{self.force} for {self.review} ({self.received_at:%-d %b %Y})"


class Document(AuditedModel, StoredDocument):
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="documents")

    history = audit_history(table_name="recommendations_historicaldocument")

    class Meta:
        db_table = "recommendations_document"  # kept from before the move to this app
        ordering = ["pk"]

    @property
    def content_type(self):
        return CONTENT_TYPES[self.kind]


class Extension(AuditedModel):
    review = models.ForeignKey("Review", on_delete=models.PROTECT, related_name="extensions")
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="extensions")
    new_deadline = models.DateField()
    reason = models.TextField()
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)

    history = audit_history(table_name="recommendations_historicalextension")

    class Meta:
        db_table = "recommendations_extension"  # kept from before the move to this app
        constraints = [models.UniqueConstraint(fields=["review", "force"], name="one_extension_per_force_per_review")]

    def __str__(self):
        return f"{self.force}: until {self.new_deadline:%-d %B %Y}"


class UploadReopening(AuditedModel):
    """Uploads closed by the force's issued letter, opened again by an inspector, until a date, for a reason.

    A reopening counts only for the letters issued before it: a corrected letter issued later closes
    uploads again. Every reopening is kept, so the record shows who reopened them, when and why.
    """

    review = models.ForeignKey("Review", on_delete=models.PROTECT, related_name="upload_reopenings")
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="upload_reopenings")
    until = models.DateField(help_text="The last day the force may upload.")
    reason = models.TextField()
    reopened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reopened_at = models.DateTimeField(default=timezone.now)

    history = audit_history(table_name="recommendations_historicaluploadreopening")

    class Meta:
        db_table = "recommendations_uploadreopening"  # kept from before the move to this app
        ordering = ["reopened_at", "pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(reason=""), name="upload_reopening_gives_a_reason")]

    def __str__(self):
        return f"{self.force}: uploads reopened until {self.until:%-d %B %Y}"
