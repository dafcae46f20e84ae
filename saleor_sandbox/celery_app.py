"""The sandbox's own Celery application (webhook deliveries, app installation)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_sandbox.settings")

app = Celery("saleor_sandbox")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["saleor_sandbox"])
