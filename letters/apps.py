"""Letters: registers its periodic sweep with the worker and its part of the review machinery."""

from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "letters"

    def ready(self):
        from core.history import history_ignores
        from recommendations.register import TIMELINE_SOURCES
        from reviews import extensions
        from worker.sweeps import register

        from . import progress
        from .access import approval_refusal
        from .jobs import jobs_recover_stale
        from .register import letter_events

        register("stalled bulk jobs", jobs_recover_stale, every_seconds=15)
        history_ignores("pdf", "signature")  # where storage keeps a letter's PDF and signature
        extensions.ROW_LOADERS.append(progress.load_letters)
        extensions.ROW_LOADERS.append(progress.load_chase_letters)
        extensions.REVIEW_PAGE.append(progress.review_page)
        extensions.FORCE_PAGE.append(progress.force_page)
        extensions.LIAISON_PAGE.append(progress.liaison_page)
        extensions.REVIEW_HISTORY.append(progress.template_history)
        extensions.APPROVAL_RULES.append(approval_refusal)
        TIMELINE_SOURCES.append(letter_events)
