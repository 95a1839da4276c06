"""Chasing letters: to a force whose deadline (or extension) has passed with nothing sent. Not an assessment
letter (there is no assessment to state), so a model of its own: drafted from the review's chasing text, its
PDF made once when drafted, then sent once, by email, to the chief officer and the liaison officers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.files import file_matches, generated_file_name
from core.history import AuditedModel, audit_history

from .placeholders import check_chase_placeholders

DEFAULT_CHASE_HEADING = "$inspectorate review: $topic_title"
DEFAULT_CHASE_BODY = """\
On $request_date we asked $force_name for its plans in response to our recommendation on $topic_name:

> $recommendation_text

Your force's deadline was $deadline. We have not received your plans.

Please send them as soon as possible through the service, or tell us when you will. If you have any queries, \
please contact $contact_name at $contact_email or on $contact_phone."""


class ChaseTemplate(AuditedModel):
    """The review's chasing text; a review without one chases with the default text."""

    review = models.OneToOneField("reviews.Review", on_delete=models.CASCADE, related_name="chase_template")
    heading = models.CharField(max_length=300, default=DEFAULT_CHASE_HEADING)
    body = models.TextField(default=DEFAULT_CHASE_BODY)
    updated_at = models.DateTimeField(auto_now=True)

    history = audit_history()

    def __str__(self):
        return f"Chasing letter text for {self.review}"

    def clean(self):
        check_chase_placeholders(self.heading)
        check_chase_placeholders(self.body)


class ChaseLetter(AuditedModel):
    class State(models.TextChoices):
        DRAFT = "draft", "Drafted"
        SENT = "sent", "Sent"

    review = models.ForeignKey("reviews.Review", on_delete=models.PROTECT, related_name="chase_letters")
    force = models.ForeignKey("forces.Force", on_delete=models.PROTECT, related_name="chase_letters")
    deadline = models.DateField(help_text="The deadline (or extension) the letter chases: one letter per deadline.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    heading = models.CharField(max_length=300)
    body = models.TextField()
    letter_date = models.DateField()
    # Nullable only because the columns were added to rows that held their bytes (letters/migrations/0010).
    pdf = models.FileField(upload_to=generated_file_name, max_length=200, null=True, blank=True)
    pdf_size = models.PositiveBigIntegerField(null=True, blank=True)
    pdf_sha256 = models.CharField("SHA-256 of the PDF", max_length=64)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_to = models.CharField(max_length=500, blank=True)
    copied_to = models.TextField(blank=True)

    # The PDF is kept in storage; the history records its size and SHA-256.
    history = audit_history(excluded_fields=["pdf"])

    class Meta:
        ordering = ["review", "force__name", "deadline"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=["draft", "sent"]), name="chase_letter_state_valid"),
            models.UniqueConstraint(fields=["review", "force", "deadline"], name="one_chase_letter_per_deadline"),
            models.CheckConstraint(
                condition=~Q(state="sent") | Q(sent_by__isnull=False, sent_at__isnull=False),
                name="sent_chase_letter_records_sender",
            ),
            models.CheckConstraint(
                condition=Q(
                    pdf__isnull=False,
                    pdf__gt="",
                    pdf_size__isnull=False,
                    pdf_size__gt=0,
                    pdf_sha256__regex=r"^[0-9a-f]{64}$",
                ),
                name="chase_letter_has_pdf",
            ),
        ]

    def __str__(self):
        return f"Chasing letter to {self.force} ({self.get_state_display().lower()})"

    def get_absolute_url(self):
        return reverse("letters:chase", args=[self.pk])

    @property
    def is_sent(self):
        return self.state == self.State.SENT

    @property
    def filename(self):
        return f"chasing-letter-{self.review.slug}-{self.force.slug}-{self.deadline:%Y-%m-%d}.pdf"

    def pdf_matches(self):
        return file_matches(self.pdf, self.pdf_sha256)
