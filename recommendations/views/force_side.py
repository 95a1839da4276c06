"""The liaison officer's pages of the register: every recommendation that applies to their force, and
one recommendation's page where they respond, plan, report progress and claim completion. Only their
own force, never another's, never the inspectorate's internal notes."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import liaison_officer_required, refuse
from core.forms import posted, upload_form_arguments

from ..forms import ActionForm, ForceResponseForm, ProgressUpdateForm, TargetRevisionForm
from ..models import Action, RegisterEntry
from ..register import FORCE, delay_counts, timeline, with_delay
from ..services import action_add, force_response_record, progress_update_add, target_revise

PAGE_SIZE = 50


def own_entries(user):
    return with_delay(RegisterEntry.objects.filter(force_id=user.force_id))


@liaison_officer_required
def liaison_register(request):
    entries = own_entries(request.user).select_related("recommendation__report", "force")
    entries = entries.order_by("-recommendation__report__published_on", "recommendation__reference")
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "counts": delay_counts(own_entries(request.user)), "force": request.user.force}
    return render(request, "recommendations/liaison_register.html", context)


def own_entry(request, reference):
    entry = own_entries(request.user).select_related("recommendation__report", "recommendation__topic", "force")
    entry = entry.filter(recommendation__reference=reference).first()
    if entry is None:
        refuse(request, f"register entry {reference}")
    return entry


FORMS = {
    "response": ForceResponseForm,
    "action": ActionForm,
    "update": ProgressUpdateForm,
}


@liaison_officer_required
def liaison_recommendation(request, reference):
    """The page, and the three forms it holds: each posts here with its name in `form`."""
    entry = own_entry(request, reference)
    name = request.POST.get("form") if request.method == "POST" else None
    forms = {key: form_class() for key, form_class in FORMS.items()}
    if name in FORMS:
        arguments = upload_form_arguments(request) if name == "update" else {"data": request.POST}
        forms[name] = FORMS[name](**arguments)
        if forms[name].is_valid() and saved(request, entry, name, forms[name]):
            return redirect("recommendations:liaison-recommendation", reference)
    return render(request, "recommendations/liaison_recommendation.html", liaison_context(entry, forms))


SAVE: dict[str, tuple[Callable[..., Any], str]] = {
    "response": (force_response_record, "Response recorded"),
    "action": (action_add, "Action added to the plan"),
    "update": (progress_update_add, "Update sent"),
}


def saved(request, entry, name, form):
    service, done = SAVE[name]
    try:
        service(recommendation=entry.recommendation, force=entry.force, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    claimed = name == "update" and form.cleaned_data["claims_completion"]
    messages.success(request, "Completion claimed: the inspectorate will verify it" if claimed else done)
    return True


def liaison_context(entry, forms):
    recommendation, force = entry.recommendation, entry.force
    return {
        "entry": entry,
        "recommendation": recommendation,
        "events": timeline(recommendation, force, audience=FORCE),
        "actions": Action.objects.filter(recommendation=recommendation, force=force).prefetch_related("revisions"),
        "forms": forms,
        "revise_forms": True,
    }


@liaison_officer_required
def liaison_revise(request, pk):
    action = get_object_or_404(Action.objects.select_related("recommendation", "force"), pk=pk)
    if action.force_id != request.user.force_id:
        refuse(request, f"action {pk}")
    form = TargetRevisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            target_revise(action=action, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Target date revised")
            return redirect("recommendations:liaison-recommendation", action.recommendation.reference)
    context = {"action": action, "form": form}
    return render(request, "recommendations/liaison_revise.html", context)
