"""A shopper buys a piece in French and another in Arabic in a real browser (Debian's
Chromium driven by Playwright), through the whole checkout: the theme, Saleor's checkout
(the sandbox), the App's payment gateway, the Stripe stand-in's card form, the confirmation;
then the App's ledger shows each order split among the artisans who made the piece.
Screenshots are kept under .artifacts/screenshots/."""

import json
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any
from urllib.parse import unquote

import pytest

from storefront_plugins.payouts import services
from storefront_plugins.provenance.models import ProductProvenance
from storefront_plugins.saleor_app.models import WebhookDelivery
from tests.app.e2e.test_webhooks_from_sandbox import wait_for_delivery
from tests.app.e2e.theme.browser import CHROMIUM, browser, shoot
from tests.app.e2e.theme.theme_server import ThemeServer

__all__ = ["browser"]

PLATFORM_FEE_BP = 500

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.worker,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"No Chromium at {CHROMIUM}"),
]


def pay_by_card(page: Any, number: str) -> None:
    """The Stripe stand-in's card form (Stripe's hosted page in production)."""
    page.wait_for_selector("input[name=number]")
    page.fill("input[name=number]", number)
    page.fill("input[name=expiry]", "12 / 34")
    page.fill("input[name=cvc]", "123")
    page.fill("input[name=name]", "Amina El Idrissi")
    page.click("button[type=submit]")


def fill_address(page: Any, labels: dict[str, str]) -> None:
    for label, value in labels.items():
        page.get_by_label(label, exact=True).fill(value)


def buy(
    browser: Any,
    theme: ThemeServer,
    language: str,
    product_path: str,
    words: dict[str, str],
    address: dict[str, str],
    cards: list[str],
) -> tuple[Any, str]:
    """Product page -> cart -> checkout -> card form (declined cards first) -> confirmation.
    Returns the page and the Saleor order id."""
    context = browser.new_context(locale=f"{language}-MA", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{theme.url}/{language}{product_path}")
    shoot(page, f"{language}-1-product")
    page.get_by_role("button", name=words["add"]).click()
    page.get_by_role("link", name=words["checkout"]).click()
    fill_address(page, address)
    page.get_by_role("button", name=words["save"]).click()
    page.get_by_role("button", name=words["choose"]).click()
    shoot(page, f"{language}-2-checkout")
    for attempt, card in enumerate(cards):
        page.locator("button.pay").click()
        pay_by_card(page, card)
        page.wait_for_load_state()
        if attempt < len(cards) - 1:
            alert = page.locator("p[role=alert]")
            assert words["declined"] in alert.inner_text()
            shoot(page, f"{language}-3-declined")
    page.wait_for_url(re.compile(r"/order/\?id="))
    shoot(page, f"{language}-4-confirmation")
    return page, unquote(page.url.split("id=", 1)[1])


def test_a_shopper_buys_in_french_and_in_arabic_and_the_ledger_splits_each_order(
    browser, theme, shop_data, celery_worker, live_server
):
    # given a piece of the potters of Safi and one of the silversmiths of Tiznit
    tajine = "/s/safi/p/tajine-safi-vert/"
    ring = "/s/tiznit/p/bague-filigrane-tiznit/"

    # when a shopper buys the tajine in French, a declined card first, then a good one
    french, french_order = buy(
        browser,
        theme,
        "fr",
        tajine,
        {
            "add": "Ajouter au panier",
            "checkout": "Commander",
            "save": "Enregistrer et continuer",
            "choose": "Choisir",
            "declined": "Le paiement a été refusé : votre banque a refusé la carte.",
        },
        {
            "E-mail": "amina@example.ma",
            "Prénom": "Amina",
            "Nom": "El Idrissi",
            "Adresse": "12 rue Sidi Bouzid",
            "Ville": "Safi",
            "Code postal": "46000",
        },
        ["4000000000000002", "4242424242424242"],
    )
    # then the confirmation says so, in French, with what was bought
    heading = french.locator("h1").inner_text()
    assert re.fullmatch(r"Merci ! Commande n° \d+ confirmée", heading)
    assert "Tajine de Safi émaillé vert" in french.locator("main").inner_text()

    # when another shopper buys the ring in Arabic
    arabic_page = browser.new_context(locale="ar-MA").new_page()
    arabic_page.goto(f"{theme.url}/ar{ring}")
    # then the page is laid out right to left, provenance included
    assert arabic_page.locator("html").get_attribute("dir") == "rtl"
    assert arabic_page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    brand = arabic_page.locator(".brand").bounding_box()
    languages = arabic_page.locator("nav.languages").bounding_box()
    assert brand["x"] > languages["x"]  # the shop's name on the right, the languages on the left
    provenance = arabic_page.locator("section.provenance")
    assert "صنعت يدوياً على يد" in provenance.inner_text()
    assert "تحقق من شهادة الأصالة" in provenance.inner_text()
    qr = provenance.locator(".certificate img")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    shoot(arabic_page, "ar-0-provenance")
    arabic, arabic_order = buy(
        browser,
        theme,
        "ar",
        ring,
        {
            "add": "أضف إلى السلة",
            "checkout": "إتمام الطلب",
            "save": "حفظ ومتابعة",
            "choose": "اختيار",
            "declined": "",
        },
        {
            "البريد الإلكتروني": "youssef@example.ma",
            "الاسم الشخصي": "يوسف",
            "الاسم العائلي": "أمزيان",
            "العنوان": "حي المشور",
            "المدينة": "تيزنيت",
            "الرمز البريدي": "85000",
        },
        ["4242424242424242"],
    )
    assert arabic.locator("html").get_attribute("dir") == "rtl"
    assert re.fullmatch(r"شكراً! تم تأكيد الطلب رقم \d+", arabic.locator("h1").inner_text())
    # with the piece named in Arabic (Saleor's translated names on the order lines)
    assert "خاتم من الفضة المخرّمة" in arabic.locator("main").inner_text()

    # then the App splits each paid order among the artisans who made the piece
    for order_id in (french_order, arabic_order):
        delivery = wait_for_delivery("ORDER_FULLY_PAID", mentioning=order_id)
        assert delivery.status == WebhookDelivery.Status.HANDLED, delivery.last_error
        order = json.loads(delivery.body)["order"]
        line = order["lines"][0]
        product = ProductProvenance.objects.get(saleor_product_id=line["variant"]["product"]["id"])
        net = minor(line["totalPrice"]["gross"]["amount"]) - minor(
            line["totalPrice"]["tax"]["amount"]
        )
        commission_bp = int(product.cooperative.commission_rate * 100)  # "12.50" %
        makers_bp = 10_000 - commission_bp - PLATFORM_FEE_BP
        for contribution in product.contributions.all():
            exact = Fraction(net * makers_bp * contribution.share, 10_000 * 10_000)
            held = sum(b.held for b in services.artisan_balances(contribution.artisan_id))
            assert abs(held - exact) < 1


def minor(amount: object) -> int:
    return int(Decimal(str(amount)) * 100)
