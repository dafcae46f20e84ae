"""Transfers from the platform to a connected account, and their reversals.

A transfer needs a destination whose `transfers` capability is active and, without
`source_transaction`, enough available platform balance (`balance_insufficient`). With
`source_transaction` it is limited by what that charge has left (captured, not refunded,
not already transferred). The destination receives a `py_` payment in its own balance. A
reversal needs that much in the destination's available balance (`balance_insufficient`)."""

from stripe_sandbox.errors import StripeError, invalid
from stripe_sandbox.events import emit
from stripe_sandbox.ids import new_id, now
from stripe_sandbox.listing import LIST_PARAMS, list_object
from stripe_sandbox.params import Params, merge_metadata
from stripe_sandbox.resources.accounts import has_active_transfers
from stripe_sandbox.resources.balance import available, record
from stripe_sandbox.resources.charges import refundable
from stripe_sandbox.routing import ApiRequest, Route, route
from stripe_sandbox.state import Store, StripeObject

CREATE_PARAMS = {
    "amount",
    "currency",
    "destination",
    "transfer_group",
    "source_transaction",
    "description",
    "metadata",
}
LIST_FILTERS = {"destination", "transfer_group"}
REVERSAL_PARAMS = {"amount", "metadata", "description"}

INSUFFICIENT_FUNDS = (
    "You have insufficient available funds in your Stripe account. Try adding funds directly "
    "to your available balance by creating Charges using the 4000000000000077 test card. See: "
    "https://stripe.com/docs/testing#available-balance"
)


def _transferred_from(store: Store, charge_id: str) -> int:
    return sum(
        int(transfer["amount"]) - int(transfer["amount_reversed"])
        for transfer in store.of_type("transfer")
        if transfer["source_transaction"] == charge_id
    )


def create_transfer(request: ApiRequest, params: Params) -> StripeObject:
    store = request.store
    amount = params.required_integer("amount", minimum=1)
    currency = params.currency()
    assert currency is not None
    destination_id = params.required_string("destination")
    source_transaction = params.string("source_transaction")
    metadata = params.metadata() or {}
    destination = store.get("account", destination_id, "destination")
    if not has_active_transfers(destination):
        raise StripeError(
            400,
            "Your destination account needs to have at least one of the following capabilities "
            "enabled: transfers, crypto_transfers, legacy_payments",
            code="insufficient_capabilities_for_transfer",
            param="destination",
        )
    if source_transaction is not None:
        charge = store.get("charge", source_transaction, "charge")
        if charge["currency"] != currency:
            raise invalid(
                f"The currency of source_transaction's balance transaction ({charge['currency']}) "
                f"must be the same as the transfer currency ({currency})",
                param="currency",
            )
        left = refundable(charge) - _transferred_from(store, source_transaction)
        if amount > left:
            raise StripeError(
                400,
                f"The transfer amount ({amount}) exceeds what is left on the source transaction "
                f"{source_transaction} ({left}).",
                code="amount_too_large",
                param="amount",
            )
    elif amount > available(store, None, currency):
        raise StripeError(400, INSUFFICIENT_FUNDS, code="balance_insufficient")
    transfer_id = new_id("tr")
    payment_id = new_id("py")
    transfer: StripeObject = {
        "id": transfer_id,
        "object": "transfer",
        "amount": amount,
        "amount_reversed": 0,
        "balance_transaction": record(
            store,
            account=None,
            currency=currency,
            amount=-amount,
            kind="transfer",
            source=transfer_id,
        ),
        "created": now(),
        "currency": currency,
        "description": params.string("description"),
        "destination": destination_id,
        "destination_payment": payment_id,
        "livemode": False,
        "metadata": metadata,
        "reversals": {
            "object": "list",
            "data": [],
            "has_more": False,
            "url": f"/v1/transfers/{transfer_id}/reversals",
        },
        "reversed": False,
        "source_transaction": source_transaction,
        "source_type": "card",
        "transfer_group": params.string("transfer_group"),
    }
    record(
        store,
        account=destination_id,
        currency=currency,
        amount=amount,
        kind="payment",
        source=payment_id,
    )
    store.add(transfer)
    emit(request, "transfer.created", transfer)
    return transfer


def retrieve_transfer(request: ApiRequest, params: Params, id: str) -> StripeObject:
    return request.store.get("transfer", id)


def update_transfer(request: ApiRequest, params: Params, id: str) -> StripeObject:
    transfer = request.store.get("transfer", id)
    description = params.string("description")
    metadata = params.metadata()
    previous: dict[str, object] = {}
    if description is not None and description != transfer["description"]:
        previous["description"] = transfer["description"]
        transfer["description"] = description
    merged = merge_metadata(transfer["metadata"], metadata)
    if merged != transfer["metadata"]:
        previous["metadata"] = transfer["metadata"]
        transfer["metadata"] = merged
    if previous:
        emit(request, "transfer.updated", transfer, previous_attributes=previous)
    return transfer


