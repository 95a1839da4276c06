"""The public's email subscriptions: a confirmation first and nothing else before it, confirming and
unsubscribing by POST only, each published thing emailed once to each confirmed follower, tokens that
cannot be guessed, and a page that never says whether an address had already subscribed."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from governance.services import section55_submit
from inspections.models import InspectionReport
from outbox.models import Delivery
from publications.services import letter_withdraw
from recommendations.models import RegisterStatus
from recommendations.services import status_change
from subscriptions.models import Notification, Subscription
from subscriptions.notifications import notifications_send, send_once, status_changes
from subscriptions.services import PENDING_LIMIT, RESEND_AFTER, subscription_confirm, subscription_request
from tests.letter_helpers import add_letter_template
from tests.publication_helpers import issued, publish

SECRET = "An internal note the public never reads."


def emails_to(address):
    return [delivery for delivery in Delivery.objects.order_by("pk") if address in delivery.to]


def confirmed(**thing):
    subscription = subscription_request(**thing)
    assert subscription is not None
    return subscription_confirm(subscription=subscription)


def change_status(recommendation, force, inspector, reason="The force sent its plan."):
    return status_change(
        recommendation=recommendation,
        force=force,
        status=RegisterStatus.BEING_PROGRESSED,
        changed_on=timezone.localdate(),
        reason=reason,
        internal_note=SECRET,
        by=inspector,
    )


def sweep(minutes=1):
    return notifications_send(timezone.now() + datetime.timedelta(minutes=minutes))


def link(delivery, kind):
    [url] = re.findall(rf"http\S+/subscriptions/[\w-]+/{kind}/", delivery.body)
    return urlsplit(url).path


@pytest.fixture
def recommendation(review):
    return review.recommendation


def test_a_subscriber_gets_a_confirmation_and_nothing_else_until_they_confirm_by_post(
    client, cheshire, recommendation, inspector
):
    page = client.get(reverse("subscriptions:subscribe") + "?force=cheshire")
    assert page.status_code == 200
    assert "Get emails about Cheshire Constabulary" in page.content.decode()
    assert "private" in page["Cache-Control"] or "no-cache" in page["Cache-Control"]
    response = client.post(reverse("subscriptions:subscribe") + "?force=cheshire", {"email": "Reader@Example.org "})
    assert response.status_code == 302 and response["Location"] == reverse("subscriptions:check-email")
    [confirmation] = emails_to("reader@example.org")
    assert confirmation.subject == "Confirm that you want emails about Cheshire Constabulary"
    confirm_url = link(confirmation, "confirm")

    change_status(recommendation, cheshire, inspector)
    assert sweep() == 0  # not confirmed: nothing but the confirmation
    assert client.get(confirm_url).status_code == 200  # an email scanner fetching the link confirms nothing
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert client.post(confirm_url).status_code == 302
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None
    assert "Subscription confirmed" in client.get(confirm_url).content.decode()
    assert sweep() == 0  # what was published before confirming is never sent
    assert len(emails_to("reader@example.org")) == 1


def test_a_status_change_is_emailed_once_to_each_follower_of_its_force_recommendation_or_topic(
    cheshire, merseyside, recommendation, inspector
):
    confirmed(email="force@example.org", force=cheshire)
    confirmed(email="recommendation@example.org", recommendation=recommendation)
    confirmed(email="topic@example.org", topic=recommendation.topic)
    confirmed(email="both@example.org", force=cheshire)
    confirmed(email="both@example.org", recommendation=recommendation)
    confirmed(email="elsewhere@example.org", force=merseyside)
    subscription_request(email="unconfirmed@example.org", force=cheshire)
    change = change_status(recommendation, cheshire, inspector)

    assert sweep() == 4
    for address in ("force@example.org", "recommendation@example.org", "topic@example.org", "both@example.org"):
        [email] = emails_to(address)[-1:]
        assert recommendation.reference in email.subject and "Being progressed" in email.subject
        assert "The force sent its plan." in email.body
        assert SECRET not in email.body
        assert f"/recommendations/{recommendation.reference}/cheshire/" in email.body
        assert "/unsubscribe/" in email.body
        assert "<img" not in email.body
    both = emails_to("both@example.org")[-1]
    assert both.body.count("/unsubscribe/") == 2  # one email, with a link to stop each thing it follows
    assert len(emails_to("elsewhere@example.org")) == 1  # its confirmation only
    assert len(emails_to("unconfirmed@example.org")) == 1
    assert Notification.objects.filter(event_key=f"status:{change.pk}").count() == 5

    assert sweep() == 0  # a second sweep sends nothing
    assert sweep(minutes=60) == 0


def test_a_letter_is_emailed_when_its_release_time_passes_not_before(
    review, cheshire, recommendation, inspector, signatory
):
    confirmed(email="force@example.org", force=cheshire)
    confirmed(email="topic@example.org", topic=recommendation.topic)
    add_letter_template(review)
    letter = issued(review, cheshire, inspector, signatory)
    release_at = timezone.now() + datetime.timedelta(hours=2)
    publish(review, [letter], inspector, release_at)

    assert notifications_send(release_at - datetime.timedelta(minutes=1)) == 0  # still under embargo
    assert notifications_send(release_at + datetime.timedelta(minutes=1)) == 2
    [email] = emails_to("topic@example.org")[-1:]
    assert email.subject == f"Letter published: {review.title}, {letter.force_name}"
    assert f"/letters/{review.slug}/cheshire/version-1/" in email.body
    assert notifications_send(release_at + datetime.timedelta(minutes=6)) == 0


def test_a_letter_withdrawn_before_the_sweep_is_not_emailed(review, cheshire, inspector, signatory):
    confirmed(email="force@example.org", force=cheshire)
    add_letter_template(review)
    letter = issued(review, cheshire, inspector, signatory)
    release_at = timezone.now() + datetime.timedelta(hours=2)
    publication = publish(review, [letter], inspector, release_at)
    letter_withdraw(entry=publication.letters.get(), reason="A mistake in paragraph 2.", by=signatory)
    assert notifications_send(release_at + datetime.timedelta(minutes=1)) == 0


def test_a_section55_response_is_emailed_to_the_forces_followers(cheshire, cheshire_pcc, recommendation):
    confirmed(email="force@example.org", force=cheshire)
    confirmed(email="recommendation@example.org", recommendation=recommendation)
    report = InspectionReport.objects.create(
        title="Custody inspection: Cheshire", published_on=timezone.localdate(), scope="force", force=cheshire
    )
    section55_submit(
        report=report,
        by=cheshire_pcc,
        chief_officer_comments="Noted.",
        response="We accept it.",
        answers={},
        documents=[],
    )
    assert sweep() == 1
    [email] = emails_to("force@example.org")[-1:]
    assert "Custody inspection: Cheshire" in email.subject
    assert f"/responses/{report.pk}/cheshire/" in email.body
    assert sweep() == 0


def test_unsubscribing_takes_one_post_and_stops_the_emails(client, cheshire, recommendation, inspector):
    subscription = confirmed(email="reader@example.org", force=cheshire)
    url = reverse("subscriptions:unsubscribe", args=[subscription.token])
    page = client.get(url)
    assert page.status_code == 200 and "Stop emails about" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is None  # fetching the link changes nothing
    assert client.post(url).status_code == 302
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
    assert "You have unsubscribed" in client.get(url).content.decode()
    change_status(recommendation, cheshire, inspector)
    assert sweep() == 0
    assert client.get(reverse("subscriptions:confirm", args=[subscription.token])).status_code == 404
    # Subscribing again is a new subscription, confirmed afresh.
    subscription_request(email="reader@example.org", force=cheshire)
    assert Subscription.objects.active().get().confirmed_at is None


def test_wrong_tokens_and_things_are_not_found(client, cheshire):
    subscription = confirmed(email="reader@example.org", force=cheshire)
    guess = subscription.token[:-1] + ("A" if subscription.token[-1] != "A" else "B")
    for name in ("subscriptions:confirm", "subscriptions:unsubscribe"):
        assert client.get(reverse(name, args=[guess])).status_code == 404
        assert client.post(reverse(name, args=[guess])).status_code == 404
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is None
    subscribe = reverse("subscriptions:subscribe")
    for query in (
        "",
        "?force=atlantis",
        "?topic=x",
        "?topic=999999",
        "?topic=99999999999999999999999",
        "?recommendation=nope",
        "?force=cheshire&topic=1",
    ):
        assert client.get(subscribe + query).status_code == 404, query


def test_a_second_request_neither_duplicates_nor_reveals_and_confirmations_are_not_resent_at_once(
    client, cheshire, recommendation
):
    url = reverse("subscriptions:subscribe") + "?force=cheshire"
    first = client.post(url, {"email": "reader@example.org"}, follow=True).content
    second = client.post(url, {"email": "READER@example.org"}, follow=True).content
    assert first == second
    assert Subscription.objects.count() == 1
    assert len(emails_to("reader@example.org")) == 1  # asked again at once: not sent again
    subscription = Subscription.objects.get()
    Subscription.objects.filter(pk=subscription.pk).update(
        confirmation_sent_at=timezone.now() - RESEND_AFTER - datetime.timedelta(seconds=1)
    )
    client.post(url, {"email": "reader@example.org"})
    assert len(emails_to("reader@example.org")) == 2  # later: the confirmation again, same link
    assert emails_to("reader@example.org")[-1].body == emails_to("reader@example.org")[0].body
    subscription_confirm(subscription=subscription)
    assert client.post(url, {"email": "reader@example.org"}, follow=True).content == first
    assert Subscription.objects.count() == 1
    assert len(emails_to("reader@example.org")) == 2  # confirmed: nothing more


def test_an_address_has_only_a_few_subscriptions_waiting_for_confirmation(forces):
    from forces.models import Force

    for force in Force.objects.order_by("pk")[: PENDING_LIMIT + 2]:
        subscription_request(email="victim@example.org", force=force)
    assert Subscription.objects.filter(email="victim@example.org").count() == PENDING_LIMIT
    assert len(emails_to("victim@example.org")) == PENDING_LIMIT


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Enter your email address"),
        ("not an address", "Enter an email address in the correct format, like name@example.com"),
        ("someone@", "Enter an email address in the correct format, like name@example.com"),
    ],
)
def test_an_invalid_address_is_refused_with_a_govuk_message(client, cheshire, email, message):
    response = client.post(reverse("subscriptions:subscribe") + "?force=cheshire", {"email": email})
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content and "govuk-error-summary" in content
    assert not Subscription.objects.exists()


def test_public_pages_offer_to_follow_what_they_show(client, cheshire, recommendation):
    force_page = client.get(reverse("forces:detail", args=["cheshire"])).content.decode()
    assert 'href="/subscribe/?force=cheshire"' in force_page
    recommendation_page = client.get(reverse("publications:recommendation", args=[recommendation.reference]))
    assert f'href="/subscribe/?recommendation={recommendation.reference}"' in recommendation_page.content.decode()
    topic_page = client.get(reverse("publications:register") + f"?topic={recommendation.topic.pk}").content.decode()
    assert f'href="/subscribe/?topic={recommendation.topic.pk}"' in topic_page
    assert "/subscribe/" not in client.get(reverse("publications:register")).content.decode()
    for query in (f"?topic={recommendation.topic.pk}", f"?recommendation={recommendation.reference}"):
        assert client.get(reverse("subscriptions:subscribe") + query).status_code == 200


def test_a_second_worker_that_lost_the_race_sends_nothing(cheshire, recommendation, inspector):
    subscription = confirmed(email="reader@example.org", force=cheshire)
    change_status(recommendation, cheshire, inspector)
    now = timezone.now() + datetime.timedelta(minutes=1)
    [event] = status_changes(now - datetime.timedelta(hours=1), now)
    assert send_once(event, "reader@example.org", [subscription]) == 1
    assert send_once(event, "reader@example.org", [subscription]) == 0  # the other worker's row was there
    assert len(emails_to("reader@example.org")) == 2  # the confirmation and one notification


@pytest.mark.parametrize(
    "query",
    [
        {"topic": "²"},
        {"topic": "-1"},
        {"force": "../../etc"},
        {"recommendation": "x" * 5000},
        {"topic": "1", "force": "\u202e"},
        {"token": "x"},
    ],
)
def test_hostile_queries_on_the_subscribe_page_are_not_found(client, cheshire, query):
    assert client.get(reverse("subscriptions:subscribe"), query).status_code == 404


def test_a_nul_byte_in_the_subscribe_query_is_answered_400(client, cheshire):
    assert client.get(reverse("subscriptions:subscribe"), {"force": "a\x00b"}).status_code == 400


def test_the_worker_sweeps_every_five_minutes():
    from worker.sweeps import SWEEPS

    assert SWEEPS["subscriptions"].every_seconds == 300
    assert SWEEPS["subscriptions"].run.__name__ == "notifications_send_due"


def test_a_mail_programs_one_click_unsubscribe_works_without_a_form(cheshire, recommendation, inspector):
    subscription = confirmed(email="reader@example.org", force=cheshire)
    change_status(recommendation, cheshire, inspector)
    sweep()
    [notice] = [d for d in emails_to("reader@example.org") if "Confirm" not in d.subject]
    headers = notice.message().extra_headers
    assert headers["List-Unsubscribe"].startswith("<http") and headers["List-Unsubscribe"].endswith(
        f"{link(notice, 'unsubscribe')}>"
    )
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    mail_program = Client(enforce_csrf_checks=True)  # it posts no form and no CSRF token (RFC 8058)
    answer = mail_program.post(
        link(notice, "unsubscribe"), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    subscription.refresh_from_db()
    assert answer.status_code == 302 and subscription.unsubscribed_at is not None
