"""What other capabilities may learn from the directory, without the directory knowing them.

A capability that keeps a copy of artisans elsewhere (provenance writes each artisan's
Page into Saleor) registers a listener once, from its `AppConfig.ready()`:

    hooks.on_artisan_changed(enqueue_artisan_page_syncs)

The directory's services call `artisan_changed(pk)` inside the transaction that changed
the artisan (profile, creation, membership); listeners must only enqueue work with
`transaction.on_commit` (nothing happens if it rolls back) and must be idempotent."""

from collections.abc import Callable

ArtisanListener = Callable[[int], None]

_listeners: list[ArtisanListener] = []


def on_artisan_changed(listener: ArtisanListener) -> ArtisanListener:
    """Registers `listener(artisan_id)`; registering it again changes nothing."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def artisan_changed(artisan_id: int) -> None:
    for listener in list(_listeners):
        listener(artisan_id)


def artisan_listeners() -> tuple[ArtisanListener, ...]:
    return tuple(_listeners)
