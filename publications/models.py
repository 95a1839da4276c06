"""Publication: issued letters and a national overview released together at a set time (an embargo)."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from core.files import file_matches, generated_file_name
from core.history import AuditedQuerySet, audit_history


class PublicationQuerySet(AuditedQuerySet):
    def released(self, now=None):
        return self.filter(release_at__lte=now or timezone.now())


class Publication(models.Model):
    """What a review makes public at one moment. Nothing of it is public before release_at."""

    review = models.ForeignKey("reviews.Review", on_delete=models.PROTECT, related_name="publications")
    release_at = models.DateTimeField("release time")
    overview_title = models.CharField(max_length=300, blank=True)
    introduction = models.TextField(blank=True, help_text="The inspectorate's introduction to the national overview.")
    # Made when scheduled, kept in storage under a generated name; blank when the publication has no overview.
    overview_pdf = models.FileField(upload_to=generated_file_name, max_length=200, blank=True)
    overview_size = models.PositiveBigIntegerField(null=True, blank=True)
    overview_sha256 = models.CharField(max_length=64, blank=True)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    scheduled_at = models.DateTimeField(auto_now_add=True)

    objects = PublicationQuerySet.as_manager()
    history = audit_history(excluded_fields=["overview_pdf"])

    class Meta:
        ordering = ["release_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(overview_title="")
                | Q(
                    overview_pdf__gt="",
                    overview_size__isnull=False,
                    overview_size__gt=0,
                    overview_sha256__regex=r"^[0-9a-f]{64}$",
                ),
                name="publication_overview_has_its_pdf",
            )
        ]

    def __str__(self):
        return f"{self.review} released {self.release_at:%-d %B %Y %H:%M}"

    @property
    def has_overview(self):
        return bool(self.overview_title)

    @property
    def is_released(self):
        return self.release_at <= timezone.now()

    def overview_matches(self):
        return file_matches(self.overview_pdf, self.overview_sha256)


class PublishedLetterQuerySet(AuditedQuerySet):
    def public(self, now=None):
        """Letters whose release time has passed, withdrawn or not (a withdrawal leaves a public notice).

        A letter withdrawn before its release time was never public, and never becomes public.
        """
        return self.filter(release_at__lte=now or timezone.now()).exclude(withdrawn_at__lt=F("release_at"))

    def latest_versions(self, now=None):
        """Public entries that no later public version of the same force's letter in the review follows:
        the one definition of "the latest version" the public pages use."""
        now = now or timezone.now()
        return self.public(now).filter(Q(superseded_at__isnull=True) | Q(superseded_at__gt=now))


# Copied or worked out by the service that writes the entry, never edited: the audit trail leaves them out.
ENTRY_DERIVED_FIELDS = ["release_at", "letter_date", "force", "superseded_at", "search_vector"]


class PublishedLetter(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="letters")
    letter = models.OneToOneField("letters.Letter", on_delete=models.PROTECT, related_name="publication_entry")
    # Copied when scheduled, so the overview says what the assessments said on that day.
    outcome_name = models.CharField(max_length=300)
    outcome_position = models.PositiveSmallIntegerField()
    # Copied from the publication (never rescheduled), so the public lists filter and sort on one table.
    release_at = models.DateTimeField(editable=False)
    letter_date = models.DateField(editable=False)  # the letter's own, frozen at its issue
    # The letter's force, copied, so that a force's letters are counted and paged on this table's index.
    force = models.ForeignKey(
        "forces.Force", on_delete=models.PROTECT, related_name="+", editable=False, db_index=False
    )  # published_letter_force, below, starts with it
    # When a later version of the same force's letter in the review becomes public: from then on this
    # entry is no longer the latest (supersession_refresh keeps it true).
    superseded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # PostgreSQL full-text search over the letter, its force, review and topic (former names included):
    # written by search.search_vectors_refresh, unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = PublishedLetterQuerySet.as_manager()
    history = audit_history(
        excluded_fields=["release_at", "letter_date", "force", "superseded_at", "search_vector"]
    )  # derived

    class Meta:
        ordering = ["letter__force__name", "letter__version"]
        indexes = [
            models.Index(F("release_at").desc(), "id", name="published_letter_release"),
            # What "public" and "latest" read, in the index itself: counting them never visits the table.
            models.Index(
                fields=["release_at"], include=["superseded_at", "withdrawn_at"], name="published_letter_public"
            ),
            models.Index(fields=["letter_date"], name="published_letter_date"),
            # A force's letters, newest first, counted and paged on the index alone.
            models.Index(
                "force",
                F("release_at").desc(),
                F("id").desc(),
                include=["superseded_at", "withdrawn_at"],
                name="published_letter_force",
            ),
            GinIndex(fields=["search_vector"], name="published_letter_search"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""),
                name="withdrawal_gives_a_reason",
            )
        ]

    def __str__(self):
        return f"{self.letter} in {self.publication}"

    def save(self, *args, **kwargs):
        if self.release_at is None:
            self.release_at = self.publication.release_at
        if self.letter_date is None:
            self.letter_date = self.letter.letter_date
        if self.force_id is None:
            self.force_id = self.letter.force_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """This version's own page: stable, whatever versions follow it."""
        letter = self.letter
        return reverse("publications:letter-version", args=[letter.review.slug, letter.force.slug, letter.version])

    def get_pdf_url(self):
        letter = self.letter
        return reverse("publications:letter-version-pdf", args=[letter.review.slug, letter.force.slug, letter.version])

    @property
    def public_id(self):
        """A stable identifier for open data: review, force and version."""
        return f"{self.letter.review.slug}/{self.letter.force.slug}/v{self.letter.version}"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None