def list_transfers(request: ApiRequest, params: Params) -> StripeObject:
    destination = params.string("destination")
    group = params.string("transfer_group")
    return list_object(
        "/v1/transfers",
        (
            transfer
            for transfer in request.store.of_type("transfer")
            if (destination is None or transfer["destination"] == destination)
            and (group is None or transfer["transfer_group"] == group)
        ),
        params,
    )


def create_reversal(request: ApiRequest, params: Params, id: str) -> StripeObject:
    store = request.store
    transfer = store.get("transfer", id)
    amount = params.integer("amount", minimum=1)
    metadata = params.metadata() or {}
    remaining = int(transfer["amount"]) - int(transfer["amount_reversed"])
    if remaining <= 0:
        raise StripeError(
            400, f"Transfer {id} has already been fully reversed.", code="transfer_already_reversed"
        )
    amount = remaining if amount is None else amount
    if amount > remaining:
        raise StripeError(
            400,
            f"Amount ({amount}) is greater than the amount remaining on the transfer ({remaining}).",
            param="amount",
        )
    if amount > available(store, transfer["destination"], transfer["currency"]):
        raise StripeError(
            400,
            "The destination account does not have enough balance to cover the reversal.",
            code="balance_insufficient",
        )
    reversal_id = new_id("trr")
    reversal: StripeObject = {
        "id": reversal_id,
        "object": "transfer_reversal",
        "amount": amount,
        "balance_transaction": record(
            store,
            account=None,
            currency=transfer["currency"],
            amount=amount,
            kind="transfer_cancel",
            source=reversal_id,
        ),
        "created": now(),
        "currency": transfer["currency"],
        "destination_payment_refund": new_id("pyr"),
        "metadata": metadata,
        "source_refund": None,
        "transfer": id,
    }
    record(
        store,
        account=transfer["destination"],
        currency=transfer["currency"],
        amount=-amount,
        kind="payment_refund",
        source=reversal["destination_payment_refund"],
    )
    store.add(reversal)
    previous = {"amount_reversed": transfer["amount_reversed"], "reversed": transfer["reversed"]}
    transfer["amount_reversed"] += amount
    transfer["reversed"] = transfer["amount_reversed"] >= transfer["amount"]
    transfer["reversals"]["data"].insert(0, reversal)
    transfer["reversals"]["data"] = transfer["reversals"]["data"][:10]
    transfer["reversals"]["has_more"] = _reversal_count(store, id) > 10
    emit(request, "transfer.reversed", transfer, previous_attributes=previous)
    return reversal


def _reversal_count(store: Store, transfer_id: str) -> int:
    return sum(
        1 for reversal in store.of_type("transfer_reversal") if reversal["transfer"] == transfer_id
    )


def list_reversals(request: ApiRequest, params: Params, id: str) -> StripeObject:
    request.store.get("transfer", id)
    return list_object(
        f"/v1/transfers/{id}/reversals",
        (r for r in request.store.of_type("transfer_reversal") if r["transfer"] == id),
        params,
    )


def retrieve_reversal(request: ApiRequest, params: Params, id: str, reversal: str) -> StripeObject:
    found = request.store.get("transfer_reversal", reversal)
    if found["transfer"] != id:
        raise StripeError(
            404, f"No such transfer reversal: '{reversal}'", code="resource_missing", param="id"
        )
    return found


ROUTES: list[Route] = [
    route("POST", "/v1/transfers", create_transfer, CREATE_PARAMS, "TransferCreateParams"),
    route("GET", "/v1/transfers", list_transfers, LIST_PARAMS | LIST_FILTERS, "TransferListParams"),
    route("GET", "/v1/transfers/{id}", retrieve_transfer, set(), "TransferRetrieveParams"),
    route(
        "POST",
        "/v1/transfers/{id}",
        update_transfer,
        {"description", "metadata"},
        "TransferUpdateParams",
    ),
    route(
        "POST",
        "/v1/transfers/{id}/reversals",
        create_reversal,
        REVERSAL_PARAMS,
        "TransferReversalCreateParams",
    ),
    route(
        "GET",
        "/v1/transfers/{id}/reversals",
        list_reversals,
        LIST_PARAMS,
        "TransferReversalListParams",
    ),
    route(
        "GET",
        "/v1/transfers/{id}/reversals/{reversal}",
        retrieve_reversal,
        set(),
        "TransferReversalRetrieveParams",
    ),
]
