"""Stripe Connect: separate charges and transfers, one transfer per Saleor order paid.

- `accepts`: parties whose connected account has the `transfers` capability active (a run
  skips the others: their money stays payable until they finish onboarding).
- `submit`: one `POST /v1/transfers` per item of the payout (`transfer_items`: one per
  Saleor order whose released parts it pays, their amounts summing to the payout's; money
  tied to no order, such as adjustments, is one more item). Each transfer goes to the
  party's connected account (`stripe_gateway.connect.connected_account_for`) with
  `transfer_group` = the Saleor order's id as Saleor gives it (its global ID, e.g.
  "T3JkZXI6MQ=="; the run's "souk-payout-run-<id>" for money tied to no order),
  `source_transaction` = the order's charge when known (the order's Saleor transaction
  `pspReference`: a `ch_...` as is, a `pi_...` by its `latest_charge`; otherwise omitted and
  the transfer is funded from the platform's balance), metadata (the item's key, payout, run,
  order, party) and the item's key as `Idempotency-Key` (the payout's key, plus "-o<ledger
  order id>" for an order): a retry after a crash or a timeout replays the same transfers,
  never makes second ones. Transfers Stripe created are final for us: the money is in the
  connected account's balance. Network errors, timeouts, 409, 429 and 5xx raise
  `RailUnavailable` (outcome unknown: the payout stays submitted); a refusal (no account able
  to receive transfers, `balance_insufficient`) of any item fails the payout, after the
  transfers of its other items are reversed (Idempotency-Key "<item key>-undo"), so the
  money is payable again, once, for a later run.
- `check`: each item's transfer, found in its transfer_group by the item's key in its
  metadata. All found: PAID with their ids; none: NOT_FOUND (the reconciliation submits again
  with the same keys); some: the missing ones are created now (the same idempotent create).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import stripe

from storefront_plugins.payouts.models import Rail
from storefront_plugins.payouts.rails.base import (
    OutcomeStatus,
    PayoutInstruction,
    RailOutcome,
    RailUnavailable,
    TransferItem,
)
from storefront_plugins.payouts.splits import Party
from storefront_plugins.stripe_gateway.client import StripeUnavailable, is_transient, stripe_client
from storefront_plugins.stripe_gateway.connect import (
    ConnectedAccountState,
    connected_account_for,
    connected_accounts_for,
)

KEY_METADATA = "souk_payout_key"


class TransferRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def transfer_group_for(instruction: PayoutInstruction, item: TransferItem) -> str:
    return item.saleor_order_id or instruction.transfer_group


def items_of(instruction: PayoutInstruction) -> tuple[TransferItem, ...]:
    """The payout's items; an instruction without (made by hand) is one loose item."""
    if instruction.items:
        return instruction.items
    return (TransferItem(0, instruction.amount, instruction.idempotency_key, "", "", ""),)


