"""Celery tasks of the accounts: thin, by ids."""

from celery import shared_task
from django.db import transaction

from storefront_plugins.accounts import services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation_task(user_id: int, name: str, inviter: str) -> str:
    return "sent" if services.send_invitation(user_id, name, inviter) else "not_needed"


def enqueue_invitation(user_id: int, name: str, inviter: str) -> None:
    """After commit: an account rolled back gets no e-mail."""
    transaction.on_commit(lambda: send_invitation_task.delay(user_id, name, inviter))


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_password_reset_task(user_id: int) -> str:
    return "sent" if services.send_password_reset(user_id) else "not_needed"
