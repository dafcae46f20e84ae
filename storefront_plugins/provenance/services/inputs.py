"""What callers send to the services: plain, frozen input dataclasses."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storefront_plugins.provenance.models import ContributionRole


@dataclass(frozen=True)
class ContributionInput:
    artisan_id: int
    share: int  # basis points
    role: str = ContributionRole.MADE


@dataclass(frozen=True)
class MaterialInput:
    material: str
    lot_code: str = ""
    quantity: str = ""
    collector_id: int | None = None
    origin_region: str = ""


@dataclass(frozen=True)
class ProvenanceInput:
    """What a create or update sends: field changes, and the full lists it replaces."""

    changes: Mapping[str, Any] = field(default_factory=dict)
    contributions: Sequence[ContributionInput] | None = None
    materials: Sequence[MaterialInput] | None = None
    quality_checked_by_artisan_id: int | None = None


@dataclass(frozen=True)
class CustodyEventInput:
    event_time: datetime
    biz_step: str
    read_point: str
    disposition: str = ""
    city: str = ""
    region: str = ""
    biz_location: str = ""
    note: str = ""
    corrects_id: int | None = None


@dataclass(frozen=True)
class CertificationHolder:
    cooperative_id: int | None = None
    artisan_id: int | None = None
    provenance_id: int | None = None
