from tests.app.artisans.conftest import directory

__all__ = ["directory"]
