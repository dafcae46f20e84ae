"""The theme's pages against the real servers: the seeded Saleor sandbox and the App, each
over HTTP. What a shopper reads, per language; the theme's look; filters; the cart; errors."""

import re
from decimal import Decimal

import pytest

from tests.app.e2e.theme.pages import Shopper, links, main_text, values
from tests.app.e2e.theme.theme_server import start_theme

pytestmark = pytest.mark.django_db(transaction=True)

SAFI = "/s/safi"


def prices(text: str) -> list[Decimal]:
    """French MAD prices as they appear on cards: "à partir de 1 234,50 MAD"."""
    found = re.findall(r"à partir de ([\d\u202f\u00a0]+,\d\d)\u00a0MAD", text)
    return [Decimal(p.replace("\u202f", "").replace("\u00a0", "").replace(",", ".")) for p in found]


def test_the_marketplace_lists_every_cooperative_in_each_language(theme, shop_data):
    french = Shopper(theme.url).get("/fr/")
    arabic = Shopper(theme.url).get("/ar/")

    assert french.status_code == arabic.status_code == 200
    assert '<html lang="fr" dir="ltr">' in french.text
    assert '<html lang="ar" dir="rtl">' in arabic.text
    for name in ("Les potiers de Safi", "Orfèvres de Tiznit", "Tisserandes du Haut Atlas"):
        assert name in main_text(french)
    assert "خزافو آسفي" in main_text(arabic)
    assert links(french, "/fr/s/") == [
        "/fr/s/safi/", "/fr/s/marrakech/", "/fr/s/tiznit/", "/fr/s/atlas/", "/fr/s/fes/"
    ]  # fmt: skip


def test_the_marketplace_search_finds_pieces_in_every_cooperative_in_one_page(theme, shop_data):
    page = Shopper(theme.url).get("/fr/", params={"q": "tajine"})

    assert page.status_code == 200
    assert "Tajine de Safi émaillé vert" in main_text(page)
    assert "/fr/s/safi/p/tajine-safi-vert/" in links(page, "/fr/s/safi/p/")


def test_a_storefront_home_wears_its_theme_and_shows_its_pieces(theme, shop_data):
    page = Shopper(theme.url).get(f"/fr{SAFI}/")

    assert page.status_code == 200
    assert "--primary:#1b4f9c;" in page.text
    assert 'class="pattern-geometric in-shop"' in page.text
    assert "Les potiers de Safi" in main_text(page)
    hero = re.search(
        r'<img class="hero-image" src="([^"]+)"[^>]*width="1600" height="600"', page.text
    )
    assert hero
    assert hero.group(1).endswith("/static/storefronts/safi-faience.svg")
    cards = re.findall(r'<img [^>]*loading="lazy"[^>]*>', page.text)
    assert cards
    assert all('width="512" height="512"' in card and "alt=" in card for card in cards)
    assert prices(main_text(page))


def test_a_storefront_answers_on_its_own_domain(theme, shop_data):
    page = Shopper(theme.url).get("/en/", headers={"Host": "potiers-safi.example"})

    assert page.status_code == 200
    assert "The potters of Safi" in main_text(page)
    assert "/en/catalogue/" in links(page, "/en/catalogue/")


def test_the_catalogue_filters_by_artisan_and_material_and_sorts_by_price(theme, shop_data):
    shopper = Shopper(theme.url)

    everything = shopper.get(f"/fr{SAFI}/catalogue/", params={"sort": "price_desc"})
    by_artisan = shopper.get(f"/fr{SAFI}/catalogue/", params={"artisan": "khadija-ouazzani"})
    cheap = shopper.get(f"/fr{SAFI}/catalogue/", params={"price_max": "200", "sort": "price_asc"})

    assert everything.status_code == by_artisan.status_code == cheap.status_code == 200
    all_prices = prices(main_text(everything))
    assert all_prices == sorted(all_prices, reverse=True)
    assert len(all_prices) == 6
    assert "Khadija Ouazzani (4)" in main_text(by_artisan)
    assert len(links(by_artisan, f"/fr{SAFI}/p/")) == 4
    assert "4 pièce(s)" in main_text(by_artisan)
    cheap_prices = prices(main_text(cheap))
    assert cheap_prices == sorted(cheap_prices)
    assert all(p <= 200 for p in cheap_prices)
    assert len(cheap_prices) < len(all_prices)


