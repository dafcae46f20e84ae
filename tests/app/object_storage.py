"""moto's S3 server as a separate process over HTTP, as the App meets a real S3: no
in-process mock. The `moto_s3` (session) and `s3_storage` (per test) fixtures in
tests/app/conftest.py build on it."""

import socket
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3

from configuration.object_storage import default_storage_settings

ACCESS_KEY = "souk-test-access-key"
SECRET_KEY = "souk-test-secret-key"
REGION = "eu-west-3"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class MotoS3Server:
    endpoint_url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def client(self) -> Any:
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
        )

    def create_bucket(self) -> str:
        name = f"souk-test-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(
            Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        return name

    def storage_settings(self, bucket: str, url_expiry: int = 300) -> dict[str, Any]:
        """The `default` STORAGES entry the App's settings build for this bucket, with the
        test credentials (the App itself reads them from AWS_* variables)."""
        entry = default_storage_settings(
            bucket=bucket,
            media_root=Path("/nonexistent"),
            endpoint_url=self.endpoint_url,
            region=REGION,
            url_expiry=url_expiry,
        )
        entry["OPTIONS"] |= {"access_key": ACCESS_KEY, "secret_key": SECRET_KEY}
        return entry

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_moto_server(moto_server: Path, log_path: Path) -> MotoS3Server:
    port = _free_port()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(moto_server), "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"moto_server did not start:\n{log_path.read_text()}") from None
            time.sleep(0.1)
    return MotoS3Server(f"http://127.0.0.1:{port}", process, log_path)
