"""Inspectors schedule publications and withdraw letters; nobody else can."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from publications.models import Publication, PublishedLetter
from tests.letter_helpers import add_letter_template
from tests.publication_helpers import issued, publish

INSPECTORATE = {"inspector", "signatory"}


@pytest.fixture
def scheduled(review, merseyside, cheshire, inspector, signatory):
    add_letter_template(review)
    merseyside_letter = issued(review, merseyside, inspector, signatory)
    issued(review, cheshire, inspector, signatory)
    publication = publish(review, [merseyside_letter], inspector, timezone.now() + datetime.timedelta(days=1))
    return {"review": review, "entry": publication.letters.get()}


def test_manage_pages_by_role(persona, scheduled):
    urls = [
        reverse("publications:manage", args=[scheduled["review"].pk]),
        reverse("publications:schedule", args=[scheduled["review"].pk]),
        reverse("publications:withdraw", args=[scheduled["entry"].pk]),
    ]
    for url in urls:
        response = persona.get(url)
        expected = 302 if persona.persona == "anonymous" else 200 if persona.persona in INSPECTORATE else 403
        assert response.status_code == expected, url


def test_schedule_publication(client, inspector, scheduled):
    client.force_login(inspector)
    cheshire_letter = scheduled["review"].letters.get(force__slug="cheshire")
    response = client.post(
        reverse("publications:schedule", args=[scheduled["review"].pk]),
        {
            "release_on_0": "5",
            "release_on_1": "10",
            "release_on_2": "2030",
            "release_time": "09:30",
            "letters": [cheshire_letter.pk],
            "overview_title": "Overview",
            "introduction": "Intro",
        },
    )
    assert response.status_code == 302
    publication = Publication.objects.latest("pk")
    assert timezone.localtime(publication.release_at) == timezone.make_aware(datetime.datetime(2030, 10, 5, 9, 30))
    assert list(publication.letters.values_list("letter__force__slug", flat=True)) == ["cheshire"]
    assert publication.overview_matches()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"release_time": "25:00"}, "Enter a release time on the 24-hour clock"),
        ({"letters": []}, "Select at least one issued letter to publish"),
        ({"release_on_1": "13"}, "Enter a real date"),
    ],
)
def test_schedule_refuses_bad_input(client, inspector, scheduled, data, message):
    client.force_login(inspector)
    cheshire_letter = scheduled["review"].letters.get(force__slug="cheshire")
    base = {
        "release_on_0": "5",
        "release_on_1": "10",
        "release_on_2": "2030",
        "release_time": "09:30",
        "letters": [cheshire_letter.pk],
        "overview_title": "",
        "introduction": "",
    }
    response = client.post(reverse("publications:schedule", args=[scheduled["review"].pk]), {**base, **data})
    assert message in response.content.decode()
    assert Publication.objects.count() == 1


def test_a_letter_cannot_be_published_twice_or_from_another_review(client, inspector, scheduled):
    client.force_login(inspector)
    merseyside_letter = scheduled["entry"].letter
    response = client.post(
        reverse("publications:schedule", args=[scheduled["review"].pk]),
        {
            "release_on_0": "5",
            "release_on_1": "10",
            "release_on_2": "2030",
            "release_time": "09:30",
            "letters": [merseyside_letter.pk],
        },
    )
    assert "Select a valid choice" in response.content.decode()
    assert PublishedLetter.objects.count() == 1


def test_withdrawal_needs_a_reason(client, inspector, scheduled):
    client.force_login(inspector)
    url = reverse("publications:withdraw", args=[scheduled["entry"].pk])
    assert "Enter the reason for withdrawing the letter" in client.post(url, {"reason": ""}).content.decode()
    assert client.post(url, {"reason": "Wrong figures"}).status_code == 302
    entry = PublishedLetter.objects.get()
    assert entry.withdrawal_reason == "Wrong figures" and entry.withdrawn_by == inspector
