"""Inspector pages for the forces' office holders: the people in post at each force, by dated term.

The records belong to `forces`, which sits below `accounts` and so cannot guard a page with its roles:
the pages live here, the lowest app with staff pages, and every write goes through forces.services."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.access import inspector_required
from core.forms import posted, save_unless_taken
from core.history import history_of
from core.pages import form_page
from forces.forms import OfficeHolderEndForm, OfficeHolderForm
from forces.models import Force, OfficeHolder
from forces.services import office_holder_end, office_holder_save


@inspector_required
def office_holder_list(request):
    """Every force with the holders in office today: two queries, whatever the number of forces."""
    today = timezone.localdate()
    current = defaultdict(list)
    in_office = OfficeHolder.objects.filter(started_on__lte=today).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )
    for term in in_office.order_by("office"):
        current[term.force_id].append(term)
    forces = list(Force.objects.all())
    for force in forces:
        force.current = current[force.pk]
    return render(request, "inspections/office_holder_list.html", {"forces": forces, "today": today})


@inspector_required
def force_office_holders(request, slug):
    force = get_object_or_404(Force, slug=slug)
    terms = list(force.office_holders.order_by("-started_on", "office"))
    for term in terms:
        term.force = force
    context = {
        "force": force,
        "chief_officers": [term for term in terms if term.is_chief_officer],
        "governance": [term for term in terms if not term.is_chief_officer],
        "history": history_of(OfficeHolder.history.filter(force_id=force.pk)),
    }
    return render(request, "inspections/force_office_holders.html", context)


def force_page(force):
    return reverse("inspections:force-office-holders", args=[force.slug])


@inspector_required
def office_holder_edit(request, slug=None, pk=None):
    holder = get_object_or_404(OfficeHolder.objects.select_related("force"), pk=pk) if pk else None
    force = holder.force if holder else get_object_or_404(Force, slug=slug)
    title = f"Correct {holder.name_with_post_nominals}'s term" if holder else "Add an office holder"
    form = OfficeHolderForm(posted(request), instance=holder or OfficeHolder(force=force))
    if (
        request.method == "POST"
        and form.is_valid()
        and (saved := save_unless_taken(form, lambda: office_holder_save(holder=form.instance)))
    ):
        messages.success(request, f"Office holder saved: {saved}")
        return redirect(force_page(force))
    intro = "" if holder else "A chief officer, or the holder of the governance body, for a dated term."
    return form_page(request, form, title=title, caption=force.name, intro=intro, back_url=force_page(force))


@inspector_required
def office_holder_end_view(request, pk):
    holder = get_object_or_404(OfficeHolder.objects.select_related("force"), pk=pk)
    if holder.ended_on is not None:
        messages.info(request, f"This term already ended on {holder.ended_on:%-d %B %Y}.")
        return redirect(force_page(holder.force))
    form = OfficeHolderEndForm(posted(request), holder=holder)
    if request.method == "POST" and form.is_valid():
        try:
            office_holder_end(holder=holder, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("ended_on", " ".join(error.messages))
        else:
            messages.success(request, f"Term ended: {holder}, until {holder.ended_on:%-d %B %Y}")
            return redirect(force_page(holder.force))
    title = f"End {holder.name_with_post_nominals}'s term"
    caption = f"{holder.force.name}: {holder.title}, in office from {holder.started_on:%-d %B %Y}"
    return form_page(request, form, title=title, caption=caption, back_url=force_page(holder.force))
