"""Project configuration: Django settings, URLs, WSGI and the Celery application."""

from settings.celery_app import app as celery_app

__all__ = ["celery_app"]
