"""Cart, checkout, payment and confirmation: Saleor's checkout over GraphQL, its id kept in
the signed session cookie (one checkout per storefront channel)."""

import re
import uuid
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_GET, require_POST

from theme.address import COUNTRIES, COUNTRY_NAMES, form_from_checkout, read_contact_form
from theme.graphql_client import saleor_call
from theme.languages import graphql_language
from theme.payment import Next, Outcome, payment_outcome
from theme.shops import Shop
from theme.texts import text
from theme.views.common import money, render_page, resolve_shop, shop_page, translated

MAX_QUANTITY = 99
# Stripe's decline and error codes -> the theme's words for them.
DECLINE_TEXTS = {
    "generic_decline": "decline_generic",
    "card_declined": "decline_generic",
    "do_not_honor": "decline_generic",
    "insufficient_funds": "decline_funds",
    "payment_intent_authentication_failure": "decline_authentication",
    "authentication_required": "decline_authentication",
}


def _checkout_id(request: HttpRequest, shop: Shop) -> str | None:
    checkout_id = request.session.get("checkouts", {}).get(shop.channel)
    return str(checkout_id) if checkout_id else None


def _remember(request: HttpRequest, shop: Shop, checkout: dict[str, Any] | None) -> None:
    """Keeps the checkout id and its quantity (the header's cart count) in the session."""
    checkouts = dict(request.session.get("checkouts", {}))
    quantities = dict(request.session.get("cart_quantities", {}))
    if checkout is None:
        checkouts.pop(shop.channel, None)
        quantities.pop(shop.channel, None)
    else:
        checkouts[shop.channel] = checkout["id"]
        quantities[shop.channel] = checkout.get("quantity", 0)
    request.session["checkouts"] = checkouts
    request.session["cart_quantities"] = quantities


def _flash(request: HttpRequest, message: str) -> None:
    request.session["flash"] = message


def _take_flash(request: HttpRequest) -> str:
    return str(request.session.pop("flash", ""))


def _quantity(raw: str | None, default: int = 1) -> int:
    try:
        return max(0, min(MAX_QUANTITY, int(raw or default)))
    except ValueError:
        return default


def _load_checkout(request: HttpRequest, shop: Shop, language: str) -> dict[str, Any] | None:
    checkout_id = _checkout_id(request, shop)
    if checkout_id is None:
        return None
    checkout: dict[str, Any] | None = saleor_call(
        "checkout", {"id": checkout_id, "languageCode": graphql_language(language)}
    )["checkout"]
    _remember(request, shop, checkout)  # a completed or expired checkout is forgotten
    return checkout


def _errors_text(errors: list[dict[str, Any]]) -> str:
    return " ".join(str(e.get("message") or e.get("code")) for e in errors)


@require_POST
@shop_page
def cart_add(request: HttpRequest, language: str, shop: str | None = None) -> HttpResponse:
    current = resolve_shop(request, language, shop)
    variant = request.POST.get("variant", "")
    quantity = max(1, _quantity(request.POST.get("quantity")))
    lines = [{"variantId": variant, "quantity": quantity}]
    checkout_id = _checkout_id(request, current)
    payload = None
    if checkout_id:
        payload = saleor_call("checkout_lines_add", {"id": checkout_id, "lines": lines})[
            "checkoutLinesAdd"
        ]
        if payload["errors"] and payload["checkout"] is None:
            payload = None  # the checkout is gone (completed elsewhere): start a new one
    if payload is None:
        payload = saleor_call(
            "checkout_create",
            {
                "input": {
                    "channel": current.channel,
                    "lines": lines,
                    "languageCode": graphql_language(language),
                }
            },
        )["checkoutCreate"]
    if payload["errors"]:
        _flash(request, _errors_text(payload["errors"]))
    else:
        _remember(request, current, payload["checkout"])
        _flash(request, text("added_to_cart", language))
    return HttpResponseRedirect(f"{current.base}/cart/")


@shop_page
def cart(request: HttpRequest, language: str, shop: str | None = None) -> HttpResponse:
    current = resolve_shop(request, language, shop)
    checkout = _load_checkout(request, current, language)
    return render_page(
        request,
        "cart.html",
        language,
        current,
        checkout=checkout_view(checkout, language),
        flash=_take_flash(request),
    )