def test_a_product_page_shows_its_provenance_in_french_and_arabic(theme, shop_data):
    french = Shopper(theme.url).get(f"/fr{SAFI}/p/tajine-safi-vert/")
    arabic = Shopper(theme.url).get(f"/ar{SAFI}/p/tajine-safi-vert/")

    assert french.status_code == arabic.status_code == 200
    text = main_text(french)
    assert "Tajine de Safi émaillé vert" in text
    assert "180,00\u00a0MAD" in text
    assert "Fait main par Abdelkader Benhima (100\u00a0%)" in text
    assert "Argile rouge de Safi" in text
    assert "Collecte des matières" in text
    assert "Contrôle qualité" in text
    assert "Label national Fait main Maroc" in text
    verification = re.search(r'href="([^"]+/verify/(\w+))">Vérifier le certificat', french.text)
    assert verification is not None
    assert f'src="{verification.group(1)}/qr.svg"' in french.text
    assert '<html lang="ar" dir="rtl">' in arabic.text
    assert "صنعت يدوياً على يد" in main_text(arabic)
    assert "د.م." in main_text(arabic)


def test_product_names_and_descriptions_are_saleors_translations_for_the_page_language(
    theme, shop_data
):
    arabic = Shopper(theme.url).get(f"/ar{SAFI}/p/tajine-safi-vert/")
    english = Shopper(theme.url).get(f"/en{SAFI}/p/tajine-safi-vert/")
    french = Shopper(theme.url).get(f"/fr{SAFI}/p/tajine-safi-vert/")

    assert arabic.status_code == english.status_code == french.status_code == 200
    assert "<h1>طاجين آسفي المزجج بالأخضر</h1>" in arabic.text  # no isolation needed
    assert "<p>قبل استعماله أول مرة، انقعوه في الماء ليلة كاملة" in arabic.text
    assert "<bdi>صغير — Ø 25 سم</bdi>" in arabic.text
    assert "Tajine de Safi" not in main_text(arabic)
    assert "<title>طاجين آسفي المزجج بالأخضر — " in arabic.text
    assert "<h1>Green-glazed Safi tagine</h1>" in english.text
    assert "Before first use, soak it overnight in water" in main_text(english)
    assert "<bdi>Small — Ø 25 cm</bdi>" in english.text
    # French is the products' own language: no translation, the product's own texts
    assert '<h1 dir="auto">Tajine de Safi émaillé vert</h1>' in french.text
    assert "<bdi>Petit — Ø 25 cm</bdi>" in french.text


def test_cards_on_home_catalogue_and_search_show_the_translated_names(theme, shop_data):
    shopper = Shopper(theme.url)

    home = shopper.get(f"/ar{SAFI}/")
    catalogue = shopper.get(f"/en{SAFI}/catalogue/")
    search = shopper.get("/ar/", params={"q": "tajine"})

    assert '<span class="card-name">طاجين آسفي المزجج بالأخضر</span>' in home.text
    assert 'alt="طاجين آسفي المزجج بالأخضر"' in home.text
    assert '<span class="card-name">Green-glazed Safi tagine</span>' in catalogue.text
    assert "Hand-painted couscous dish" in main_text(catalogue)
    assert "طاجين آسفي المزجج بالأخضر" in main_text(search)


def test_an_artisan_page_lists_their_pieces_in_this_storefront(theme, shop_data):
    page = Shopper(theme.url).get(f"/fr{SAFI}/artisans/khadija-ouazzani/")

    assert page.status_code == 200
    assert "Khadija Ouazzani" in main_text(page)
    assert len(links(page, f"/fr{SAFI}/p/")) == 4


def test_an_editorial_page_is_served_in_the_shoppers_language(theme, shop_data):
    home = Shopper(theme.url).get(f"/en{SAFI}/")
    story = links(home, f"/en{SAFI}/pages/")[0]

    page = Shopper(theme.url).get(story)

    assert page.status_code == 200
    assert "<h1>Our story</h1>" in page.text


def test_the_cart_adds_updates_and_removes_a_line(theme, shop_data):
    shopper = Shopper(theme.url)
    product = shopper.get(f"/fr{SAFI}/p/tajine-safi-vert/")
    variant = values(product, "variant")[0]

    added = shopper.post(f"/fr{SAFI}/cart/add/", {"variant": variant, "quantity": "1"})
    line = values(added, "line")[0]
    updated = shopper.post(f"/fr{SAFI}/cart/line/", {"line": line, "quantity": "3"})
    removed = shopper.post(f"/fr{SAFI}/cart/line/", {"line": line, "remove": "1"})

    assert "Ajouté au panier." in main_text(added)
    assert 'data-cart-quantity="1"' in added.text
    assert 'value="3"' in updated.text
    assert "540,00\u00a0MAD" in main_text(updated)
    assert "Votre panier est vide." in main_text(removed)
    assert 'data-cart-quantity="0"' in removed.text


