from pathlib import Path

import pytest

from storefront_plugins.storefronts.loading import load_storefronts, read_fixtures_file
from tests.app.artisans.conftest import api_client, directory, tokens

__all__ = ["api_client", "directory", "tokens"]

STOREFRONTS = Path(__file__).resolve().parents[3] / "fixtures" / "souk" / "storefronts.json"


@pytest.fixture
def storefronts(directory: None) -> None:
    """The five fixture cooperatives' storefronts, all published."""
    load_storefronts(read_fixtures_file(STOREFRONTS))
