from typing import Any

from storefront_plugins.core.graphql.context import context_of
from storefront_plugins.payouts.access import LedgerAccess, ledger_access_for

ACCESS_KEY = "payouts.access"


def ledger_access_of(info: Any) -> LedgerAccess:
    """The request's LedgerAccess, loaded once per request."""
    context = context_of(info)
    if ACCESS_KEY not in context.memo:
        context.memo[ACCESS_KEY] = ledger_access_for(context.user)
    access: LedgerAccess = context.memo[ACCESS_KEY]
    return access
