"""The publication of 5 October 2017 as demonstration data: Merseyside's letter and the national overview."""

import datetime

from django.utils import timezone

from .models import PublishedLetter
from .services import publication_schedule

OVERVIEW_TITLE = (
    "Abuse of position for a sexual purpose: a review of forces' plans in response to our PEEL legitimacy 2016 "
    "national report recommendation"
)
INTRODUCTION = (
    "In December 2016 we recommended that within six months all forces should have started to implement a plan "
    "to achieve the capability and capacity required to seek intelligence on potential abuse of position for a "
    "sexual purpose.\n"
    "We reviewed the plans every force sent us and wrote to each chief officer with our assessment."
)


def published_reference_letter(review, letter, inspector):
    """Merseyside's letter released at 09:30 on 5 October 2017; Cheshire's stays issued but unpublished."""
    if PublishedLetter.objects.filter(letter=letter).exists():
        return
    publication_schedule(
        review=review,
        letters=[letter],
        release_at=timezone.make_aware(datetime.datetime(2017, 10, 5, 9, 30)),
        overview_title=OVERVIEW_TITLE,
        introduction=INTRODUCTION,
        by=inspector,
    )
