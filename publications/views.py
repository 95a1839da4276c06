"""Public pages: published letters, national overviews, recommendations, open data. No sign-in."""

from urllib.parse import urlencode

from django.db import connection
from django.db.models import Exists, Max, Min, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core.files import without_files
from core.responses import stored_file_response
from forces.models import Force
from inspections.models import Topic
from letters.presentation import issued_view
from recommendations.models import Recommendation
from recommendations.register import delay_counts
from reviews.models import Review

from . import search
from .caching import public_page
from .follow import follow_url
from .forms import LetterFilterForm
from .models import PublishedLetter
from .overview import Overview, standings_without_letters
from .queries import entries_page, filter_entries, latest_public_entries, public_entries
from .register_queries import public_entries as public_register_entries
from .register_queries import public_links

PAGE_SIZE = 25


def filter_options(chosen):
    """The filters' choices, each found by index lookups rather than a pass over every letter."""
    public = PublishedLetter.objects.public()
    span = public.aggregate(first=Min("letter_date"), last=Max("letter_date"))
    years = range(span["last"].year, span["first"].year - 1, -1) if span["first"] else []
    return {
        "forces": Force.objects.filter(Exists(public.filter(force=OuterRef("pk")))).order_by("name"),
        "topics": Topic.objects.filter(
            Exists(public.filter(letter__review__recommendation__topic=OuterRef("pk")))
        ).order_by("name"),
        "review": Review.objects.filter(slug=chosen["review"]).first() if chosen["review"] else None,
        "years": years,
    }


@public_page
def letter_list(request):
    chosen = LetterFilterForm(request.GET).chosen()
    entries = filter_entries(PublishedLetter.objects.latest_versions(), **chosen)
    page = entries_page(entries, request.GET.get("page"), PAGE_SIZE)
    query = urlencode({name: value for name, value in chosen.items() if value})
    context = {"page": page, "chosen": chosen, "query": query, **filter_options(chosen)}
    if chosen["q"] and connection.vendor == "postgresql" and page.paginator.count >= search.RANKED_AT_MOST:
        context["ranked_at_most"] = f"{search.RANKED_AT_MOST:,}"
    return render(request, "publications/letter_list.html", context)


def versions_of(review_slug, force_slug):
    entries = list(
        public_entries()
        .filter(letter__review__slug=review_slug, letter__force__slug=force_slug)
        .order_by("letter__version")
    )
    if not entries:
        raise Http404("No published letter.")
    return entries


def chosen_version(entries, version):
    if version is None:
        return entries[-1]
    for entry in entries:
        if entry.letter.version == version:
            return entry
    raise Http404("No such version.")


@public_page
def letter_detail(request, review_slug, force_slug, version=None):
    entries = versions_of(review_slug, force_slug)
    entry = chosen_version(entries, version)
    context = {"entry": entry, "view": issued_view(entry.letter), "versions": entries, "latest": entries[-1]}
    return render(request, "publications/letter_detail.html", context)


def letter_pdf(request, review_slug, force_slug, version=None):
    entries = versions_of(review_slug, force_slug)
    entry = chosen_version(entries, version)
    if entry.is_withdrawn:
        return render(request, "publications/withdrawn.html", {"entry": entry}, status=410)
    letter = entry.letter
    return stored_file_response(request, letter.pdf, sha256=letter.pdf_sha256, filename=letter.filename, public=True)


def released_overview(slug):
    review = get_object_or_404(Review.objects.select_related("recommendation__topic"), slug=slug)
    publications = list(without_files(review.publications.released(timezone.now())))
    if not publications:
        raise Http404("Nothing of this review is published.")
    entries = list(latest_public_entries().filter(letter__review=review))
    with_overview = [publication for publication in publications if publication.has_overview]
    latest = with_overview[-1] if with_overview else None
    overview = Overview(
        review=review,
        entries=entries,
        title=latest.overview_title if latest else review.title,
        introduction=latest.introduction if latest else "",
        published_on=timezone.localdate((latest or publications[0]).release_at),
        others=standings_without_letters(review, entries),
    )
    return review, overview, latest


@public_page
def review_overview(request, slug):
    review, overview, publication = released_overview(slug)
    context = {"review": review, "overview": overview, "publication": publication}
    return render(request, "publications/review_overview.html", context)


def overview_pdf(request, slug):
    review, _, publication = released_overview(slug)
    if publication is None:
        raise Http404("This review has no published overview.")
    return stored_file_response(
        request,
        publication.overview_pdf,
        sha256=publication.overview_sha256,
        filename=f"{slug}-national-overview.pdf",
        public=True,
    )


@public_page
def recommendation_detail(request, reference):
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("report", "topic", "cause_of_concern").prefetch_related(
            Prefetch("reviews", Review.objects.filter(publications__release_at__lte=timezone.now()).distinct())
        ),
        reference=reference,
        report__published_on__lte=timezone.localdate(),
    )
    entries = (
        latest_public_entries().filter(letter__review__recommendation=recommendation).order_by("letter__force__name")
    )
    register = public_register_entries().filter(recommendation=recommendation).order_by("force__name")
    context = {
        "recommendation": recommendation,
        "entries": entries,
        "register": register,
        "counts": delay_counts(recommendation.entries.all()),
        "links": public_links(recommendation),
        "follow_url": follow_url("recommendation", recommendation.reference),
    }
    return render(request, "publications/recommendation_detail.html", context)
