"""Payouts from a balance to the account's bank: the platform's, or a connected account's
with `Stripe-Account`. Paid at once (no pending period, as funds are available at once);
refused with `balance_insufficient` beyond the available balance."""

from stripe_sandbox.errors import StripeError
from stripe_sandbox.ids import new_id, now
from stripe_sandbox.params import Params
from stripe_sandbox.resources.balance import available, record
from stripe_sandbox.routing import ApiRequest, Route, route
from stripe_sandbox.state import StripeObject

CREATE_PARAMS = {"amount", "currency", "description", "metadata"}


def create_payout(request: ApiRequest, params: Params) -> StripeObject:
    store = request.store
    amount = params.required_integer("amount", minimum=1)
    currency = params.currency()
    assert currency is not None
    if amount > available(store, request.stripe_account, currency):
        raise StripeError(
            400,
            "You have insufficient funds in your Stripe account for this transfer.",
            code="balance_insufficient",
        )
    payout_id = new_id("po")
    payout: StripeObject = {
        "id": payout_id,
        "object": "payout",
        "amount": amount,
        "arrival_date": now(),
        "balance_transaction": record(
            store,
            account=request.stripe_account,
            currency=currency,
            amount=-amount,
            kind="payout",
            source=payout_id,
        ),
        "created": now(),
        "currency": currency,
        "description": params.string("description"),
        "livemode": False,
        "metadata": params.metadata() or {},
        "method": "standard",
        "status": "paid",
        "type": "bank_account",
    }
    store.add(payout)
    return payout


ROUTES: list[Route] = [
    route("POST", "/v1/payouts", create_payout, CREATE_PARAMS, "PayoutCreateParams"),
]
