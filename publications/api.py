"""The register's read-only JSON API, with its OpenAPI description (django-ninja). GET only, no sign-in,
nothing the public pages do not show. A bad filter, limit or offset is a 4xx with a JSON body."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError
from pydantic import Field

from recommendations.models import Recommendation, RegisterStatus

from .register_data import TimelineAddress, open_recommendations, recommendation_record, status_record
from .register_queries import filter_recommendations, public_entries, public_recommendations

MAX_LIMIT = 100

api = NinjaAPI(
    title="Register of recommendations",
    version="1",
    description=(
        "Every published recommendation of the inspectorate and where it stands at each police force it "
        "applies to. Read only; the same data as the register's pages and open data files."
    ),
    urls_namespace="api-v1",
    docs_url=None,  # the interactive page loads scripts from a CDN: the service's CSP allows none
)


class Page(Schema):
    limit: int = Field(25, ge=1, le=MAX_LIMIT, description=f"How many results, at most {MAX_LIMIT}")
    offset: int = Field(0, ge=0, le=10**9, description="How many results to skip")


class RecommendationFilters(Page):
    report: int | None = Field(None, ge=1, le=2**31 - 1, description="The report's id")
    topic: int | None = Field(None, ge=1, le=2**31 - 1, description="The topic's id")
    kind: Recommendation.Kind | None = None
    priority: bool | None = None
    status: RegisterStatus | None = Field(None, description="At least one force (the force given, if any) at it")
    force: str | None = Field(None, max_length=100, pattern=r"^[-a-zA-Z0-9_]+$", description="A force's slug")
    overdue: bool = Field(False, description="Only those overdue at a force (the force given, if any)")
    q: str | None = Field(None, max_length=200, description="Words of the reference, text, report or topic (any name)")


class StatusFilters(Page):
    force: str | None = Field(None, max_length=100, pattern=r"^[-a-zA-Z0-9_]+$", description="A force's slug")
    status: RegisterStatus | None = None
    recommendation: str | None = Field(None, max_length=60, description="A recommendation's reference")
    changed_since: datetime.date | None = Field(None, description="Only statuses that took effect on or after it")


class StatusOut(Schema):
    recommendation: str
    force: str
    force_name: str
    status: str
    status_label: str
    status_since: datetime.date | None
    response: str
    target_date: datetime.date | None
    target_revisions: int
    claimed_on: datetime.date | None
    verified_on: datetime.date | None
    delay: str
    delay_label: str
    url: str


class RecommendationOut(Schema):
    reference: str
    report: str
    report_published_on: datetime.date
    topic: str
    topic_former_names: str
    kind: str
    priority: bool
    priority_reason: str
    text: str
    timescale: str
    due_on: datetime.date | None
    forces: int
    forces_awaiting: int
    forces_progressed: int
    forces_force_complete: int
    forces_verified: int
    forces_superseded: int
    forces_not_relevant: int
    forces_not_implemented: int
    forces_overdue: int
    url: str


class RecommendationDetailOut(RecommendationOut):
    statuses: list[StatusOut]


class RecommendationPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[RecommendationOut]


class StatusPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[StatusOut]


class Error(Schema):
    detail: Any


def page_of(items: QuerySet[Any], page: Page) -> tuple[int, list[Any]]:
    """The page's items and the total: two queries. An offset past the end is not found."""
    count = items.count()
    if page.offset and page.offset >= count:
        raise HttpError(404, f"The offset is past the last of {count} results")
    return count, list(items[page.offset : page.offset + page.limit])


@api.get(
    "/recommendations",
    response={200: RecommendationPage, 404: Error},
    url_name="recommendations",
    summary="Published recommendations, with how many forces are at each status",
)
def recommendations(request, filters: Query[RecommendationFilters]):
    chosen = filters.model_dump(exclude={"limit", "offset"})
    chosen = {
        **chosen,
        "status": chosen["status"].value if chosen["status"] else "",
        "kind": chosen["kind"].value if chosen["kind"] else "",
        "force": chosen["force"] or "",
        "q": chosen["q"] or "",
    }
    chosen_ones = filter_recommendations(public_recommendations(), **chosen).order_by("reference")
    count, page = page_of(chosen_ones.values_list("pk", flat=True), filters)
    # The forces' counts for this page only: never an aggregate over the whole register before the slice.
    items = open_recommendations().filter(pk__in=page)
    results = [recommendation_record(request, recommendation) for recommendation in items]
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "results": results}


@api.get(
    "/recommendations/{reference}",
    response={200: RecommendationDetailOut, 404: Error},
    url_name="recommendation",
    summary="One recommendation with its status at every force it applies to",
)
def recommendation(request, reference: str):
    found = get_object_or_404(open_recommendations(), reference=reference)
    address = TimelineAddress(request)
    entries = public_entries().filter(recommendation=found).order_by("force__slug")
    return {
        **recommendation_record(request, found),
        "statuses": [status_record(entry, address) for entry in entries],
    }


@api.get(
    "/statuses",
    response={200: StatusPage, 404: Error},
    url_name="statuses",
    summary="Each published recommendation's status at each force",
)
def statuses(request, filters: Query[StatusFilters]):
    entries = public_entries().order_by("recommendation__reference", "force__slug")
    if filters.force:
        entries = entries.filter(force__slug=filters.force)
    if filters.status:
        entries = entries.filter(status=filters.status.value)
    if filters.recommendation:
        entries = entries.filter(recommendation__reference=filters.recommendation)
    if filters.changed_since:
        entries = entries.filter(status_since__gte=filters.changed_since)
    count, items = page_of(entries, filters)
    address = TimelineAddress(request)
    results = [status_record(entry, address) for entry in items]
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "results": results}
