"""The stand-in's 3-D Secure page: a PaymentIntent that `requires_action` redirects the
shopper here; completing authorizes the payment, failing leaves it `requires_payment_method`;
both return to the intent's `return_url` with `redirect_status`, as Stripe's redirect does."""

import html
from urllib.parse import urlencode

from stripe_sandbox.events import emit
from stripe_sandbox.resources.cards import card_for
from stripe_sandbox.resources.payment_intents import authorize
from stripe_sandbox.routing import ApiRequest, HtmlResponse, Route, page
from stripe_sandbox.state import StripeObject


def _authentication(request: ApiRequest, token: str) -> StripeObject | None:
    intent_id = request.store.authentications.get(token)
    return request.store.find(intent_id) if intent_id else None


CHALLENGE_TEXTS = {
    "en": ("3-D Secure", "Authenticate a payment of", "Complete", "Fail"),
    "fr": ("3-D Secure", "Authentifiez un paiement de", "Valider (Complete)", "Refuser (Fail)"),
    "ar": ("3-D Secure", "أكّد دفعة بمبلغ", "تأكيد (Complete)", "رفض (Fail)"),
}


def _locale(request: ApiRequest) -> str:
    requested = request.values.get("locale")
    if requested in CHALLENGE_TEXTS:
        return str(requested)
    for part in request.accept_language.split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in CHALLENGE_TEXTS:
            return tag
    return "en"


def authentication_page(request: ApiRequest, token: str) -> HtmlResponse:
    intent = _authentication(request, token)
    if intent is None or intent["status"] != "requires_action":
        return HtmlResponse(
            404, "<!doctype html><title>Unknown</title><p>No such authentication.</p>"
        )
    locale = _locale(request)
    title, heading, complete, fail = CHALLENGE_TEXTS[locale]
    direction = "rtl" if locale == "ar" else "ltr"
    amount = f"{intent['amount']} {html.escape(intent['currency']).upper()} (minor units)"
    action = f"/3ds/{html.escape(token)}"
    return HtmlResponse(
        200,
        f"<!doctype html><html lang='{locale}' dir='{direction}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{title} (stand-in)</title></head>"
        f"<body><main><h1>{heading} <bdi>{amount}</bdi></h1>"
        f"<form method='post' action='{action}/complete'><button type='submit'>{complete}</button></form>"
        f"<form method='post' action='{action}/fail'><button type='submit'>{fail}</button></form>"
        "</main></body></html>",
    )


def complete_authentication(request: ApiRequest, token: str) -> HtmlResponse:
    return _finish_authentication(request, token, succeeded=True)


def fail_authentication(request: ApiRequest, token: str) -> HtmlResponse:
    return _finish_authentication(request, token, succeeded=False)


def _finish_authentication(request: ApiRequest, token: str, *, succeeded: bool) -> HtmlResponse:
    intent = _authentication(request, token)
    if intent is None or intent["status"] != "requires_action":
        return HtmlResponse(
            404, "<!doctype html><title>Unknown</title><p>No such authentication.</p>"
        )
    del request.store.authentications[token]
    return_url = intent["next_action"]["redirect_to_url"]["return_url"]
    if succeeded:
        authorize(request, intent, card_for(intent["payment_method"]))
    else:
        intent["status"] = "requires_payment_method"
        intent["next_action"] = None
        intent["last_payment_error"] = {
            "type": "invalid_request_error",
            "code": "payment_intent_authentication_failure",
            "message": "We are unable to authenticate your payment method. Please choose a "
            "different payment method and try again.",
            "doc_url": "https://stripe.com/docs/error-codes/payment-intent-authentication-failure",
        }
        emit(request, "payment_intent.payment_failed", intent)
    if not return_url:
        return HtmlResponse(
            200, "<!doctype html><title>Done</title><p>Authentication finished.</p>"
        )
    return return_redirect(return_url, intent, "succeeded" if succeeded else "failed")


def return_redirect(return_url: str, intent: StripeObject, redirect_status: str) -> HtmlResponse:
    """Back to the shopper's return_url with Stripe's own query parameters."""
    query = urlencode(
        {
            "payment_intent": intent["id"],
            "payment_intent_client_secret": intent["client_secret"],
            "redirect_status": redirect_status,
        }
    )
    separator = "&" if "?" in return_url else "?"
    return HtmlResponse(303, "", {"Location": f"{return_url}{separator}{query}"})


ROUTES: list[Route] = [
    page("GET", "/3ds/{token}", authentication_page),
    page("POST", "/3ds/{token}/complete", complete_authentication),
    page("POST", "/3ds/{token}/fail", fail_authentication),
]
