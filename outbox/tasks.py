"""The task that sends a delivery as soon as the transaction that queued it commits."""

from django_tasks import task

from .sending import delivery_attempt


@task()
def send_delivery(delivery_id):
    delivery_attempt(delivery_id=delivery_id)
