"""A published letter carries its letter's force, so that a force's letters are counted and paged on the
published letters' own index: scheduling sets it, and the migration that added it copied it for every
letter published before."""

import datetime

from django.test import Client
from django.utils import timezone

from publications.models import PublishedLetter
from tests.letter_helpers import add_letter_template
from tests.migration_helpers import migrate
from tests.publication_helpers import issued, publish

YESTERDAY = timezone.now() - datetime.timedelta(days=1)


def published(review, forces, inspector, signatory):
    add_letter_template(review)
    letters = [issued(review, force, inspector, signatory) for force in forces]
    publish(review, letters, inspector, YESTERDAY)
    return dict(PublishedLetter.objects.values_list("letter__force__slug", "force__slug"))


def test_scheduling_copies_each_letters_force(review, cheshire, merseyside, inspector, signatory):
    assert published(review, [cheshire, merseyside], inspector, signatory) == {
        "cheshire": "cheshire",
        "merseyside": "merseyside",
    }
    html = Client().get("/forces/cheshire/").content.decode()
    assert "/letters/review-2017/cheshire/" in html and "/letters/review-2017/merseyside/" not in html
    html = Client().get("/letters/?force=merseyside").content.decode()
    assert "/letters/review-2017/merseyside/" in html and "/letters/review-2017/cheshire/" not in html


def test_the_migration_copies_the_force_of_letters_published_before(
    transactional_letters, review, cheshire, merseyside, inspector, signatory
):
    copied = published(review, [cheshire, merseyside], inspector, signatory)
    try:
        before = migrate([("publications", "0009_published_letter_force")]).apps  # the column, not yet filled
        before.get_model("publications", "PublishedLetter").objects.update(force=None)
        migrate()
    finally:
        migrate()  # whatever happened, the database is left as the other tests expect it
    assert dict(PublishedLetter.objects.values_list("letter__force__slug", "force__slug")) == copied
