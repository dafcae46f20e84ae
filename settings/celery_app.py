"""The Celery application: `celery -A settings.celery_app worker`."""

import os
from typing import Any

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.base")

app = Celery("souk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def close_old_connections(task: Any = None, **_kwargs: Any) -> None:
    """What Django does around a request: a connection that failed or is older than
    CONN_MAX_AGE is closed (the task opens a new one); others are kept, and checked
    (CONN_HEALTH_CHECKS) before the task's first query. Not for a task run eagerly, in its
    caller's transaction (as Celery's own fix-up)."""
    if task is not None and getattr(task.request, "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()
