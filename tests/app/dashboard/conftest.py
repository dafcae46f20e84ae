from tests.app.payouts.conftest import potters, safi
from tests.app.provenance.conftest import directory, vase

__all__ = ["directory", "potters", "safi", "vase"]
