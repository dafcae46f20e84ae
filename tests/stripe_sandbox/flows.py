"""Steps the stand-in's tests share: an onboarded connected account, a paid PaymentIntent,
the available balance."""

from typing import Any

import requests
import stripe

from tests.stripe_sandbox.server import StripeSandbox


def onboarded_account(sandbox: StripeSandbox, client: stripe.StripeClient) -> stripe.Account:
    """An Express account with `transfers` requested, onboarded through its Account Link."""
    account = client.v1.accounts.create(
        params={
            "type": "express",
            "country": "FR",
            "email": "potier@souk.example",
            "capabilities": {"transfers": {"requested": True}},
        }
    )
    link = client.v1.account_links.create(
        params={
            "account": account.id,
            "refresh_url": "http://127.0.0.1/refresh",
            "return_url": "http://127.0.0.1/return",
            "type": "account_onboarding",
        }
    )
    requests.post(link.url, allow_redirects=False, timeout=10).raise_for_status()
    return client.v1.accounts.retrieve(account.id)


def paid_intent(
    client: stripe.StripeClient, amount: int, currency: str = "eur", **extra: object
) -> stripe.PaymentIntent:
    """A PaymentIntent paid by `pm_card_visa`: its charge adds `amount` to the platform balance."""
    return client.v1.payment_intents.create(
        params={
            "amount": amount,
            "currency": currency,
            "payment_method": "pm_card_visa",
            "confirm": True,
            **extra,  # type: ignore[typeddict-item]
        }
    )


def available(client: stripe.StripeClient, currency: str, account: str | None = None) -> int:
    options: stripe.RequestOptions = {"stripe_account": account} if account else {}
    balance = client.v1.balance.retrieve(options=options)
    return sum(funds.amount for funds in balance.available if funds.currency == currency)


def error_of(error: stripe.StripeError) -> dict[str, Any]:
    """The `error` object of Stripe's answer, as sent."""
    body = error.json_body
    assert isinstance(body, dict)
    found: dict[str, Any] = body["error"]
    return found
