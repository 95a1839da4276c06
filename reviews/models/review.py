"""A review asks forces for evidence against one recommendation, and records each force's assessment."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from core.history import AuditedModel, audit_history
from forces.models import Force
from recommendations.models import RegisterStatus


class Review(AuditedModel):
    recommendation = models.ForeignKey(
        "recommendations.Recommendation", on_delete=models.PROTECT, related_name="reviews"
    )
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100, unique=True, help_text="Used in the review's public links.")
    request_date = models.DateField()
    submission_deadline = models.DateField()
    assessment_period = models.CharField(max_length=100, help_text="For example June 2017.")
    lead_signatory = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reviews_led",
        limit_choices_to={"role": "signatory"},
    )
    contact_name = models.CharField(max_length=200)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=40)
    forces = models.ManyToManyField(Force, related_name="reviews", db_table="recommendations_review_forces")
    is_demonstration = models.BooleanField(
        default=False, help_text="Demonstration data loaded on a development machine, not a real review."
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="reviews_opened"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = audit_history(m2m_fields=[forces], table_name="recommendations_historicalreview")

    class Meta:
        db_table = "recommendations_review"  # kept from before the move to this app
        ordering = ["-request_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(submission_deadline__gte=F("request_date")),
                name="review_deadline_not_before_request",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reviews:review-detail", args=[self.pk])


class AssessmentElement(AuditedModel):
    """One thing each force's plan is judged on, such as 'monitoring of IT systems'."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="elements")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=300)
    phrase = models.CharField(
        "Phrase in a grouped sentence",
        max_length=200,
        blank=True,
        help_text="How a letter names this element when it says one sentence for several elements sharing a "
        "judgement, such as 'monitoring your IT systems actively'. Leave blank and it always says its own sentence.",
    )

    history = audit_history(table_name="recommendations_historicalassessmentelement")

    class Meta:
        db_table = "recommendations_assessmentelement"  # kept from before the move to this app
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["review", "name"], name="element_name_unique_in_review")]

    def __str__(self):
        return self.name


class ElementJudgement(AuditedModel):
    """A judgement an inspector may make on an element, such as 'already commenced'."""

    element = models.ForeignKey(AssessmentElement, on_delete=models.CASCADE, related_name="judgements")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=100)
    letter_sentence = models.TextField(
        blank=True, help_text="What a letter says for this judgement. Leave blank to say nothing."
    )

    history = audit_history(table_name="recommendations_historicalelementjudgement")

    class Meta:
        db_table = "recommendations_elementjudgement"  # kept from before the move to this app
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["element", "label"], name="judgement_label_unique_in_element")]

    def __str__(self):
        return self.label


class GroupedSentence(AuditedModel):
    """One sentence for every element of a force's assessment sharing a judgement, naming the elements' phrases
    in its $elements placeholder: 'Work on $elements has already started.'"""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="grouped_sentences")
    label = models.CharField("Judgement", max_length=100)
    letter_sentence = models.TextField()

    history = audit_history()

    class Meta:
        ordering = ["label"]
        constraints = [models.UniqueConstraint(fields=["review", "label"], name="grouped_sentence_unique_per_label")]

    def __str__(self):
        return self.label


class Qualifier(AuditedModel):
    """A word or phrase an inspector may choose to describe a force's plans, such as 'comprehensive'."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="qualifiers")
    position = models.PositiveSmallIntegerField(default=0)
    phrase = models.CharField(max_length=100)

    history = audit_history()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["review", "phrase"], name="qualifier_unique_in_review")]

    def __str__(self):
        return self.phrase


class OutcomeCategory(AuditedModel):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="outcome_categories")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=300)
    letter_paragraph = models.TextField(blank=True, help_text="What a letter says to a force in this category.")
    register_status = models.CharField(
        "Proposed register status",
        max_length=20,
        choices=RegisterStatus.choices,
        blank=True,
        help_text="The status on the register an assessment in this category proposes; an inspector confirms it.",
    )

    history = audit_history(table_name="recommendations_historicaloutcomecategory")

    class Meta:
        db_table = "recommendations_outcomecategory"  # kept from before the move to this app
        ordering = ["position", "pk"]
        verbose_name_plural = "outcome categories"
        constraints = [models.UniqueConstraint(fields=["review", "name"], name="outcome_name_unique_in_review")]

    def __str__(self):
        return self.name


class Assessment(AuditedModel):
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="assessments")
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="assessments")
    outcome = models.ForeignKey(OutcomeCategory, on_delete=models.PROTECT, related_name="assessments")
    qualifier = models.ForeignKey(
        Qualifier, on_delete=models.PROTECT, null=True, blank=True, related_name="assessments"
    )
    notes = models.TextField(blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField()

    history = audit_history(table_name="recommendations_historicalassessment")

    class Meta:
        db_table = "recommendations_assessment"  # kept from before the move to this app
        ordering = ["review", "force__name"]
        constraints = [models.UniqueConstraint(fields=["review", "force"], name="one_assessment_per_force_per_review")]

    def __str__(self):
        return f"{self.force}: {self.outcome}"


class AssessmentJudgement(AuditedModel):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="judgements")
    element = models.ForeignKey(AssessmentElement, on_delete=models.PROTECT, related_name="+")
    judgement = models.ForeignKey(ElementJudgement, on_delete=models.PROTECT, related_name="+")

    history = audit_history(table_name="recommendations_historicalassessmentjudgement")

    class Meta:
        db_table = "recommendations_assessmentjudgement"  # kept from before the move to this app
        ordering = ["element__position", "element__pk"]
        constraints = [models.UniqueConstraint(fields=["assessment", "element"], name="one_judgement_per_element")]

    def __str__(self):
        return f"{self.element}: {self.judgement}"
