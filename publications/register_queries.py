"""What the public may read of the register: recommendations whose report is published, their status
at each force, never an internal note. Each list is one query (plus its count) whatever its size."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from inspections.models import TopicRename
from recommendations.models import OUTCOMES, Recommendation, RecommendationLink, RegisterEntry, RegisterStatus
from recommendations.register import Delay, with_delay


def public_recommendations(today: datetime.date | None = None) -> QuerySet[Recommendation]:
    """Recommendations of published reports: nothing of a report is public before its publication."""
    today = today or timezone.localdate()
    return Recommendation.objects.filter(report__published_on__lte=today)


def public_entries(today: datetime.date | None = None) -> QuerySet[RegisterEntry]:
    """Every public register entry with its delay, ready for a list: one query."""
    today = today or timezone.localdate()
    entries = RegisterEntry.objects.filter(recommendation__report__published_on__lte=today)
    return with_delay(entries.select_related("force", "recommendation__report", "recommendation__topic"), today)


def entry_conditions(prefix: str, due_on: str, today: datetime.date) -> dict[str, Q]:
    """The delay of an entry reached through `prefix` ('' or 'entries__') as with_delay() works it out
    (the force's latest target date, or else the recommendation's due date, at `due_on`), as conditions."""
    open_ = ~Q(**{f"{prefix}status__in": sorted(OUTCOMES)})
    late = Q(**{f"{prefix}target_date__lt": today}) | Q(
        **{f"{prefix}target_date__isnull": True, f"{due_on}__lt": today}
    )
    revised = Q(**{f"{prefix}target_revisions__gt": 0})
    return {
        Delay.DONE: ~open_,
        Delay.OVERDUE: open_ & late,
        Delay.REVISED: open_ & ~late & revised,
        Delay.ON_TRACK: open_ & ~late & ~revised,
    }


def with_counts(recommendations: QuerySet[Recommendation], today: datetime.date | None = None):
    """Each recommendation with how many forces stand at each status and each delay, in the same query."""
    today = today or timezone.localdate()
    by_status = {
        f"status_{status.value}": Count("entries", filter=Q(entries__status=status.value)) for status in RegisterStatus
    }
    by_delay = {
        f"delay_{delay}": Count("entries", filter=condition)
        for delay, condition in entry_conditions("entries__", "due_on", today).items()
    }
    return recommendations.annotate(force_count=Count("entries"), **by_status, **by_delay)


def status_counts(recommendation: Recommendation) -> list[tuple[str, int]]:
    """(label, count) for each status some force is at, in the register's order, from with_counts()."""
    counts = [(status.label, getattr(recommendation, f"status_{status.value}", 0)) for status in RegisterStatus]
    return [(label, count) for label, count in counts if count]


def search(recommendations: QuerySet[Recommendation], text: str) -> QuerySet[Recommendation]:
    """Every word in the reference, the text, the report, or the topic under any name it has had."""
    for word in text.split()[:12]:
        former_names = TopicRename.objects.filter(topic=OuterRef("topic"), former_name__icontains=word)
        recommendations = recommendations.filter(
            Q(reference__icontains=word)
            | Q(text__icontains=word)
            | Q(report__title__icontains=word)
            | Q(topic__name__icontains=word)
            | Exists(former_names)
        )
    return recommendations


def filter_recommendations(
    recommendations: QuerySet[Recommendation],
    *,
    today: datetime.date | None = None,
    report: int | None = None,
    year: int | None = None,
    topic: int | None = None,
    force: str = "",
    status: str = "",
    kind: str = "",
    priority: bool | None = None,
    overdue: bool = False,
    q: str = "",
) -> QuerySet[Recommendation]:
    """Filters on the entries (force, status, overdue) ask for one entry meeting them all, through a
    subquery, so that the counts still cover every force."""
    today = today or timezone.localdate()
    if report:
        recommendations = recommendations.filter(report_id=report)
    if year:  # the year the report was published
        recommendations = recommendations.filter(
            report__published_on__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        )
    if topic:
        recommendations = recommendations.filter(topic_id=topic)
    if kind:
        recommendations = recommendations.filter(kind=kind)
    if priority is not None:
        recommendations = recommendations.filter(is_priority=priority)
    if force or status:
        entries = RegisterEntry.objects.filter(recommendation=OuterRef("pk"))
        if force:
            entries = entries.filter(force__slug=force)
        if status:
            entries = entries.filter(status=status)
        if overdue:
            entries = entries.filter(entry_conditions("", "recommendation__due_on", today)[Delay.OVERDUE])
        recommendations = recommendations.filter(Exists(entries))
    elif overdue:  # overdue at some force: kept on the recommendation, so that no entry is read
        recommendations = recommendations.filter(open_deadline__lt=today)
    if q:
        recommendations = search(recommendations, q)
    return recommendations


def public_links(
    recommendation: Recommendation, today: datetime.date | None = None
) -> list[tuple[str, Recommendation]]:
    """Its links both ways to other public recommendations, as (how it reads from here, the other one)."""
    today = today or timezone.localdate()
    onward = RecommendationLink.objects.filter(earlier=recommendation, later__report__published_on__lte=today)
    back = RecommendationLink.objects.filter(later=recommendation, earlier__report__published_on__lte=today)
    return [
        (link.get_kind_display(), link.later) for link in onward.select_related("later__report", "later__topic")
    ] + [(link.inverse_label, link.earlier) for link in back.select_related("earlier__report", "earlier__topic")]
