"""Balance transactions and the balance derived from them: the platform's from charges
minus refunds minus transfers (plus reversals); a connected account's (`Stripe-Account`)
from the transfers it received. No fees and no pending period: funds are available at once."""

from stripe_sandbox.ids import new_id, now
from stripe_sandbox.params import Params
from stripe_sandbox.routing import ApiRequest, Route, route
from stripe_sandbox.state import LedgerEntry, Store, StripeObject

REPORTING_CATEGORIES = {
    "charge": "charge",
    "refund": "refund",
    "transfer": "transfer",
    "transfer_cancel": "transfer_reversal",
    "payment": "charge",
    "payment_refund": "refund",
    "refund_failure": "refund_failure",
    "payout": "payout",
}


def record(
    store: Store,
    *,
    account: str | None,
    currency: str,
    amount: int,
    kind: str,
    source: str,
    description: str | None = None,
) -> str:
    """Writes one balance transaction (amount signed from the account's view); its id."""
    created = now()
    transaction: StripeObject = {
        "id": new_id("txn"),
        "object": "balance_transaction",
        "amount": amount,
        "available_on": created,
        "balance_type": "payments",
        "created": created,
        "currency": currency,
        "description": description,
        "exchange_rate": None,
        "fee": 0,
        "fee_details": [],
        "net": amount,
        "reporting_category": REPORTING_CATEGORIES[kind],
        "source": source,
        "status": "available",
        "type": kind,
    }
    store.add(transaction)
    store.ledger.append(LedgerEntry(account, currency, amount, transaction["id"]))
    return str(transaction["id"])


def available(store: Store, account: str | None, currency: str) -> int:
    return store.balance(account).get(currency, 0)


def retrieve_balance(request: ApiRequest, params: Params) -> StripeObject:
    totals = request.store.balance(request.stripe_account)
    if not totals:
        totals = {"usd": 0}
    return {
        "object": "balance",
        "available": [
            {"amount": amount, "currency": currency, "source_types": {"card": amount}}
            for currency, amount in sorted(totals.items())
        ],
        "connect_reserved": [{"amount": 0, "currency": currency} for currency in sorted(totals)],
        "livemode": False,
        "pending": [
            {"amount": 0, "currency": currency, "source_types": {"card": 0}}
            for currency in sorted(totals)
        ],
    }


def retrieve_balance_transaction(request: ApiRequest, params: Params, id: str) -> StripeObject:
    return request.store.get("balance_transaction", id)


ROUTES: list[Route] = [
    route("GET", "/v1/balance", retrieve_balance, set(), "BalanceRetrieveParams"),
    route(
        "GET",
        "/v1/balance_transactions/{id}",
        retrieve_balance_transaction,
        set(),
        "BalanceTransactionRetrieveParams",
    ),
]
