"""Plumbing shared by the App's and the sandbox's settings: environment readers, the
embedded PostgreSQL, the Celery broker. Imports nothing of either project."""
