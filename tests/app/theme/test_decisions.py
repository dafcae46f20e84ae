"""The theme's pure decisions: catalogue parameters, theme appearance, prices per language,
payment outcomes, the contact form."""

from decimal import Decimal
from pathlib import Path

from django.http import QueryDict

import theme
from theme.address import read_contact_form
from theme.appearance import ARABIC_STACK, appearance
from theme.catalogue import parse_catalogue_query
from theme.languages import best_language, direction, format_money
from theme.payment import Next, payment_outcome
from theme.views.common import is_translated, product_card, translated


def test_catalogue_parameters_become_the_apps_piece_filter_and_saleors_products_filter() -> None:
    query = parse_catalogue_query(
        QueryDict(
            "craft=pottery&material=safi_red_clay&price_min=100&price_max=50,5&sort=price_asc"
        )
    )

    assert query.piece_filter("cooperative-safi") == {
        "cooperative": "cooperative-safi",
        "craft": "pottery",
        "material": "safi_red_clay",
    }
    variables = query.saleor_variables("cooperative-safi", ["UHJvZHVjdDox"])
    assert variables["filter"] == {"ids": ["UHJvZHVjdDox"], "price": {"gte": 50.5, "lte": 100.0}}
    assert variables["sortBy"] == {
        "field": "MINIMAL_PRICE",
        "direction": "ASC",
        "channel": "cooperative-safi",
    }
    assert variables["first"] == 12


def test_malformed_catalogue_parameters_are_dropped_not_failed() -> None:
    query = parse_catalogue_query(
        QueryDict("craft=<script>&price_min=abc&price_max=NaN&sort=DROP&after=" + "x" * 300)
    )

    assert query.pieces == {}
    assert (query.price_min, query.price_max, query.sort, query.after) == (
        None,
        None,
        "newest",
        None,
    )
    assert query.saleor_variables("c", None)["filter"] is None


def test_a_previous_page_asks_for_the_last_items_before_the_cursor() -> None:
    variables = parse_catalogue_query(QueryDict("before=YXJyYXk6MTI=")).saleor_variables("c", None)

    assert (variables["last"], variables["before"]) == (12, "YXJyYXk6MTI=")
    assert "first" not in variables


def test_links_keep_the_filters_and_change_the_cursor() -> None:
    query = parse_catalogue_query(QueryDict("craft=pottery&sort=name&after=abc"))

    assert query.query_string(after="def") == "craft=pottery&sort=name&after=def"


def test_a_storefront_theme_becomes_css_custom_properties_only_when_well_formed() -> None:
    look = appearance(
        {
            "primaryColor": "#1b4f9c",
            "accentColor": "red;}</style><script>",
            "backgroundColor": "#f7f9fc",
            "textColor": "#14213d",
            "headingFont": "Georgia, serif",
            "bodyFont": "x;}body{display:none",
            "pattern": "ZELLIGE",
            "productGrid": 4,
            "heroLayout": "SPLIT",
        },
        "fr",
    )

    assert "--primary:#1b4f9c;" in look.style
    assert "--accent:#1f5f5b;" in look.style  # the default: the value was not a colour
    assert "<" not in look.style
    assert "display:none" not in look.style
    assert (look.pattern, look.hero_layout, look.columns) == ("zellige", "split", 4)


def test_arabic_pages_put_an_arabic_face_first_in_every_font_stack() -> None:
    look = appearance({"headingFont": "Georgia, serif", "bodyFont": "system-ui"}, "ar")

    assert f"--heading-font:{ARABIC_STACK}, Georgia, serif;" in look.style
    assert direction("ar") == "rtl"
    assert direction("fr") == direction("en") == "ltr"


def test_prices_are_formatted_for_the_language_from_their_decimal_text() -> None:
    assert format_money(1234.5, "MAD", "fr") == "1\u202f234,50\u00a0MAD"
    assert format_money(1234.5, "MAD", "ar") == "\u200f1.234,50\u00a0د.م.\u200f"
    assert format_money(1234.5, "MAD", "en") == "MAD1,234.50"
    assert format_money(Decimal("0.1") + Decimal("0.2"), "EUR", "fr") == "0,30\u00a0€"


def test_the_browser_language_picks_among_the_shops_languages() -> None:
    assert best_language("ar-MA,ar;q=0.9,fr;q=0.8") == "ar"
    assert best_language("de-DE,en;q=0.5") == "en"
    assert best_language("") == "fr"


def test_an_initialized_payment_that_needs_the_card_form_redirects_there() -> None:
    outcome = payment_outcome(
        {
            "transaction": {"id": "VHJhbnNhY3Rpb25JdGVtOjE="},
            "transactionEvent": {"type": "CHARGE_ACTION_REQUIRED", "message": ""},
            "data": {"paymentIntent": "pi_1", "cardFormUrl": "http://stripe.test/card/pi_1"},
            "errors": [],
        }
    )

    assert outcome.next is Next.REDIRECT
    assert outcome.redirect_url == "http://stripe.test/card/pi_1"
    assert outcome.transaction_id == "VHJhbnNhY3Rpb25JdGVtOjE="


