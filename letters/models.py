"""Assessment letters: a template per review, and letters that freeze for good once issued."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.files import file_matches, generated_file_name
from core.history import AuditedModel, audit_history

from .placeholders import check_placeholders


class LetterTemplate(AuditedModel):
    """The standard text of a review's letters, with named placeholders from a fixed list."""

    review = models.OneToOneField("reviews.Review", on_delete=models.CASCADE, related_name="letter_template")
    heading = models.CharField(max_length=300, default="$inspectorate assessment: $topic_title")
    body = models.TextField(
        help_text="Paragraphs separated by a blank line; start each line of a quotation with '>'; "
        "*asterisks* for italics. Put $outcome_paragraph and $element_sentences where the assessment goes."
    )
    names_office_holders = models.BooleanField(
        "Name the office holders",
        default=True,
        help_text="Address the chief officer and copy the governance body by name, as recorded for each letter's "
        "date ('Chief Constable Andy Cooke QPM'). Untick to use the titles only ('Chief Constable'), as the "
        "letters of October 2017 did. The greeting always uses the title.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = audit_history()

    def __str__(self):
        return f"Letter template for {self.review}"

    def clean(self):
        check_placeholders(self.heading)
        check_placeholders(self.body)


class Letter(AuditedModel):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        ISSUED = "issued", "Issued"

    assessment = models.ForeignKey("reviews.Assessment", on_delete=models.PROTECT, related_name="letters")
    review = models.ForeignKey("reviews.Review", on_delete=models.PROTECT, related_name="letters")
    force = models.ForeignKey("forces.Force", on_delete=models.PROTECT, related_name="letters")
    version = models.PositiveSmallIntegerField(default=1)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        help_text="The issued letter this version corrects.",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    heading = models.CharField(max_length=300)
    body = models.TextField()
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(auto_now_add=True)
    # Who last changed the draft after drafting it; blank until someone does. The approver must be
    # someone else (LETTER_APPROVAL_BY_ANOTHER_USER), so a letter always passes a second pair of eyes.
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    # Set once, when issued: everything the letter shows, as it was that day.
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    # Chosen by the inspector on a draft, or left blank for the day it is issued.
    letter_date = models.DateField(null=True, blank=True)
    inspectorate_name = models.CharField(max_length=300, blank=True)
    addressee_title = models.CharField(max_length=100, blank=True)
    force_name = models.CharField(max_length=200, blank=True)
    governance_title = models.CharField(max_length=200, blank=True)
    # The addressee and 'Copied to' lines as printed, with the office holders in office on the letter's date
    # ('Chief Constable Andy Cooke QPM'). Nullable (a plain ADD COLUMN, see outcome_name); letters issued
    # before they existed printed the titles above.
    addressee_line = models.CharField(max_length=400, null=True, blank=True)
    copied_to_line = models.CharField(max_length=500, null=True, blank=True)
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_titles = models.TextField(blank=True)
    # A copy of the signatory's signature as it was that day, in storage like the PDF. The files' columns are
    # nullable so that adding them was a plain ADD COLUMN (see outcome_name).
    signature = models.FileField(upload_to=generated_file_name, max_length=200, null=True, blank=True)
    signature_size = models.PositiveBigIntegerField(null=True, blank=True)
    signature_sha256 = models.CharField("SHA-256 of the signature", max_length=64, null=True, blank=True)
    # What the letter concluded (the outcome category of its assessment that day). Nullable so that adding it
    # is a plain ADD COLUMN: on SQLite a rebuilt table would lose the triggers that freeze issued letters.
    outcome_name = models.CharField(max_length=300, null=True, blank=True)
    sent_to = models.CharField(max_length=500, blank=True)
    copied_to = models.CharField(max_length=500, blank=True)
    # The PDF made once, when issued, kept in storage under a generated name; the row records its size and SHA-256.
    pdf = models.FileField(upload_to=generated_file_name, max_length=200, null=True, blank=True)
    pdf_size = models.PositiveBigIntegerField(null=True, blank=True)
    pdf_sha256 = models.CharField("SHA-256 of the PDF", max_length=64, blank=True)

    # The history records the files' sizes and SHA-256, not where storage keeps them.
    history = audit_history(excluded_fields=["pdf", "signature"])

    class Meta:
        ordering = ["review", "force__name", "version"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=["draft", "approved", "issued"]), name="letter_state_valid"),
            models.UniqueConstraint(fields=["assessment", "version"], name="one_letter_per_version"),
            models.CheckConstraint(
                condition=~Q(state="approved") | Q(approved_by__isnull=False, approved_at__isnull=False),
                name="approved_letter_records_approver",
            ),
            models.CheckConstraint(
                condition=~Q(state="issued")
                | Q(
                    issued_by__isnull=False,
                    issued_at__isnull=False,
                    letter_date__isnull=False,
                    pdf__isnull=False,
                    pdf__gt="",
                    pdf_size__isnull=False,
                    pdf_size__gt=0,
                    pdf_sha256__regex=r"^[0-9a-f]{64}$",
                ),
                name="issued_letter_is_complete",
            ),
        ]

    def __str__(self):
        return f"Letter to {self.force} ({self.get_state_display().lower()}, version {self.version})"

    def save(self, *args, **kwargs):
        if self.pk:
            stored_state = Letter.objects.filter(pk=self.pk).values_list("state", flat=True).first()
            if stored_state == self.State.ISSUED:
                raise FrozenLetterError("An issued letter cannot be changed. Make a corrected version instead.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("letters:detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        if self.is_issued:
            raise FrozenLetterError("An issued letter cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def is_issued(self):
        return self.state == self.State.ISSUED

    @property
    def last_editor_id(self):
        """The drafter counts as the first editor (for a correction, whoever drafted the correction)."""
        return self.edited_by_id or self.drafted_by_id

    @property
    def last_editor(self):
        return self.edited_by if self.edited_by_id else self.drafted_by

    @property
    def is_editable(self):
        return self.state in (self.State.DRAFT, self.State.APPROVED)

    @property
    def filename(self):
        """The one name of the letter's PDF, wherever it is downloaded or attached: review, force, version."""
        draft = "" if self.is_issued else "draft-"
        return f"{draft}{self.review.slug}-{self.force.slug}-v{self.version}.pdf"

    def pdf_matches(self):
        return file_matches(self.pdf, self.pdf_sha256)


class FrozenLetterError(Exception):
    """Raised by the code before the database trigger would refuse the same change."""


class BulkJob(models.Model):
    """Background work over a review's letters, with the progress its page shows.

    A job holds a lease: each letter done renews `heartbeat_at`. A job whose lease has run out has lost its
    worker; the worker's sweep hands it to a worker again, up to MAX_ATTEMPTS times, then marks it failed.
    """

    LEASE = datetime.timedelta(minutes=2)  # longer than any one letter takes (the PDF's time limit included)
    MAX_ATTEMPTS = 3

    class Kind(models.TextChoices):
        DRAFT = "draft", "Draft letters for all assessed forces"
        ISSUE = "issue", "Issue all approved letters"
        CHASE = "chase", "Draft chasing letters for the overdue forces"

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="bulk_jobs")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    processed = models.JSONField(default=list, blank=True, help_text="The ids of the forces dealt with so far.")
    problems = models.TextField(blank=True)
    failure = models.TextField(blank=True, help_text="Why the job stopped before the end.")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(default=1, help_text="How many times it was handed to a worker.")
    heartbeat_at = models.DateTimeField(default=timezone.now, help_text="When it was queued or last made progress.")
    task_id = models.CharField(max_length=64, blank=True, help_text="The queued task of the current attempt.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["draft", "issue", "chase"]), name="bulk_job_kind_valid"),
            models.CheckConstraint(
                condition=Q(state__in=["queued", "running", "done", "failed"]), name="bulk_job_state_valid"
            ),
            models.CheckConstraint(condition=~Q(state="failed") | ~Q(failure=""), name="failed_bulk_job_says_why"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.done} of {self.total})"

    @property
    def is_finished(self):
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def problem_list(self):
        return [line for line in self.problems.splitlines() if line]

    @property
    def succeeded(self):
        return self.done - len(self.problem_list)


# The factual-accuracy check's models live in their own module; importing them here registers them.
from .accuracy_models import AccuracyCheck, AccuracyCheckRule, AccuracyComment, AccuracyEvidence  # noqa: E402
from .chase_models import ChaseLetter, ChaseTemplate  # noqa: E402

__all__ = [
    "AccuracyCheck",
    "AccuracyCheckRule",
    "AccuracyComment",
    "AccuracyEvidence",
    "BulkJob",
    "ChaseLetter",
    "ChaseTemplate",
    "FrozenLetterError",
    "Letter",
    "LetterTemplate",
]
