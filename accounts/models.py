"""Users of the service and the role each plays: inspector, signatory, force liaison officer or the
force's governance body."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q

# The roles that act for one force, and only for it.
FORCE_ROLES = ["liaison_officer", "governance_body"]


class User(AbstractUser):
    class Role(models.TextChoices):
        INSPECTOR = "inspector", "Inspector"
        SIGNATORY = "signatory", "Signatory (HM Inspector)"
        LIAISON_OFFICER = "liaison_officer", "Force liaison officer"
        GOVERNANCE_BODY = "governance_body", "Governance body (police and crime commissioner or equivalent)"

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.INSPECTOR)
    force = models.ForeignKey(
        "forces.Force",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="liaison_officers",
        help_text="The one force a liaison officer or governance body acts for; blank for inspectorate staff.",
    )
    # What a signatory's letters print under the signature.
    post_nominals = models.CharField(max_length=50, blank=True, help_text="For example QPM.")
    title_lines = models.TextField(blank=True, help_text="One title per line, as the letter prints them.")
    signature = models.ImageField(
        upload_to="signatures/",
        blank=True,
        validators=[FileExtensionValidator(["png"])],
        help_text="A PNG of the handwritten signature, printed on issued letters.",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["inspector", "signatory", "liaison_officer", "governance_body"]),
                name="user_role_valid",
            ),
            models.CheckConstraint(
                condition=(Q(role__in=FORCE_ROLES) & Q(force__isnull=False))
                | (~Q(role__in=FORCE_ROLES) & Q(force__isnull=True)),
                name="user_force_iff_force_role",
            ),
        ]

    @property
    def is_inspector(self):
        """Signatories are inspectors too: they see and do everything an inspector does."""
        return self.role in (self.Role.INSPECTOR, self.Role.SIGNATORY)

    @property
    def is_signatory(self):
        return self.role == self.Role.SIGNATORY

    @property
    def is_liaison_officer(self):
        return self.role == self.Role.LIAISON_OFFICER

    @property
    def is_governance_body(self):
        """The force's local policing body (a PCC, a mayor's office): answers inspection reports (s.55)."""
        return self.role == self.Role.GOVERNANCE_BODY

    @property
    def display_name(self):
        return self.get_full_name() or self.username

    @property
    def signatory_name(self):
        """The name as signed: 'Michael Cunningham QPM'."""
        return " ".join(part for part in (self.get_full_name(), self.post_nominals) if part)

    @property
    def title_line_list(self):
        return [line.strip() for line in self.title_lines.splitlines() if line.strip()]
