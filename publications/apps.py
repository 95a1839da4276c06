"""Publications: the public site, and its part of each letter's history on the staff letter page."""

from django.apps import AppConfig


def publication_history(letter):
    from .models import PublishedLetter

    return PublishedLetter.history.filter(letter__assessment_id=letter.assessment_id)


class PublicationsConfig(AppConfig):
    name = "publications"

    def ready(self):
        from letters.extensions import register_letter_history

        register_letter_history(publication_history)
