import pytest

from storefront_plugins.provenance.certificates.digital_link import (
    InvalidGTIN,
    digital_link_url,
    normalize_gtin,
)
from storefront_plugins.provenance.certificates.languages import choose_language, localize_tree


@pytest.mark.parametrize(
    ("gtin", "expected"),
    [
        ("6111234567895", "06111234567895"),
        ("06111234567895", "06111234567895"),
        ("96385074", "00000096385074"),
        ("036000291452", "00036000291452"),
    ],
)
def test_gtins_are_padded_to_fourteen_digits(gtin, expected):
    assert normalize_gtin(gtin) == expected


@pytest.mark.parametrize("gtin", ["6111234567892", "61112345678", "611123456789A", "٦١١١٢٣٤٥٦٧٨٩٢"])
def test_bad_gtins_are_refused(gtin):
    with pytest.raises(InvalidGTIN):
        normalize_gtin(gtin)


def test_digital_link_with_a_gtin_uses_ai_01_and_21():
    url = digital_link_url(
        "https://souk.example/",
        serial="7M3Q9XH2A4",
        product_id="UHJvZHVjdDo0Mg==",
        gtin="6111234567895",
    )

    assert url == "https://souk.example/01/06111234567895/21/7M3Q9XH2A4"


def test_digital_link_without_a_gtin_uses_the_saleor_product_id():
    url = digital_link_url(
        "https://souk.example", serial="7M3Q9XH2A4", product_id="UHJvZHVjdDo/Mg=="
    )

    assert url == "https://souk.example/p/UHJvZHVjdDo%2FMg==/21/7M3Q9XH2A4"


@pytest.mark.parametrize(
    ("query", "header", "expected"),
    [
        ("ar", "en", "ar"),
        ("EN", None, "en"),
        ("de", "ar-MA,ar;q=0.9,fr;q=0.8", "ar"),
        (None, "de-DE,en;q=0.5,fr;q=0.7", "fr"),
        (None, "en-GB;q=0.9,ar;q=1", "ar"),
        (None, "de, es", "fr"),
        (None, "ar;q=0, en;q=0.1", "en"),
        (None, None, "fr"),
    ],
)
def test_language_from_the_query_then_accept_language(query, header, expected):
    assert choose_language(query, header) == expected


def test_multilingual_texts_are_picked_by_language_with_french_as_fallback():
    claim = {
        "technique": {"fr": "Tournage", "ar": "تشكيل", "en": "Throwing"},
        "lots": [{"name": {"fr": "Argile"}}],
    }

    assert localize_tree(claim, "ar") == {"technique": "تشكيل", "lots": [{"name": "Argile"}]}
