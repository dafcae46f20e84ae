"""Settings read from the environment, checked in a fresh interpreter each time."""

import json
import os
import subprocess
import sys

from tests.saleor_contract import REPO_ROOT

PRINT_SETTINGS = """
import json
from django.conf import settings
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT current_setting('server_version_num')")
    version = cursor.fetchone()[0]
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "host": settings.DATABASES["default"]["HOST"],
    "server_version_num": version,
    "broker": settings.CELERY_BROKER_URL,
}))
"""


def run_settings(env_changes, code=PRINT_SETTINGS):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
        and not key.startswith("SOUK_S3_")
    }
    env.update(env_changes)
    env["DJANGO_SETTINGS_MODULE"] = "settings.base"
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_database_url_an_embedded_postgresql_is_started(tmp_path):
    result = run_settings({"SOUK_DATA_DIR": str(tmp_path), "SECRET_KEY": "k"})

    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout.strip().splitlines()[-1])
    assert printed["engine"] == "django.db.backends.postgresql"
    assert printed["host"] == str(tmp_path / "postgres")
    assert int(printed["server_version_num"]) >= 160000
    subprocess.run(
        [
            sys.executable,
            "-c",
            f"import pgserver; pgserver.get_server({str(tmp_path / 'postgres')!r}, cleanup_mode='stop').cleanup()",
        ],
        cwd=REPO_ROOT,
        check=False,
        capture_output=True,
        timeout=60,
    )


def test_without_redis_url_celery_uses_a_broker_that_needs_no_server(tmp_path):
    result = run_settings(
        {
            "SOUK_DATA_DIR": str(tmp_path),
            "SECRET_KEY": "k",
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/x",
        },
        code="from django.conf import settings; print(settings.CELERY_BROKER_URL)",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "filesystem://"


def test_sqlite_is_refused():
    result = run_settings({"DATABASE_URL": "sqlite:///souk.db", "SECRET_KEY": "k"}, code="")

    assert result.returncode != 0
    assert "Souk supports PostgreSQL only" in result.stderr


def test_a_secret_key_is_required_outside_debug():
    result = run_settings({"DATABASE_URL": "postgres://nobody@127.0.0.1:1/x"}, code="")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


PRINT_STORAGE = """
import json
from django.conf import settings
print(json.dumps(settings.STORAGES["default"]))
"""


def test_with_an_s3_bucket_uploads_go_to_s3_as_private_objects_with_short_lived_urls(tmp_path):
    result = run_settings(
        {
            "SOUK_DATA_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
            "SECRET_KEY": "k",
            "SOUK_S3_BUCKET": "souk-media",
            "SOUK_S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud",
            "SOUK_S3_REGION": "fr-par",
        },
        PRINT_STORAGE,
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "souk-media",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
            "signature_version": "s3v4",
            "endpoint_url": "https://s3.fr-par.scw.cloud",
            "addressing_style": "path",
            "region_name": "fr-par",
        },
    }


def test_without_an_s3_bucket_uploads_stay_under_the_media_root(tmp_path):
    result = run_settings(
        {
            "SOUK_DATA_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
            "SECRET_KEY": "k",
        },
        PRINT_STORAGE,
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "media")},
    }
