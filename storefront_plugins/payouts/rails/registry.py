"""Payout rails by name (`Rail` values): the manual rails and Stripe Connect. A party whose
method's rail is not registered is skipped by payout runs (and counted); tests put a rail in
another's place with `replace_rail` and give it back with `restore_rail`."""

from storefront_plugins.payouts.models import Rail
from storefront_plugins.payouts.rails.base import PayoutRail
from storefront_plugins.payouts.rails.manual import ManualRail
from storefront_plugins.payouts.rails.stripe_connect import StripeConnectRail

_RAILS: dict[str, PayoutRail] = {}


class RailNotAvailable(LookupError):
    pass


def register_rail(rail: PayoutRail) -> None:
    _RAILS[rail.name] = rail


def unregister_rail(name: str) -> None:
    _RAILS.pop(name, None)


def replace_rail(rail: PayoutRail) -> PayoutRail | None:
    """Registers `rail` under its name; returns the rail it replaced, to restore it."""
    previous = _RAILS.get(rail.name)
    register_rail(rail)
    return previous


def restore_rail(name: str, previous: PayoutRail | None) -> None:
    if previous is None:
        unregister_rail(name)
    else:
        register_rail(previous)


def rail_for(name: str) -> PayoutRail:
    try:
        return _RAILS[name]
    except KeyError:
        raise RailNotAvailable(f"No payout rail {name!r} is available.") from None


def available_rails() -> frozenset[str]:
    return frozenset(_RAILS)


for _manual in (Rail.BANK_TRANSFER, Rail.CASH, Rail.MOBILE_WALLET):
    register_rail(ManualRail(_manual.value))
register_rail(StripeConnectRail())