@require_POST
@shop_page
def cart_line(request: HttpRequest, language: str, shop: str | None = None) -> HttpResponse:
    current = resolve_shop(request, language, shop)
    checkout_id = _checkout_id(request, current)
    line = request.POST.get("line", "")
    if checkout_id and line:
        quantity = 0 if "remove" in request.POST else _quantity(request.POST.get("quantity"))
        if quantity == 0:
            payload = saleor_call("checkout_lines_delete", {"id": checkout_id, "lineIds": [line]})[
                "checkoutLinesDelete"
            ]
        else:
            payload = saleor_call(
                "checkout_lines_update",
                {"id": checkout_id, "lines": [{"lineId": line, "quantity": quantity}]},
            )["checkoutLinesUpdate"]
        if payload["errors"]:
            _flash(request, _errors_text(payload["errors"]))
        elif payload["checkout"]:
            _remember(request, current, payload["checkout"])
    return HttpResponseRedirect(f"{current.base}/cart/")


def checkout_view(checkout: dict[str, Any] | None, language: str) -> dict[str, Any] | None:
    if not checkout or not checkout["lines"]:
        return None
    return {
        **checkout,
        "lines": [
            {
                **line,
                "product_name": translated(line["variant"]["product"], "name"),
                "variant_name": translated(line["variant"], "name"),
                "unit": money(line["unitPrice"]["gross"], language),
                "total": money(line["totalPrice"]["gross"], language),
                "label": text(
                    "quantity_of", language, name=translated(line["variant"]["product"], "name")
                ),
            }
            for line in checkout["lines"]
        ],
        "subtotal": money(checkout["subtotalPrice"]["gross"], language),
        "shipping": money(checkout["shippingPrice"]["gross"], language),
        "total": money(checkout["totalPrice"]["gross"], language),
        "methods": [
            {
                **method,
                "price_text": money(method["price"], language),
                "days": (
                    text(
                        "delivery_days",
                        language,
                        min=method["minimumDeliveryDays"],
                        max=method["maximumDeliveryDays"],
                    )
                    if method.get("minimumDeliveryDays") and method.get("maximumDeliveryDays")
                    else ""
                ),
                "selected": (checkout.get("deliveryMethod") or {}).get("id") == method["id"],
            }
            for method in checkout["shippingMethods"]
        ],
        "ready_to_pay": bool(
            checkout.get("email")
            and checkout.get("shippingAddress")
            and (checkout.get("deliveryMethod") or {}).get("id")
        ),
    }


@shop_page
def checkout(request: HttpRequest, language: str, shop: str | None = None) -> HttpResponse:
    current = resolve_shop(request, language, shop)
    state = _load_checkout(request, current, language)
    if state is None or not state["lines"]:
        return HttpResponseRedirect(f"{current.base}/cart/")
    form_values = form_from_checkout(state)
    form_errors: dict[str, str] = {}
    flash = _take_flash(request)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "contact":
            form = read_contact_form(request.POST)
            form_values, form_errors = form.values, form.errors
            if form.is_valid:
                answer = saleor_call(
                    "checkout_contact",
                    {"id": state["id"], "email": form.email, "address": form.saleor_address()},
                )
                errors = [e for part in answer.values() for e in part["errors"]]
                if not errors:
                    return HttpResponseRedirect(f"{current.base}/checkout/#delivery")
                flash = _errors_text(errors)
            status = 400
        elif action == "delivery":
            payload = saleor_call(
                "checkout_delivery", {"id": state["id"], "method": request.POST.get("method", "")}
            )["checkoutDeliveryMethodUpdate"]
            if not payload["errors"]:
                return HttpResponseRedirect(f"{current.base}/checkout/#payment")
            flash, status = _errors_text(payload["errors"]), 400
    view = checkout_view(state, language)
    return render_page(
        request,
        "checkout.html",
        language,
        current,
        status=status,
        checkout=view,
        form=form_values,
        errors={name: text(key, language) for name, key in form_errors.items()},
        countries=[(code, COUNTRY_NAMES[language][code]) for code in COUNTRIES],
        flash=flash,
        pay_label=text("pay_now", language, total=view["total"]) if view else "",
    )


@require_POST
@shop_page
def pay(request: HttpRequest, language: str, shop: str | None = None) -> HttpResponse:
    """Starts a payment (a new transaction each try) with the theme's return URL."""
    current = resolve_shop(request, language, shop)
    state = _load_checkout(request, current, language)
    if state is None or not state["lines"]:
        return HttpResponseRedirect(f"{current.base}/cart/")
    view = checkout_view(state, language)
    if not view or not view["ready_to_pay"]:
        _flash(request, text("complete_first", language))
        return HttpResponseRedirect(f"{current.base}/checkout/")
    return_url = request.build_absolute_uri(f"{current.base}/checkout/return/")
    payload = saleor_call(
        "transaction_initialize",
        {
            "id": state["id"],
            "gateway": payment_gateway(),
            "data": {"returnUrl": return_url},
            "key": str(uuid.uuid4()),
        },
    )["transactionInitialize"]
    return _after_payment_step(request, language, current, state["id"], payload)


