from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Emails"

    def ready(self):
        from worker.sweeps import register

        from . import checks  # noqa: F401  (registers the deployment check)
        from .sending import deliveries_send_due

        # Retries fall due minutes apart; a sweep also sends what a lost task never sent.
        register("email deliveries", deliveries_send_due, every_seconds=10)
