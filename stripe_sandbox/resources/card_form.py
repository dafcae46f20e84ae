"""The stand-in's hosted test card form: what Stripe.js's Payment Element and
`confirmPayment({return_url})` do for a storefront, as a plain HTML page.

GET /card_form/<intent>?client_secret=...&return_url=...&locale=fr|ar|en shows the form;
POST confirms the PaymentIntent with the test card typed in (4242 4242 4242 4242 succeeds,
4000 0000 0000 0002 is declined, 4000 0027 6000 3184 asks for 3-D Secure on the stand-in's
challenge page) and redirects to return_url with Stripe's return parameters
(`payment_intent`, `payment_intent_client_secret`, `redirect_status`). The language comes
from `locale`, else Accept-Language; Arabic is laid out right to left."""

import html
import re
from dataclasses import dataclass
from datetime import date

from stripe_sandbox.errors import StripeError
from stripe_sandbox.resources.payment_intents import CONFIRMABLE, confirm
from stripe_sandbox.resources.three_d_secure import return_redirect
from stripe_sandbox.routing import ApiRequest, HtmlResponse, Route, page
from stripe_sandbox.state import StripeObject

TEST_CARD_NUMBERS = {
    "4242424242424242": "pm_card_visa",
    "5555555555554444": "pm_card_mastercard",
    "4000000000000002": "pm_card_chargeDeclined",
    "4000000000009995": "pm_card_chargeDeclinedInsufficientFunds",
    "4000002760003184": "pm_card_authenticationRequired",
    "4000000000003220": "pm_card_threeDSecure2Required",
}
LOCALES = ("fr", "ar", "en")
TEXTS = {
    "en": {
        "title": "Pay by card",
        "amount": "Amount",
        "number": "Card number",
        "expiry": "Expiry date (MM / YY)",
        "cvc": "Security code (CVC)",
        "name": "Name on the card",
        "pay": "Pay",
        "test": "Test mode: use 4242 4242 4242 4242, any future date and any CVC.",
        "bad_number": "This card number is not valid.",
        "unknown_card": "Use one of Stripe's test card numbers.",
        "bad_expiry": "Enter a future expiry date as MM / YY.",
        "bad_cvc": "The security code has 3 or 4 digits.",
        "no_name": "Enter the name on the card.",
        "unknown": "This payment cannot be found or is already completed.",
        "done": "Payment finished; you can close this page.",
    },
    "fr": {
        "title": "Payer par carte",
        "amount": "Montant",
        "number": "Numéro de carte",
        "expiry": "Date d'expiration (MM / AA)",
        "cvc": "Cryptogramme (CVC)",
        "name": "Nom sur la carte",
        "pay": "Payer",
        "test": "Mode test : 4242 4242 4242 4242, une date future et un CVC quelconque.",
        "bad_number": "Ce numéro de carte n'est pas valide.",
        "unknown_card": "Utilisez un des numéros de carte de test de Stripe.",
        "bad_expiry": "Saisissez une date d'expiration future au format MM / AA.",
        "bad_cvc": "Le cryptogramme a 3 ou 4 chiffres.",
        "no_name": "Saisissez le nom figurant sur la carte.",
        "unknown": "Ce paiement est introuvable ou déjà terminé.",
        "done": "Paiement terminé ; vous pouvez fermer cette page.",
    },
    "ar": {
        "title": "الدفع بالبطاقة",
        "amount": "المبلغ",
        "number": "رقم البطاقة",
        "expiry": "تاريخ الانتهاء (شهر / سنة)",
        "cvc": "رمز الأمان (CVC)",
        "name": "الاسم على البطاقة",
        "pay": "ادفع",
        "test": "وضع الاختبار: استعمل 4242 4242 4242 4242 وأي تاريخ مستقبلي وأي رمز.",
        "bad_number": "رقم البطاقة غير صالح.",
        "unknown_card": "استعمل أحد أرقام بطاقات الاختبار من Stripe.",
        "bad_expiry": "أدخل تاريخ انتهاء مستقبليا بصيغة شهر / سنة.",
        "bad_cvc": "رمز الأمان من 3 أو 4 أرقام.",
        "no_name": "أدخل الاسم كما يظهر على البطاقة.",
        "unknown": "هذا الدفع غير موجود أو مكتمل.",
        "done": "انتهى الدفع، يمكنك إغلاق هذه الصفحة.",
    },
}
FIELDS = ("number", "expiry", "cvc", "name")


def choose_locale(requested: str | None, accept_language: str) -> str:
    if requested in LOCALES:
        return str(requested)
    for part in accept_language.split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LOCALES:
            return tag
    return "en"


def luhn_valid(number: str) -> bool:
    digits = [int(d) for d in reversed(number)]
    total = sum(digits[0::2]) + sum(sum(divmod(2 * d, 10)) for d in digits[1::2])
    return total % 10 == 0


@dataclass(frozen=True)
class CardInput:
    payment_method: str | None
    errors: dict[str, str]


