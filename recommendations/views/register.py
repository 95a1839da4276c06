"""Inspector pages of the register: a recommendation's status at every force; one force's timeline,
with the force's side beside it and the forms that record a change or decide a claim; the evidence
forces send."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.access import inspector_required, refuse, role_required
from core.forms import posted
from core.responses import document_response
from forces.models import Force

from ..forms import ClaimDecisionForm, LinkForm, RegisterFilterForm, StatusChangeForm
from ..models import Action, Evidence, ProgressUpdate, Recommendation, RegisterEntry
from ..register import delay_counts, entries_of, links_of, timeline, with_delay
from ..services import claim_decide, link_add, status_change


def get_recommendation(pk):
    return get_object_or_404(Recommendation.objects.select_related("report", "topic"), pk=pk)


@inspector_required
def register(request, pk):
    recommendation = get_recommendation(pk)
    form = LinkForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            link_add(earlier=recommendation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Link added")
            return redirect("recommendations:register", recommendation.pk)
    context = {
        "recommendation": recommendation,
        "entries": entries_of(recommendation),
        "links": links_of(recommendation),
        "counts": delay_counts(recommendation.entries.all()),
        "form": form,
    }
    return render(request, "recommendations/register.html", context)


# A review's assessment proposes a change by linking here with the fields filled in; the inspector confirms it.
PROPOSABLE = ("status", "reason", "evidence")


@inspector_required
def force_register(request, pk, slug):
    recommendation = get_recommendation(pk)
    entry = entries_of(recommendation).filter(force__slug=slug).first()
    if entry is None:
        get_object_or_404(Force, slug=slug)
        return redirect("recommendations:register", recommendation.pk)
    proposed = {name: request.GET[name] for name in PROPOSABLE if name in request.GET}
    form = StatusChangeForm(posted(request), initial=proposed)
    if request.method == "POST" and form.is_valid():
        try:
            status_change(recommendation=recommendation, force=entry.force, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Status at {entry.force.name} recorded")
            return redirect("recommendations:force-register", recommendation.pk, slug)
    return render(request, "recommendations/force_register.html", force_context(entry, form, bool(proposed)))


def force_context(entry, form, proposed=False, decision_form=None):
    recommendation, force = entry.recommendation, entry.force
    claim = ProgressUpdate.objects.filter(
        recommendation=recommendation, force=force, decision=ProgressUpdate.Decision.AWAITING
    ).first()
    return {
        "recommendation": recommendation,
        "entry": entry,
        "events": timeline(recommendation, force, for_staff=True),
        "actions": Action.objects.filter(recommendation=recommendation, force=force).prefetch_related("revisions"),
        "claim": claim,
        "decision_form": decision_form or ClaimDecisionForm(),
        "form": form,
        "proposed": proposed,
    }


@require_POST
@inspector_required
def claim_decision(request, pk):
    claim = get_object_or_404(ProgressUpdate.objects.select_related("recommendation", "force"), pk=pk)
    recommendation, force = claim.recommendation, claim.force
    form = ClaimDecisionForm(request.POST)
    if form.is_valid():
        verified = form.cleaned_data["decision"] == "verify"
        try:
            claim_decide(update=claim, verified=verified, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = "verified" if verified else "returned to the force"
            messages.success(request, f"The claim of {force.name} is {done}")
            return redirect("recommendations:force-register", recommendation.pk, force.slug)
    entry = entries_of(recommendation).get(force=force)
    context = force_context(entry, StatusChangeForm(), decision_form=form)
    return render(request, "recommendations/force_register.html", context)


@role_required(lambda user: user.is_inspector or user.is_liaison_officer)
def evidence_download(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("update"), pk=pk)
    user = request.user
    if not (user.is_inspector or evidence.update.force_id == user.force_id):
        refuse(request, f"evidence {pk}")
    return document_response(request, evidence)


PAGE_SIZE = 50


@inspector_required
def register_list(request):
    """Every recommendation at every force, filtered; national delay counts of what is shown."""
    form = RegisterFilterForm(request.GET)
    entries = form.apply(with_delay(RegisterEntry.objects.all()))
    ordered = entries.select_related("recommendation", "force").order_by("recommendation__reference", "force__name")
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({name: value for name, value in request.GET.items() if name != "page"})
    context = {"form": form, "page": page, "counts": delay_counts(entries), "query": query}
    return render(request, "recommendations/register_list.html", context)


@inspector_required
def claims_queue(request):
    """Claims of completion awaiting verification, oldest first."""
    claims = ProgressUpdate.objects.filter(decision=ProgressUpdate.Decision.AWAITING).select_related(
        "recommendation", "force"
    )
    page = Paginator(claims.annotate(documents=Count("evidence")).order_by("written_at", "pk"), PAGE_SIZE)
    return render(request, "recommendations/claims_queue.html", {"page": page.get_page(request.GET.get("page"))})


@inspector_required
def force_overview(request, slug):
    """Every recommendation that applies to one force, with its delay counts."""
    force = get_object_or_404(Force, slug=slug)
    entries = with_delay(RegisterEntry.objects.filter(force=force))
    ordered = entries.select_related("recommendation", "force").order_by(
        "-recommendation__report__published_on", "recommendation__reference"
    )
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"force": force, "page": page, "counts": delay_counts(entries)}
    return render(request, "recommendations/force_overview.html", context)
