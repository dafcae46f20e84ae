"""The demo catalogue loaded with `sandbox_seed`, and copies of its fixture files to edit."""

import json
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "sandbox"


def seed(fixtures: Path | None = None) -> str:
    out = StringIO()
    args = ["--fixtures", str(fixtures)] if fixtures else []
    call_command("sandbox_seed", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db: None) -> str:
    return seed()


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    """A copy of fixtures/sandbox/ to change, file by file."""
    target = tmp_path / "sandbox"
    shutil.copytree(FIXTURES, target)
    return target


def read(folder: Path, name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((folder / name).read_text(encoding="utf-8"))
    return document


def write(folder: Path, name: str, document: dict[str, Any]) -> None:
    (folder / name).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
