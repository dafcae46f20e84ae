"""STUB of the outbox (being built on another branch with this exact interface): on merge,
take that branch's file and delete this one. Nothing is queued or written here."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from storefront_plugins.saleor_app.client import SaleorClient

Writer = Callable[[SaleorClient, str], None]

_writers: dict[str, Writer] = {}


@dataclass(frozen=True)
class WriteState:
    status: str  # pending, retrying, failed
    attempts: int
    last_error: str
    next_attempt_at: datetime | None
    since: datetime


def register_writer(kind: str, writer: Writer) -> None:
    _writers[kind] = writer


def enqueue_write(installation_id: int, kind: str, key: str) -> None:
    """Inside the caller's transaction: the writer of `kind` runs for `key` after the commit."""


def write_states(kind: str, keys: Iterable[str]) -> dict[str, WriteState]:
    """The keys whose writes are not done yet; written keys are left out."""
    return {}