def payment_gateway() -> str:
    return str(settings.THEME_PAYMENT_GATEWAY_ID)


@require_GET
@shop_page
def payment_return(request: HttpRequest, language: str, shop: str | None = None) -> HttpResponse:
    """Where the card form sends the shopper back (Stripe's return parameters)."""
    current = resolve_shop(request, language, shop)
    checkout_id = _checkout_id(request, current)
    transaction_id = request.session.get("payments", {}).get(checkout_id or "")
    if not checkout_id or not transaction_id:
        return HttpResponseRedirect(f"{current.base}/cart/")
    payload = saleor_call("transaction_process", {"id": transaction_id})["transactionProcess"]
    return _after_payment_step(request, language, current, checkout_id, payload)


def _after_payment_step(
    request: HttpRequest, language: str, shop: Shop, checkout_id: str, payload: dict[str, Any]
) -> HttpResponse:
    outcome = payment_outcome(payload)
    if outcome.transaction_id:
        payments = dict(request.session.get("payments", {}))
        payments[checkout_id] = outcome.transaction_id
        request.session["payments"] = payments
    if outcome.next is Next.REDIRECT and outcome.redirect_url:
        return HttpResponseRedirect(outcome.redirect_url)
    if outcome.next is Next.STRIPE_JS:
        return render_page(
            request,
            "stripe_payment.html",
            language,
            shop,
            client_secret=outcome.client_secret,
            publishable_key=outcome.publishable_key,
            return_url=request.build_absolute_uri(f"{shop.base}/checkout/return/"),
        )
    if outcome.next is Next.COMPLETE:
        return _complete(request, language, shop, checkout_id)
    if outcome.next is Next.DECLINED:
        _flash(
            request, text("payment_declined", language, reason=decline_reason(outcome, language))
        )
    else:
        _flash(request, text("payment_pending", language))
    return HttpResponseRedirect(f"{shop.base}/checkout/#payment")


def decline_reason(outcome: Outcome, language: str) -> str:
    """Stripe's decline code (the app's `paymentError`, else the code its message names in
    parentheses) in the shopper's language when known, else the app's message."""
    code = outcome.code or next(iter(re.findall(r"\(([a-z_]+)\)", outcome.message)), "")
    key = DECLINE_TEXTS.get(code)
    return text(key, language) if key else with_stop(outcome.message)


def with_stop(message: str) -> str:
    message = message.strip()
    return message if message.endswith((".", "!", "?", "؟")) or not message else message + "."


def _complete(request: HttpRequest, language: str, shop: Shop, checkout_id: str) -> HttpResponse:
    payload = saleor_call("checkout_complete", {"id": checkout_id})["checkoutComplete"]
    order = payload.get("order")
    if payload["errors"] or not order:
        _flash(request, text("payment_failed", language) + " " + _errors_text(payload["errors"]))
        return HttpResponseRedirect(f"{shop.base}/checkout/#payment")
    _remember(request, shop, None)
    request.session["orders"] = {
        **dict(list(request.session.get("orders", {}).items())[-2:]),
        order["id"]: order,
    }
    return HttpResponseRedirect(f"{shop.base}/order/?id={order['id']}")


@require_GET
@shop_page
def confirmation(request: HttpRequest, language: str, shop: str | None = None) -> HttpResponse:
    """An order placed in this browser: its summary, kept in the signed session cookie when
    checkoutComplete answered it (the last three orders)."""
    current = resolve_shop(request, language, shop)
    order = request.session.get("orders", {}).get(request.GET.get("id", ""))
    if order is None:
        raise Http404("Not an order of this browser")
    address = order.get("shippingAddress") or {}
    return render_page(
        request,
        "confirmation.html",
        language,
        current,
        order=order,
        lines=[
            {
                **line,
                # in the checkout's language when Saleor had a translation ("" otherwise)
                "product_name": line.get("translatedProductName") or line["productName"],
                "variant_name": line.get("translatedVariantName") or line["variantName"],
                "total": money(line["totalPrice"]["gross"], language),
            }
            for line in order["lines"]
        ],
        title=text("order_confirmed", language, number=order["number"]),
        subtotal=money(order["subtotal"]["gross"], language),
        shipping=money(order["shippingPrice"]["gross"], language),
        total=money(order["total"]["gross"], language),
        country=COUNTRY_NAMES[language].get((address.get("country") or {}).get("code", ""), ""),
    )
