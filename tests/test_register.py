"""The register: a recommendation's status at each force, each change dated with who and why, closures
with a basis and an authoriser, verified completions with evidence, and no change ever edited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from recommendations.models import RegisterStatus, StatusChange
from recommendations.services import status_change

TODAY = timezone.localdate()


@pytest.fixture
def recommendation(review):
    return review.recommendation


def change(recommendation, force, by, status=RegisterStatus.BEING_PROGRESSED, **fields):
    values = {"changed_on": TODAY, "reason": "The force sent its plan.", **fields}
    return status_change(recommendation=recommendation, force=force, status=status, by=by, **values)


def test_a_change_is_recorded_with_who_when_and_why(recommendation, cheshire, inspector):
    recorded = change(recommendation, cheshire, inspector)
    assert (recorded.status, recorded.recorded_by, recorded.reason) == (
        "progressed",
        inspector,
        "The force sent its plan.",
    )


@pytest.mark.parametrize(
    ("status", "fields", "message"),
    [
        (RegisterStatus.BEING_PROGRESSED, {"reason": "  "}, "Give the reason"),
        (RegisterStatus.CLOSED_SUPERSEDED, {}, "Give the basis"),
        (RegisterStatus.CLOSED_NOT_IMPLEMENTED, {"basis": "The force disbanded the unit."}, "Name the inspector"),
        (RegisterStatus.COMPLETE_VERIFIED, {}, "Name the evidence"),
        (
            RegisterStatus.BEING_PROGRESSED,
            {"changed_on": TODAY + datetime.timedelta(days=1)},
            "cannot be in the future",
        ),
    ],
)
def test_the_rules_refuse_an_incomplete_change(recommendation, cheshire, inspector, status, fields, message):
    with pytest.raises(ValidationError, match=message):
        change(recommendation, cheshire, inspector, status=status, **fields)
    assert not StatusChange.objects.exists()


def test_a_closure_with_basis_and_authoriser_and_a_verified_completion_with_evidence(
    recommendation, cheshire, merseyside, inspector, signatory
):
    closed = change(
        recommendation,
        cheshire,
        inspector,
        status=RegisterStatus.CLOSED_NO_LONGER_RELEVANT,
        basis="A 2018 recommendation replaces it.",
        authorised_by=signatory,
    )
    assert closed.authorised_by == signatory
    verified = change(
        recommendation,
        merseyside,
        inspector,
        status=RegisterStatus.COMPLETE_VERIFIED,
        evidence="The 2017 review's assessment: all elements in place.",
    )
    assert verified.authorised_by is None


def test_only_inspectorate_staff_change_the_register(recommendation, cheshire, cheshire_officer):
    with pytest.raises(PermissionDenied):
        change(recommendation, cheshire, cheshire_officer)


def test_the_database_refuses_a_closure_without_a_basis_whatever_the_code(recommendation, cheshire, inspector):
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusChange.objects.create(
            recommendation=recommendation,
            force=cheshire,
            status=RegisterStatus.CLOSED_NO_LONGER_RELEVANT,
            changed_on=TODAY,
            reason="Closed.",
            recorded_by=inspector,
        )


def test_a_recorded_change_can_be_neither_changed_nor_deleted(recommendation, cheshire, inspector):
    recorded = change(recommendation, cheshire, inspector)
    with pytest.raises(DatabaseError), transaction.atomic():
        StatusChange.objects.filter(pk=recorded.pk).update(reason="Rewritten.")
    with pytest.raises(DatabaseError), transaction.atomic():
        StatusChange.objects.filter(pk=recorded.pk).delete()
    assert StatusChange.objects.get().reason == "The force sent its plan."


def test_the_register_page_lists_every_force_in_three_queries(
    client, recommendation, cheshire, inspector, django_assert_max_num_queries
):
    change(recommendation, cheshire, inspector)
    client.force_login(inspector)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("recommendations:register", args=[recommendation.pk])).content.decode()
    assert html.count('<tr class="govuk-table__row">') == 43 + 1
    row = html.split("Cheshire Constabulary</a>")[1].split("</tr>")[0]
    assert "Being progressed" in row and f"{TODAY:%-d %B %Y}" in row


def test_an_inspector_records_a_change_on_the_force_page_and_sees_the_timeline(
    client, recommendation, cheshire, inspector
):
    client.force_login(inspector)
    url = reverse("recommendations:force-register", args=[recommendation.pk, "cheshire"])
    refused = client.post(
        url,
        {
            "status": "superseded",
            "changed_on_0": TODAY.day,
            "changed_on_1": TODAY.month,
            "changed_on_2": TODAY.year,
            "reason": "Replaced.",
        },
    )
    assert (
        refused.status_code == 200
        and "Give the basis on which the recommendation is closed" in refused.content.decode()
    )
    assert not StatusChange.objects.exists()
    posted = {
        "status": "progressed",
        "changed_on_0": TODAY.day,
        "changed_on_1": TODAY.month,
        "changed_on_2": TODAY.year,
        "reason": "The force sent its plan.",
    }
    page = client.post(url, posted, follow=True).content.decode()
    assert "Status at Cheshire Constabulary recorded" in page
    assert "Status: Being progressed" in page and "The force sent its plan." in page


def recommendation_form(report, topic, **changes):
    return {
        "reference": "peel-2016-r9",
        "report": report.pk,
        "topic": topic.pk,
        "text": "Forces should act.",
        "kind": "recommendation",
        "timescale": "months",
        "timescale_months": 6,
        "applies_to_all_territorial_forces": "on",
        **changes,
    }


def test_a_priority_needs_its_reason_and_a_cause_of_concerns_recommendation_its_cause(client, review, inspector):
    from recommendations.models import Recommendation

    report, topic = review.recommendation.report, review.recommendation.topic
    client.force_login(inspector)
    url = reverse("recommendations:create")
    before = Recommendation.objects.count()
    html = client.post(url, recommendation_form(report, topic, is_priority="on")).content.decode()
    assert "Say why the recommendation is a priority" in html
    html = client.post(url, recommendation_form(report, topic, kind="cause")).content.decode()
    assert "Select the cause of concern this recommendation answers" in html
    assert Recommendation.objects.count() == before
    reason = "Public confidence depends on it."
    saved = client.post(url, recommendation_form(report, topic, kind="afi", is_priority="on", priority_reason=reason))
    created = Recommendation.objects.get(reference="peel-2016-r9")
    assert saved.status_code == 302 and created.get_kind_display() == "Area for improvement" and created.is_priority
    page = client.get(created.get_absolute_url()).content.decode()
    assert "Area for improvement" in page and "Priority" in page and reason in page


def test_the_database_refuses_a_priority_without_a_reason(review):
    recommendation = review.recommendation
    recommendation.is_priority = True
    with pytest.raises(IntegrityError), transaction.atomic():
        recommendation.save()


def test_links_show_both_ways_and_closing_as_superseded_links_the_successor(
    client, recommendation, cheshire, inspector, signatory
):
    from recommendations.models import RecommendationLink
    from tests.factories import make_recommendation

    later = make_recommendation(reference="peel-2018-r1")
    with pytest.raises(ValidationError, match="Name the recommendation that supersedes it"):
        change(
            recommendation,
            cheshire,
            inspector,
            status=RegisterStatus.CLOSED_SUPERSEDED,
            basis="Replaced.",
            authorised_by=signatory,
        )
    change(
        recommendation,
        cheshire,
        inspector,
        status=RegisterStatus.CLOSED_SUPERSEDED,
        basis="the 2018 report replaces it",
        authorised_by=signatory,
        successor=later,
    )
    assert RecommendationLink.objects.get().kind == "superseded_by"
    client.force_login(inspector)
    earlier_page = client.get(reverse("recommendations:register", args=[recommendation.pk])).content.decode()
    later_page = client.get(reverse("recommendations:register", args=[later.pk])).content.decode()
    assert "Superseded by" in earlier_page and "peel-2018-r1</a>" in earlier_page
    assert "Supersedes" in later_page and f"{recommendation.reference}</a>" in later_page
    url = reverse("recommendations:register", args=[later.pk])
    html = client.post(url, {"kind": "followed_up_by", "later": "no-such-reference"}).content.decode()
    assert "There is no recommendation with the reference no-such-reference" in html
    client.post(url, {"kind": "followed_up_by", "later": recommendation.reference})
    assert RecommendationLink.objects.count() == 2
