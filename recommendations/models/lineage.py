"""Links between recommendations across reports: one supersedes, is reframed as, or is followed up by another."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone


class RecommendationLink(models.Model):
    class Kind(models.TextChoices):
        SUPERSEDED_BY = "superseded_by", "Superseded by"
        REFRAMED_AS = "reframed_as", "Reframed as"
        FOLLOWED_UP_BY = "followed_up_by", "Followed up by"

    # Read from the other end: "B supersedes A" for "A superseded by B".
    INVERSE = {
        Kind.SUPERSEDED_BY: "Supersedes",
        Kind.REFRAMED_AS: "Reframes",
        Kind.FOLLOWED_UP_BY: "Follows up",
    }

    earlier = models.ForeignKey("recommendations.Recommendation", on_delete=models.CASCADE, related_name="links_on")
    later = models.ForeignKey("recommendations.Recommendation", on_delete=models.CASCADE, related_name="links_back")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    note = models.TextField(blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["earlier", "later", "kind"], name="one_link_of_a_kind"),
            models.CheckConstraint(condition=~Q(earlier=F("later")), name="link_joins_two_recommendations"),
        ]

    def __str__(self):
        return f"{self.earlier} {self.get_kind_display().lower()} {self.later}"

    @property
    def inverse_label(self):
        return self.INVERSE[self.Kind(self.kind)]