def test_with_real_stripe_the_payment_is_confirmed_in_the_page_with_stripe_js() -> None:
    outcome = payment_outcome(
        {
            "transaction": {"id": "T"},
            "transactionEvent": {"type": "CHARGE_ACTION_REQUIRED", "message": ""},
            "data": {
                "paymentIntent": "pi_1",
                "clientSecret": "pi_1_secret_x",
                "publishableKey": "pk_live_x",
            },
            "errors": [],
        }
    )

    assert outcome.next is Next.STRIPE_JS
    assert (outcome.client_secret, outcome.publishable_key) == ("pi_1_secret_x", "pk_live_x")


def test_the_stripe_js_page_confirms_with_the_secret_and_comes_back_to_the_shop() -> None:
    from django.template import Context, Engine

    templates = Path(theme.__file__).resolve().parent / "templates"
    engine = Engine(dirs=[str(templates)], libraries={"static": "django.templatetags.static"})
    page = engine.get_template("theme/stripe_payment.html").render(
        Context(
            {
                "language": "ar",
                "dir": "rtl",
                "t": {"card_payment": "الدفع بالبطاقة", "pay": "ادفع"},
                "client_secret": "pi_1_secret_x",
                "publishable_key": "pk_live_x",
                "return_url": "https://safi.example/ar/checkout/return/",
            }
        )
    )

    assert 'data-client-secret="pi_1_secret_x"' in page
    assert 'data-return-url="https://safi.example/ar/checkout/return/"' in page
    assert 'src="https://js.stripe.com/v3/"' in page
    assert "confirmPayment" in page
    assert "<h1>الدفع بالبطاقة</h1>" in page


def test_a_charged_payment_completes_and_a_declined_one_says_why() -> None:
    charged = payment_outcome(
        {"transaction": {"id": "T"}, "transactionEvent": {"type": "CHARGE_SUCCESS"}, "errors": []}
    )
    declined = payment_outcome(
        {
            "transaction": {"id": "T"},
            "transactionEvent": {"type": "CHARGE_FAILURE", "message": "Your card was declined."},
            "data": {
                "paymentError": {"code": "card_declined", "declineCode": "insufficient_funds"}
            },
            "errors": [],
        }
    )
    refused = payment_outcome(
        {"transaction": None, "errors": [{"field": "id", "code": "INVALID", "message": "Nope"}]}
    )

    assert charged.next is Next.COMPLETE
    assert (declined.next, declined.message, declined.code) == (
        Next.DECLINED,
        "Your card was declined.",
        "insufficient_funds",
    )
    assert (refused.next, refused.message) == (Next.DECLINED, "Nope")


def test_the_contact_form_names_each_missing_field_and_builds_saleors_address() -> None:
    empty = read_contact_form({"email": "not-an-email", "country": "XX"})
    filled = read_contact_form(
        {
            "email": "amina@example.ma",
            "first_name": "Amina",
            "last_name": "El Idrissi",
            "street": "12 rue Sidi Bouzid",
            "city": "Safi",
            "postal_code": "46000",
            "country": "ma",
        }
    )

    assert empty.errors == {
        "email": "invalid_email",
        "first_name": "field_required",
        "last_name": "field_required",
        "street": "field_required",
        "city": "field_required",
        "postal_code": "field_required",
        "country": "field_required",
    }
    assert filled.is_valid
    assert filled.saleor_address() == {
        "firstName": "Amina",
        "lastName": "El Idrissi",
        "streetAddress1": "12 rue Sidi Bouzid",
        "city": "Safi",
        "postalCode": "46000",
        "country": "MA",
    }


def test_a_translation_for_the_page_language_wins_over_saleors_own_text() -> None:
    translated_node = {"name": "Tajine de Safi", "translation": {"name": "طاجين آسفي"}}
    untranslated = {"name": "Tajine de Safi", "translation": None}
    empty_name = {"name": "Tajine de Safi", "translation": {"name": None, "description": "{}"}}

    assert translated(translated_node, "name") == "طاجين آسفي"
    assert is_translated(translated_node, "name") is True
    assert translated(untranslated, "name") == "Tajine de Safi"
    assert is_translated(untranslated, "name") is False
    assert translated(empty_name, "name") == "Tajine de Safi"
    assert is_translated(empty_name, "name") is False


def test_a_card_isolates_only_an_untranslated_name() -> None:
    node = {"name": "Tajine", "slug": "tajine", "thumbnail": {"url": "u", "alt": "Tajine vert"}}

    french = product_card({**node, "translation": None}, "fr", "/fr/s/safi")
    arabic = product_card({**node, "translation": {"name": "طاجين"}}, "ar", "/ar/s/safi")

    assert (french["name"], french["localized"], french["alt"]) == ("Tajine", False, "Tajine vert")
    assert (arabic["name"], arabic["localized"], arabic["alt"]) == ("طاجين", True, "طاجين")
