"""Stripe Connect: a transfer from the platform's balance to the party's connected account.

- `accepts`: parties whose connected account has the `transfers` capability active (a run
  skips the others: their money stays payable until they finish onboarding).
- `submit`: `POST /v1/transfers` with the payout's amount and currency, `destination` the
  party's connected account (`stripe_gateway.connect.connected_account_for`),
  `transfer_group` the run's ("souk-payout-run-<id>") and metadata (payout id, run id, the
  payout's key), sent with the payout's idempotency key as Stripe's `Idempotency-Key`: a
  retry after a crash or a timeout replays the same transfer, never makes a second one. A
  transfer that Stripe created is final for us: the money is in the connected account's
  balance (its own payouts to a bank are the account's business). Network errors, timeouts,
  409, 429 and 5xx raise `RailUnavailable` (outcome unknown: the payout stays submitted);
  other refusals (no account able to receive transfers, `balance_insufficient`) fail the
  payout and its money is payable again for a later run.
- `check`: the run's transfers (`GET /v1/transfers?transfer_group=`), the one whose metadata
  carries the payout's key: PAID with its id, else NOT_FOUND (the reconciliation then submits
  again with the same key).
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
)
from storefront_plugins.payouts.splits import Party
from storefront_plugins.stripe_gateway.client import StripeUnavailable, is_transient, stripe_client
from storefront_plugins.stripe_gateway.connect import connected_account_for, connected_accounts_for

KEY_METADATA = "souk_payout_key"


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
        account = connected_account_for(instruction.party)
        if account is None or not account.can_receive_transfers:
            return RailOutcome(
                OutcomeStatus.FAILED,
                message="No Stripe account able to receive transfers.",
            )
        params: dict[str, Any] = {
            "amount": instruction.amount,
            "currency": instruction.currency.lower(),
            "destination": account.stripe_account_id,
            "transfer_group": instruction.transfer_group,
            "description": f"Souk payout {instruction.payout_id}",
            "metadata": {
                KEY_METADATA: instruction.idempotency_key,
                "souk_payout_id": str(instruction.payout_id),
                "souk_run_id": str(instruction.run_id),
            },
        }
        try:
            transfer = _client().v1.transfers.create(
                params=params,  # type: ignore[arg-type]
                options={"idempotency_key": instruction.idempotency_key},
            )
        except stripe.StripeError as error:
            if is_transient(error):
                raise RailUnavailable(str(error)) from error
            return RailOutcome(
                OutcomeStatus.FAILED, message=(error.user_message or str(error))[:255]
            )
        return RailOutcome(OutcomeStatus.PAID, transfer.id, "Transferred.")

    def check(self, instruction: PayoutInstruction) -> RailOutcome:
        try:
            transfers = _client().v1.transfers.list(
                params={"transfer_group": instruction.transfer_group, "limit": 100}
            )
            for transfer in transfers.auto_paging_iter():
                metadata = transfer.to_dict().get("metadata") or {}
                if metadata.get(KEY_METADATA) == instruction.idempotency_key:
                    return RailOutcome(OutcomeStatus.PAID, transfer.id, "Found at Stripe.")
        except stripe.StripeError as error:
            raise RailUnavailable(str(error)) from error
        return RailOutcome(OutcomeStatus.NOT_FOUND)


def _client() -> stripe.StripeClient:
    try:
        return stripe_client()
    except StripeUnavailable as error:
        raise RailUnavailable(error.message) from error
