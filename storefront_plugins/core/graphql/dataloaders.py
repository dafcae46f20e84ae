"""Per-request batch loaders (`<Thing>By<Key>Loader`), deferred by graphql-sync-dataloaders."""

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from graphql_sync_dataloaders import SyncDataLoader, SyncFuture

from storefront_plugins.core.graphql.context import RequestContext

K = TypeVar("K")
V = TypeVar("V")


class DataLoader(SyncDataLoader, Generic[K, V]):
    """`FooByIdLoader(context).load(key)`: one instance per request and class, so keys that
    resolvers ask for while a list is being completed are fetched in one query."""

    context: RequestContext

    def __new__(cls, context: RequestContext) -> "DataLoader[K, V]":
        loader = context.dataloaders.get(cls)
        if loader is None:
            loader = super().__new__(cls)
            context.dataloaders[cls] = loader
        return loader

    def __init__(self, context: RequestContext) -> None:
        if getattr(self, "context", None) is not None:
            return
        self.context = context
        super().__init__(self.batch_load)

    def batch_load(self, keys: Sequence[K]) -> list[V]:
        raise NotImplementedError


def grouped(rows: Iterable[Any], key_attr: str, keys: Sequence[Any]) -> list[list[Any]]:
    """Rows grouped by one of their attributes, in the order of `keys`."""
    groups: dict[Any, list[Any]] = {key: [] for key in keys}
    for row in rows:
        groups.setdefault(getattr(row, key_attr), []).append(row)
    return [groups[key] for key in keys]


def then(value: Any, transform: Callable[[Any], Any]) -> Any:
    """`transform` applied to a loader's result, now if it is there, else once it is loaded."""
    if not isinstance(value, SyncFuture):
        return transform(value)
    if value.done():
        return transform(value.result())
    derived = SyncFuture()
    derived.deferred_callback = value.deferred_callback

    def settle() -> None:
        try:
            derived.set_result(transform(value.result()))
        except Exception as error:
            derived.set_exception(error)

    value.add_done_callback(settle)
    return derived
