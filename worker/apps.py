"""The task worker: wakes on PostgreSQL's notice of each task queued (worker.wakeup)."""

from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "worker"
    verbose_name = "Task worker"

    def ready(self):
        from django_tasks.signals import task_enqueued

        from .wakeup import task_queued_notify

        task_enqueued.connect(task_queued_notify, dispatch_uid="worker.task_queued_notify")
