"""Reviews: a recommendation's review asks forces for plans, receives them, assesses each force."""

from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
