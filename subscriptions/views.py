"""Public pages to subscribe, confirm and unsubscribe. They carry forms (a CSRF token), so they are
never cached as public pages; a wrong token is simply not found."""

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from core.forms import posted
from forces.models import Force
from inspections.models import Topic
from publications.register_queries import public_recommendations

from .forms import ConfirmForm, SubscribeForm, UnsubscribeForm
from .models import Subscription
from .services import subscription_confirm, subscription_end, subscription_request


def followed_thing(request: HttpRequest) -> dict[str, object]:
    """What the query string names (?force=<slug>, ?topic=<id>, ?recommendation=<reference>), if public."""
    query = request.GET
    if len([name for name in ("force", "topic", "recommendation") if name in query]) != 1:
        raise Http404("Choose one force, topic or recommendation to follow.")
    if "force" in query:
        return {"force": get_object_or_404(Force, slug=query["force"])}
    if "topic" in query:
        if not re.fullmatch(r"[0-9]{1,9}", query["topic"]):  # ASCII digits that fit a database integer
            raise Http404("No such topic.")
        published = public_recommendations().filter(topic=int(query["topic"]))
        return {"topic": get_object_or_404(Topic, pk=int(query["topic"]), pk__in=published.values("topic"))}
    return {"recommendation": get_object_or_404(public_recommendations(), reference=query["recommendation"])}


@never_cache
def subscribe(request: HttpRequest) -> HttpResponse:
    thing = followed_thing(request)
    preview = Subscription(**thing)
    form = SubscribeForm(posted(request))
    if form.is_valid():
        subscription_request(email=form.cleaned_data["email"], **thing)  # type: ignore[arg-type]
        return redirect("subscriptions:check-email")
    context = {"form": form, "about": preview.describe(), "thing_url": preview.thing_url()}
    return render(request, "subscriptions/subscribe.html", context)


@never_cache
def check_email(request: HttpRequest) -> HttpResponse:
    """The same page whether the address is new, waiting for confirmation or already subscribed."""
    return render(request, "subscriptions/check_email.html")


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    subscription = get_object_or_404(Subscription.objects.active(), token=token)
    form = ConfirmForm(posted(request))
    if form.is_valid():
        subscription_confirm(subscription=subscription)
        return redirect(subscription.confirm_url())
    return render(request, "subscriptions/confirm.html", {"subscription": subscription, "form": form})


@csrf_exempt  # a mail program's one-click unsubscribe posts without a form (RFC 8058); the token is the secret
@never_cache
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscription = get_object_or_404(Subscription, token=token)
    form = UnsubscribeForm(posted(request))
    if form.is_valid():
        subscription_end(subscription=subscription)
        return redirect(subscription.unsubscribe_url())
    return render(request, "subscriptions/unsubscribe.html", {"subscription": subscription, "form": form})
