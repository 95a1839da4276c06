"""Publications: the public site; its part of each letter's history and of the review machinery."""

from django.apps import AppConfig


def letter_publication_history(letter):
    from .models import PublishedLetter

    return PublishedLetter.history.filter(letter__assessment_id=letter.assessment_id)


class PublicationsConfig(AppConfig):
    name = "publications"

    def ready(self):
        from core.history import history_ignores
        from letters.extensions import register_letter_history
        from recommendations.register import TIMELINE_SOURCES
        from reviews import extensions

        from . import caching, progress, signals  # noqa: F401 - signals connects the search vectors' receivers
        from .register_events import published_letter_events

        register_letter_history(letter_publication_history)
        history_ignores("overview_pdf")
        extensions.ROW_LOADERS.append(progress.load_publication)
        extensions.REVIEW_HISTORY.append(progress.publication_history)
        TIMELINE_SOURCES.append(published_letter_events)
        caching.connect_sources()
