"""The police forces and other bodies the inspectorate inspects, and the people in post at each (dated)."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from core.history import AuditedModel, audit_history


class Force(AuditedModel):
    class Kind(models.TextChoices):
        TERRITORIAL = "territorial", "Territorial police force"
        NATIONAL = "national", "National body"
        OTHER = "other", "Other body"

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    country = models.CharField(max_length=60, blank=True)
    region = models.CharField(
        max_length=60, blank=True, help_text="Police region; blank for national and other bodies."
    )
    chief_officer_title = models.CharField(max_length=100, blank=True)
    governance_title = models.CharField(
        max_length=200,
        blank=True,
        help_text="The body that oversees the force today, as a letter's 'Copied to' line names it.",
    )
    governance_changes = models.TextField(
        blank=True, help_text="Dated changes in governance, as recorded in the reference data."
    )
    ons_code = models.CharField("ONS police force area code", max_length=12, blank=True)
    chief_officer_email = models.EmailField("chief officer's office email", blank=True)
    governance_email = models.EmailField("governance body's email", blank=True)
    notes = models.TextField(blank=True)
    # What the reference CSV last said for each field it owns (load_forces): a field whose value differs
    # from it was edited in the service, and a later load keeps that edit.
    reference_values = models.JSONField(default=dict, blank=True, editable=False)

    history = audit_history()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["territorial", "national", "other"]), name="force_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forces:detail", args=[self.slug])

    @property
    def is_territorial(self):
        return self.kind == self.Kind.TERRITORIAL


class OfficeHolder(AuditedModel):
    """A person in post at a force for a dated term: its chief officer, or the holder of its governance body.

    A term runs from started_on to ended_on, both days included; an open term (no end) is current. Terms of
    the same office at the same force never overlap (clean(), checked again by the service under a lock;
    the database keeps at most one open term per office).
    """

    class Office(models.TextChoices):
        CHIEF_OFFICER = "chief_officer", "Chief officer"
        PCC = "pcc", "Police and Crime Commissioner"
        PFCC = "pfcc", "Police, Fire and Crime Commissioner"
        MAYOR = "mayor", "Mayor"
        DEPUTY_MAYOR = "deputy_mayor", "Deputy Mayor for Policing and Crime"
        COMMITTEE_CHAIR = "committee_chair", "Chair of the Police Authority Board"

    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="office_holders")
    office = models.CharField(max_length=20, choices=Office.choices)
    name = models.CharField(max_length=200, help_text="As the person is addressed, such as Andy Cooke.")
    post_nominals = models.CharField(
        max_length=60, blank=True, help_text="Letters after the name, such as QPM. Leave blank if none."
    )
    area_name = models.CharField(
        "area",
        max_length=200,
        blank=True,
        help_text="The governance body's formal area, such as Merseyside (for Police and Crime Commissioner for "
        "Merseyside). Leave blank for a chief officer.",
    )
    started_on = models.DateField("in office from")
    ended_on = models.DateField("in office until", null=True, blank=True, help_text="The last day in office.")

    history = audit_history()

    class Meta:
        ordering = ["force__name", "office", "-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    office__in=["chief_officer", "pcc", "pfcc", "mayor", "deputy_mayor", "committee_chair"]
                ),
                name="office_holder_office_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="office_holder_ends_after_it_starts",
                violation_error_message="The end of the term must be on or after its start",
            ),
            models.UniqueConstraint(
                fields=["force"],
                condition=models.Q(ended_on__isnull=True, office="chief_officer"),
                name="one_open_chief_officer_term",
                violation_error_message="The force already has a chief officer in office: end that term first",
            ),
            models.UniqueConstraint(
                fields=["force"],
                condition=models.Q(ended_on__isnull=True) & ~models.Q(office="chief_officer"),
                name="one_open_governance_term",
                violation_error_message="The force's governance body already has a holder in office: end that "
                "term first",
            ),
        ]
        indexes = [models.Index(fields=["force", "started_on"], name="office_holder_force_start")]

    def __str__(self):
        return f"{self.name_with_post_nominals}, {self.title}"

    @property
    def is_chief_officer(self):
        return self.office == self.Office.CHIEF_OFFICER

    @property
    def name_with_post_nominals(self):
        return f"{self.name} {self.post_nominals}".strip()

    @property
    def title(self):
        """The office as a letter names it: Chief Constable; Police and Crime Commissioner for Merseyside."""
        if self.is_chief_officer:
            return self.force.chief_officer_title or self.get_office_display()
        label = self.get_office_display()
        if not self.area_name:
            return label
        joiner = " of " if self.office == self.Office.MAYOR else ", " if self.office in SET_APART else " for "
        return f"{label}{joiner}{self.area_name}"

    def same_office(self):
        """The terms that count as the same office: the chief officer's, or any governance holder's."""
        terms = OfficeHolder.objects.filter(force_id=self.force_id)
        if self.is_chief_officer:
            return terms.filter(office=self.Office.CHIEF_OFFICER)
        return terms.exclude(office=self.Office.CHIEF_OFFICER)

    def overlapping(self):
        """Other terms of the same office at the same force that share at least one day with this one."""
        terms = self.same_office().exclude(pk=self.pk)
        if self.ended_on is not None:
            terms = terms.filter(started_on__lte=self.ended_on)
        return terms.filter(models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=self.started_on))

    def clean(self):
        errors = {}
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = "The end of the term must be on or after its start"
        if self.office and not self.is_chief_officer and not self.area_name.strip():
            errors["area_name"] = "Enter the governance body's area, such as Merseyside"
        if not errors and self.force_id and self.office and self.started_on:
            clash = self.overlapping().order_by("started_on").first()
            if clash is not None:
                until = f"{clash.ended_on:%-d %B %Y}" if clash.ended_on else "today (the term is open)"
                errors["started_on"] = (
                    f"This term overlaps {clash.name_with_post_nominals}'s, {clash.title}, from "
                    f"{clash.started_on:%-d %B %Y} until {until}. End that term first, or change the dates"
                )
        if errors:
            raise ValidationError(errors)


# The offices whose area follows a comma: "Chair of the Police Authority Board, City of London Corporation".
SET_APART = {OfficeHolder.Office.DEPUTY_MAYOR, OfficeHolder.Office.COMMITTEE_CHAIR}


@dataclass(frozen=True)
class Holders:
    """Who was in office at a force on a day: its chief officer and its governance body's holder (or None)."""

    day: datetime.date
    chief_officer: OfficeHolder | None
    governance: OfficeHolder | None


def holders_on(force: Force, day: datetime.date) -> Holders:
    """The chief officer and the governance holder in office on the day (both days of a term included)."""
    terms = (
        OfficeHolder.objects.filter(force=force, started_on__lte=day)
        .filter(models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=day))
        .order_by("-started_on")
    )
    chief_officer = governance = None
    for term in terms:
        term.force = force  # its title reads the force: no query per term
        if term.is_chief_officer:
            chief_officer = chief_officer or term
        else:
            governance = governance or term
    return Holders(day=day, chief_officer=chief_officer, governance=governance)