def validate_card(values: dict[str, str], texts: dict[str, str], today: date) -> CardInput:
    """The test payment method the typed card stands for, or the errors per field."""
    errors: dict[str, str] = {}
    number = re.sub(r"[\s-]", "", values.get("number", ""))
    if not number.isdigit() or not 12 <= len(number) <= 19 or not luhn_valid(number):
        errors["number"] = texts["bad_number"]
    elif number not in TEST_CARD_NUMBERS:
        errors["number"] = texts["unknown_card"]
    expiry = re.fullmatch(r"\s*(\d{1,2})\s*/\s*(\d{2}|\d{4})\s*", values.get("expiry", ""))
    if expiry is None or not 1 <= int(expiry.group(1)) <= 12:
        errors["expiry"] = texts["bad_expiry"]
    else:
        year = int(expiry.group(2)) % 100 + 2000
        if (year, int(expiry.group(1))) < (today.year, today.month):
            errors["expiry"] = texts["bad_expiry"]
    if not re.fullmatch(r"\d{3,4}", values.get("cvc", "").strip()):
        errors["cvc"] = texts["bad_cvc"]
    if not values.get("name", "").strip():
        errors["name"] = texts["no_name"]
    if errors:
        return CardInput(None, errors)
    return CardInput(TEST_CARD_NUMBERS[number], {})


def _intent(request: ApiRequest, intent_id: str, client_secret: str) -> StripeObject | None:
    intent = request.store.find(intent_id)
    if intent is None or intent.get("object") != "payment_intent":
        return None
    if intent["client_secret"] != client_secret or intent["status"] not in CONFIRMABLE:
        return None
    return intent


def _message_page(status: int, locale: str, text: str) -> HtmlResponse:
    direction = "rtl" if locale == "ar" else "ltr"
    return HtmlResponse(
        status,
        f"<!doctype html><html lang='{locale}' dir='{direction}'><head><meta charset='utf-8'>"
        f"<title>{html.escape(text)}</title></head><body><p role='status'>{html.escape(text)}"
        "</p></body></html>",
    )


def _form_page(
    status: int,
    intent: StripeObject,
    locale: str,
    values: dict[str, str],
    errors: dict[str, str],
) -> HtmlResponse:
    texts = TEXTS[locale]
    direction = "rtl" if locale == "ar" else "ltr"
    amount = f"{intent['amount']} {html.escape(intent['currency']).upper()}"
    hidden = "".join(
        f"<input type='hidden' name='{name}' value='{html.escape(values.get(name, ''))}'>"
        for name in ("client_secret", "return_url", "locale")
    )
    autocomplete = {"number": "cc-number", "expiry": "cc-exp", "cvc": "cc-csc", "name": "cc-name"}
    inputmode = {"number": "numeric", "expiry": "numeric", "cvc": "numeric", "name": "text"}
    rows = []
    for name in FIELDS:
        error = errors.get(name)
        described = f" aria-invalid='true' aria-describedby='{name}-error'" if error else ""
        value = "" if name in ("number", "cvc") else html.escape(values.get(name, ""))
        rows.append(
            f"<p><label for='{name}'>{html.escape(texts[name])}</label><br>"
            f"<input id='{name}' name='{name}' required autocomplete='{autocomplete[name]}' "
            f"inputmode='{inputmode[name]}' dir='ltr' value='{value}'{described}>"
            + (
                f"<br><span id='{name}-error' role='alert'>{html.escape(error)}</span>"
                if error
                else ""
            )
            + "</p>"
        )
    return HtmlResponse(
        status,
        f"<!doctype html><html lang='{locale}' dir='{direction}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(texts['title'])}</title></head><body><main>"
        f"<h1>{html.escape(texts['title'])}</h1>"
        f"<p>{html.escape(texts['amount'])}: <bdi>{amount}</bdi> (minor units)</p>"
        f"<p>{html.escape(texts['test'])}</p>"
        f"<form method='post' action='/card_form/{html.escape(intent['id'])}' novalidate>"
        f"{hidden}{''.join(rows)}<button type='submit'>{html.escape(texts['pay'])}</button>"
        "</form></main></body></html>",
    )


def card_form(request: ApiRequest, intent: str) -> HtmlResponse:
    values = {key: str(value) for key, value in request.values.items()}
    locale = choose_locale(values.get("locale"), request.accept_language)
    found = _intent(request, intent, values.get("client_secret", ""))
    if found is None:
        return _message_page(404, locale, TEXTS[locale]["unknown"])
    return _form_page(200, found, locale, {**values, "locale": locale}, {})


def submit_card_form(request: ApiRequest, intent: str) -> HtmlResponse:
    values = {key: str(value) for key, value in request.values.items()}
    locale = choose_locale(values.get("locale"), request.accept_language)
    found = _intent(request, intent, values.get("client_secret", ""))
    if found is None:
        return _message_page(404, locale, TEXTS[locale]["unknown"])
    card = validate_card(values, TEXTS[locale], date.today())
    if card.payment_method is None:
        return _form_page(422, found, locale, {**values, "locale": locale}, card.errors)
    return_url = values.get("return_url") or None
    try:
        confirm(request, found, card.payment_method, return_url)
    except StripeError:  # declined: the intent records why (last_payment_error)
        if return_url:
            return return_redirect(return_url, found, "failed")
        return _message_page(402, locale, found["last_payment_error"]["message"])
    if found["status"] == "requires_action":
        challenge = found["next_action"]["redirect_to_url"]["url"]
        return HtmlResponse(303, "", {"Location": f"{challenge}?locale={locale}"})
    if return_url:
        return return_redirect(return_url, found, "succeeded")
    return _message_page(200, locale, TEXTS[locale]["done"])


ROUTES: list[Route] = [
    page("GET", "/card_form/{intent}", card_form),
    page("POST", "/card_form/{intent}", submit_card_form),
]