@dataclass(frozen=True)
class StripeConnectRail:
    name: str = Rail.STRIPE_CONNECT.value
    automatic: bool = True
    cancellable_when_submitted: bool = False

    def accepts(self, parties: Sequence[Party]) -> frozenset[Party]:
        """One query: the parties whose connected account can receive transfers."""
        accounts = connected_accounts_for(parties)
        return frozenset(
            party
            for party in parties
            if (account := accounts.get((str(party.kind), party.id))) is not None
            and account.can_receive_transfers
        )

    def submit(self, instruction: PayoutInstruction) -> RailOutcome:
        return self._transfer(instruction, {})

    def check(self, instruction: PayoutInstruction) -> RailOutcome:
        found: dict[str, str] = {}
        client = _client()
        try:
            for group in {transfer_group_for(instruction, i) for i in items_of(instruction)}:
                listed = client.v1.transfers.list(params={"transfer_group": group, "limit": 100})
                for transfer in listed.auto_paging_iter():
                    metadata = transfer.to_dict().get("metadata") or {}
                    key = metadata.get(KEY_METADATA)
                    if key and not transfer.reversed:
                        found[str(key)] = transfer.id
        except stripe.StripeError as error:
            raise RailUnavailable(str(error)) from error
        known = {
            i.idempotency_key: found[i.idempotency_key]
            for i in items_of(instruction)
            if i.idempotency_key in found
        }
        if not known:
            return RailOutcome(OutcomeStatus.NOT_FOUND)
        return self._transfer(instruction, known, "Found at Stripe.")

    def _transfer(
        self, instruction: PayoutInstruction, known: dict[str, str], message: str = "Transferred."
    ) -> RailOutcome:
        """Creates the items' transfers not `known` yet (item key -> transfer id)."""
        items = items_of(instruction)
        missing = [item for item in items if item.idempotency_key not in known]
        if missing:
            account = connected_account_for(instruction.party)
            if account is None or not account.can_receive_transfers:
                return self._refused(
                    instruction, known, "No Stripe account able to receive transfers."
                )
            client = _client()
            for item in missing:
                try:
                    known[item.idempotency_key] = _create_transfer(
                        client, instruction, item, account
                    )
                except TransferRefused as refusal:
                    return self._refused(instruction, known, refusal.message)
        transfers = [known[item.idempotency_key] for item in items]
        return RailOutcome(
            OutcomeStatus.PAID,
            ", ".join(transfers)[:255],
            message,
            tuple((item.item_id, known[item.idempotency_key]) for item in items if item.item_id),
        )

    def _refused(
        self, instruction: PayoutInstruction, known: dict[str, str], message: str
    ) -> RailOutcome:
        """Stripe refused an item: the payout fails, once its other transfers are reversed."""
        client = _client()
        for key, transfer_id in known.items():
            try:
                client.v1.transfers.reversals.create(
                    transfer_id,
                    params={"metadata": {KEY_METADATA: key, "souk_reason": "payout failed"}},
                    options={"idempotency_key": f"{key}-undo"},
                )
            except stripe.StripeError as error:
                if error.code == "transfer_already_reversed":
                    continue
                # Until the transfers are back, the payout stays submitted (asked again).
                raise RailUnavailable(f"Reversing {transfer_id}: {error}") from error
        return RailOutcome(OutcomeStatus.FAILED, message=message[:255])


def _create_transfer(
    client: stripe.StripeClient,
    instruction: PayoutInstruction,
    item: TransferItem,
    account: ConnectedAccountState,
) -> str:
    params: dict[str, Any] = {
        "amount": item.amount,
        "currency": instruction.currency.lower(),
        "destination": account.stripe_account_id,
        "transfer_group": transfer_group_for(instruction, item),
        "description": f"Souk payout {instruction.payout_id}",
        "metadata": {
            KEY_METADATA: item.idempotency_key,
            "souk_payout_id": str(instruction.payout_id),
            "souk_run_id": str(instruction.run_id),
            "souk_order": item.saleor_order_id,
            "souk_party": f"{instruction.party.kind}:{instruction.party.id}",
        },
    }
    source = charge_of(client, item.charge_reference)
    if source:
        params["source_transaction"] = source
    try:
        transfer = client.v1.transfers.create(
            params=params,  # type: ignore[arg-type]
            options={"idempotency_key": item.idempotency_key},
        )
    except stripe.StripeError as error:
        if is_transient(error):
            raise RailUnavailable(str(error)) from error
        raise TransferRefused(error.user_message or str(error)) from error
    return str(transfer.id)


def charge_of(client: stripe.StripeClient, reference: str) -> str:
    """The Stripe charge behind a Saleor pspReference: a charge as is, a PaymentIntent's
    latest charge; "" when there is none (the transfer is then funded from the balance)."""
    if reference.startswith("ch_") or reference.startswith("py_"):
        return reference
    if not reference.startswith("pi_"):
        return ""
    try:
        intent = client.v1.payment_intents.retrieve(reference)
    except stripe.StripeError as error:
        if is_transient(error):
            raise RailUnavailable(str(error)) from error
        return ""
    latest = intent.latest_charge
    if latest is None:
        return ""
    return latest if isinstance(latest, str) else str(latest.id)


def _client() -> stripe.StripeClient:
    try:
        return stripe_client()
    except StripeUnavailable as error:
        raise RailUnavailable(error.message) from error
