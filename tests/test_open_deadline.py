"""Finding what is overdue at some force reads the deadline kept on each recommendation, not its entries:
every write to the register keeps that deadline true, so the list always agrees with the entries, and the
migration that added it works it out for the rows made before."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forces.models import Force
from publications.register_queries import filter_recommendations, public_recommendations
from recommendations.models import Recommendation, RegisterEntry, RegisterStatus
from recommendations.register import Delay, with_delay
from recommendations.services import action_add, recommendation_save, status_change, target_revise
from tests.factories import make_recommendation
from tests.migration_helpers import migrate
from tests.test_concurrency import THREADS, at_once

TODAY = timezone.localdate()
PAST = datetime.date(2019, 1, 31)


def overdue():
    """The references the public register lists as overdue somewhere, checked against the entries."""
    listed = set(filter_recommendations(public_recommendations(), overdue=True).values_list("reference", flat=True))
    late_entries = with_delay(RegisterEntry.objects.all()).filter(delay=Delay.OVERDUE)
    assert listed == set(late_entries.values_list("recommendation__reference", flat=True))
    return listed


def recommendation_at(forces, due_on, reference="fixed-r1"):
    recommendation = make_recommendation(
        reference, timescale=Recommendation.Timescale.FIXED_DATE, timescale_date=due_on, timescale_months=None
    )
    recommendation.applies_to_all_territorial_forces = False
    return recommendation_save(recommendation=recommendation, forces=forces)


def test_past_its_due_date_it_is_overdue_until_every_force_is_done(cheshire, merseyside, inspector, signatory):
    recommendation_at([cheshire, merseyside], PAST)
    assert overdue() == {"fixed-r1"}
    html = Client().get(reverse("publications:register"), {"overdue": "1"}).content.decode()
    assert 'href="/recommendations/fixed-r1/"' in html

    recommendation = Recommendation.objects.get(reference="fixed-r1")
    status_change(
        recommendation=recommendation,
        force=cheshire,
        status=RegisterStatus.COMPLETE_VERIFIED,
        changed_on=TODAY,
        reason="Seen on the visit.",
        evidence="The unit's audit.",
        by=inspector,
    )
    assert overdue() == {"fixed-r1"}  # Merseyside is still working on it
    status_change(
        recommendation=recommendation,
        force=merseyside,
        status=RegisterStatus.CLOSED_NO_LONGER_RELEVANT,
        changed_on=TODAY,
        reason="The force merged its units.",
        basis="The 2018 inspection replaces it.",
        authorised_by=signatory,
        by=inspector,
    )
    assert overdue() == set()
    html = Client().get(reverse("publications:register"), {"overdue": "1"}).content.decode()
    assert 'href="/recommendations/fixed-r1/"' not in html


def test_a_target_date_ahead_puts_it_on_track_and_one_moved_back_makes_it_overdue(cheshire, cheshire_officer):
    recommendation = recommendation_at([cheshire], PAST)
    action = action_add(
        recommendation=recommendation,
        force=cheshire,
        description="Review the unit.",
        owner="Head of Professional Standards",
        target_date=TODAY + datetime.timedelta(days=30),
        by=cheshire_officer,
    )
    assert overdue() == set()  # the force's own target date stands in for the due date
    target_revise(action=action, new_date=TODAY - datetime.timedelta(days=1), reason="Missed.", by=cheshire_officer)
    assert overdue() == {"fixed-r1"}


def test_moving_the_due_date_or_the_forces_follows(cheshire, merseyside):
    recommendation = recommendation_at([cheshire], TODAY + datetime.timedelta(days=60))
    assert overdue() == set()
    recommendation.timescale_date = PAST
    recommendation_save(recommendation=recommendation, forces=[cheshire])
    assert overdue() == {"fixed-r1"}
    recommendation_save(recommendation=recommendation, forces=[])  # applies to no force: no entry is open
    assert overdue() == set()


def test_the_migration_works_it_out_for_existing_rows(transactional_letters, cheshire, merseyside):
    recommendation_at([cheshire, merseyside], PAST)
    recommendation_at([cheshire], TODAY + datetime.timedelta(days=60), reference="fixed-r2")
    kept = dict(Recommendation.objects.values_list("reference", "open_deadline"))
    assert kept == {"fixed-r1": PAST, "fixed-r2": TODAY + datetime.timedelta(days=60)}
    before = migrate([("recommendations", "0013_open_deadline")]).apps
    before.get_model("recommendations", "Recommendation").objects.update(open_deadline=None)
    migrate()

    assert dict(Recommendation.objects.values_list("reference", "open_deadline")) == kept
    assert overdue() == {"fixed-r1"}


def test_forces_done_at_the_same_moment_leave_nothing_overdue(transactional_letters, forces, inspector):
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency tests need PostgreSQL (SQLite runs one writer at a time): CI runs them")
    chosen = list(Force.objects.filter(kind=Force.Kind.TERRITORIAL).order_by("name")[:THREADS])
    recommendation = recommendation_at(chosen, PAST)
    queue = list(chosen)

    def verify():
        status_change(
            recommendation=recommendation,
            force=queue.pop(),
            status=RegisterStatus.COMPLETE_VERIFIED,
            changed_on=TODAY,
            reason="Seen on the visit.",
            evidence="The force's audit.",
            by=inspector,
        )

    at_once(verify)
    assert RegisterEntry.objects.filter(recommendation=recommendation, status="verified").count() == THREADS
    recommendation.refresh_from_db()
    assert recommendation.open_deadline is None and overdue() == set()