def test_an_arabic_cart_names_its_lines_in_arabic(theme, shop_data):
    shopper = Shopper(theme.url)
    product = shopper.get(f"/ar{SAFI}/p/tajine-safi-vert/")
    variant = values(product, "variant")[0]

    added = shopper.post(f"/ar{SAFI}/cart/add/", {"variant": variant, "quantity": "1"})

    assert "<bdi>طاجين آسفي المزجج بالأخضر</bdi>" in added.text
    assert "<bdi>صغير — Ø 25 سم</bdi>" in added.text
    assert "Tajine de Safi" not in main_text(added)


def test_the_checkout_names_each_missing_field_and_will_not_take_payment_before_the_address(
    theme, shop_data
):
    shopper = Shopper(theme.url)
    variant = values(shopper.get(f"/ar{SAFI}/p/tajine-safi-vert/"), "variant")[0]
    shopper.post(f"/ar{SAFI}/cart/add/", {"variant": variant})

    refused = shopper.post(
        f"/ar{SAFI}/checkout/", {"action": "contact", "email": "nope", "country": "MA"}
    )
    early = shopper.post(f"/ar{SAFI}/checkout/pay/", {})

    assert refused.status_code == 400
    assert main_text(refused).count("هذا الحقل إلزامي.") == 5
    assert "بريد إلكتروني غير صالح." in main_text(refused)
    assert 'aria-invalid="true" aria-describedby="email-error"' in refused.text
    assert "أدخل أولاً عنوانك وطريقة الشحن." in main_text(early)


def test_unknown_shops_and_products_are_404_pages_in_the_shoppers_language(theme, shop_data):
    shop = Shopper(theme.url).get("/fr/s/nowhere/")
    product = Shopper(theme.url).get(f"/ar{SAFI}/p/no-such-piece/")

    assert (shop.status_code, product.status_code) == (404, 404)
    assert "Page introuvable" in main_text(shop)
    assert "الصفحة غير موجودة" in main_text(product)


def test_when_the_app_does_not_answer_the_page_says_so_with_a_503(seeded_sandbox, tmp_path):
    theme = start_theme(seeded_sandbox.api_url, "http://127.0.0.1:9/graphql/", tmp_path / "t.log")
    try:
        page = Shopper(theme.url).get(f"/fr{SAFI}/")
    finally:
        theme.stop()

    assert page.status_code == 503
    assert "La boutique ne répond pas pour le moment." in main_text(page)


def found(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    assert match is not None, pattern
    return match.group(1)


def card_form(shopper: Shopper, response, number: str):
    """Fills the Stripe stand-in's card form the theme redirected to, and follows its answer."""
    action = found(r"action='([^']+)'", response.text)
    fields = dict(re.findall(r"type='hidden' name='([^']+)' value='([^']*)'", response.text))
    fields.update(number=number, expiry="12 / 34", cvc="123", name="Amina El Idrissi")
    origin = found(r"^(https?://[^/]+)", response.url)
    return shopper.session.post(origin + action, data=fields, timeout=60)


def test_a_failed_3d_secure_check_is_explained_and_the_shopper_pays_again(theme, shop_data):
    # given a cart at the checkout, address and shipping chosen
    shopper = Shopper(theme.url)
    variant = values(shopper.get(f"/fr{SAFI}/p/tajine-safi-vert/"), "variant")[0]
    shopper.post(f"/fr{SAFI}/cart/add/", {"variant": variant})
    address = shopper.post(
        f"/fr{SAFI}/checkout/",
        {"action": "contact", "email": "amina@example.ma", "first_name": "Amina",
         "last_name": "El Idrissi", "street": "12 rue Sidi Bouzid", "city": "Safi",
         "postal_code": "46000", "country": "MA"},
    )  # fmt: skip
    shopper.post(
        f"/fr{SAFI}/checkout/", {"action": "delivery", "method": values(address, "method")[0]}
    )

    # when the card asks for 3-D Secure and the shopper fails it
    challenge = card_form(shopper, shopper.post(f"/fr{SAFI}/checkout/pay/", {}), "4000002760003184")
    fail = found(r"action='(/3ds/[^']+/fail)'", challenge.text)
    failed = shopper.session.post(found(r"^(https?://[^/]+)", challenge.url) + fail)

    # then the checkout says why, in French, and a new payment with another card goes through
    assert failed.url.endswith("/checkout/#payment")
    assert "la vérification 3-D Secure n'a pas abouti" in main_text(failed)
    paid = card_form(shopper, shopper.post(f"/fr{SAFI}/checkout/pay/", {}), "4242424242424242")
    assert re.search(r"Merci ! Commande n° \d+ confirmée", main_text(paid))
    assert "180,00\u00a0MAD" in main_text(paid)
