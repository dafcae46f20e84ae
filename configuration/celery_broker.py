"""Celery broker settings: Redis when REDIS_URL is set, otherwise a file-system broker
that needs no server (files under the data folder, shared by the processes of a machine)."""

from pathlib import Path


def broker_settings(redis_url: str, data_dir: Path) -> tuple[str, dict[str, object]]:
    if redis_url:
        return redis_url, {"visibility_timeout": 3600}
    broker_dir = data_dir / "celery-broker"
    broker_dir.mkdir(parents=True, exist_ok=True)
    return "filesystem://", {
        "data_folder_in": str(broker_dir),
        "data_folder_out": str(broker_dir),
        "store_processed": False,
        "control_folder": str(broker_dir / "control"),
    }


# What every task of both projects relies on: acknowledged after it ran, requeued if its
# worker dies, one message at a time, JSON only.
CELERY_TASK_DEFAULTS: dict[str, object] = {
    "CELERY_TASK_ACKS_LATE": True,
    "CELERY_TASK_REJECT_ON_WORKER_LOST": True,
    "CELERY_WORKER_PREFETCH_MULTIPLIER": 1,
    "CELERY_TASK_IGNORE_RESULT": True,
    "CELERY_TASK_SERIALIZER": "json",
    "CELERY_ACCEPT_CONTENT": ["json"],
}
