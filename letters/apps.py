from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "letters"

    def ready(self):
        from worker.sweeps import register

        from .jobs import jobs_recover_stale

        register("stalled bulk jobs", jobs_recover_stale, every_seconds=15)
