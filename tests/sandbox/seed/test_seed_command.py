from decimal import Decimal

import pytest
from django.core.management.base import CommandError

from saleor_sandbox.models import (
    Attribute,
    AttributeValue,
    Category,
    CategoryTranslation,
    Channel,
    Collection,
    CollectionTranslation,
    Page,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductTranslation,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    ProductVariantTranslation,
    SelectedAttributeValue,
    ShippingMethod,
    ShippingMethodChannelListing,
    ShippingZone,
    Stock,
    User,
    Warehouse,
)
from tests.sandbox.seed.conftest import read, seed, write

MODELS = [
    Channel,
    Warehouse,
    ShippingZone,
    ShippingMethod,
    ShippingMethodChannelListing,
    Page,
    Attribute,
    AttributeValue,
    ProductType,
    Category,
    Collection,
    Product,
    ProductVariant,
    ProductChannelListing,
    ProductVariantChannelListing,
    SelectedAttributeValue,
    Stock,
    ProductMedia,
    ProductTranslation,
    ProductVariantTranslation,
    CategoryTranslation,
    CollectionTranslation,
    User,
]


def pks_of_every_kind():
    return {
        model.__name__: sorted(model._default_manager.values_list("pk", flat=True))
        for model in MODELS
    }


def test_the_command_loads_the_demo_catalogue(seeded):
    # then
    counts = {name: len(pks) for name, pks in pks_of_every_kind().items()}
    assert counts == {
        "Channel": 6,
        "Warehouse": 5,
        "ShippingZone": 3,
        "ShippingMethod": 7,
        "ShippingMethodChannelListing": 15,
        "Page": 13,
        "Attribute": 9,
        "AttributeValue": 112,
        "ProductType": 5,
        "Category": 5,
        "Collection": 4,
        "Product": 30,
        "ProductVariant": 45,
        "ProductChannelListing": 60,
        "ProductVariantChannelListing": 90,
        "SelectedAttributeValue": 188,
        "Stock": 45,
        "ProductMedia": 30,
        "ProductTranslation": 60,  # Arabic and English
        "ProductVariantTranslation": 78,  # the 39 variants named by words
        "CategoryTranslation": 10,
        "CollectionTranslation": 8,
        "User": 2,
    }
    assert "Seeded." in seeded


def test_channels_carry_the_order_and_payment_settings(seeded):
    # then
    rows = Channel.objects.values_list(
        "slug",
        "currency_code",
        "default_country",
        "automatically_confirm_all_new_orders",
        "allow_unpaid_orders",
        "mark_as_paid_strategy",
        "default_transaction_flow_strategy",
    )
    assert list(rows) == [
        (slug, currency, country, True, False, "TRANSACTION_FLOW", "CHARGE")
        for slug, currency, country in [
            ("atlas-tapis", "MAD", "MA"),
            ("cooperative-safi", "MAD", "MA"),
            ("fes-zellige", "MAD", "MA"),
            ("marrakech-cuir", "MAD", "MA"),
            ("souk-export", "EUR", "FR"),
            ("tiznit-argent", "MAD", "MA"),
        ]
    ]
    assert sorted(
        Warehouse.objects.get(slug="entrepot-safi").channels.values_list("slug", flat=True)
    ) == [
        "cooperative-safi",
        "souk-export",
    ]


def test_a_seeded_product_is_complete(seeded):
    # given
    product = Product.objects.get(slug="jarre-safi-bleue")

    # then
    values = {
        (s.attribute.slug, s.value.reference_page.slug if s.value.reference_page else s.value.name)
        for s in product.attribute_values.select_related("attribute", "value__reference_page")
    }
    assert values == {
        ("artisan", "abdelkader-benhima"),
        ("artisan", "khadija-ouazzani"),
        ("materiau", "Argile rouge de Safi"),
        ("technique", "Décor peint à la main"),
        ("region", "Safi"),
        ("dimensions", "Hauteur 55 cm, Ø 30 cm"),
    }
    assert product.description is not None
    assert product.description["blocks"][0]["type"] == "paragraph"
    assert product.description_plaintext.startswith("Une jarre tournée")
    assert list(product.media.values_list("image", flat=True)) == ["products/jarre-safi-bleue.png"]
    prices = ProductVariantChannelListing.objects.filter(variant__sku="SAFI-JARRE-BL")
    assert sorted((p.channel.slug, p.price_amount, p.currency) for p in prices) == [
        ("cooperative-safi", Decimal("650"), "MAD"),
        ("souk-export", Decimal("65"), "EUR"),
    ]
    listing = product.channel_listings.get(channel__slug="cooperative-safi")
    assert (listing.is_published, listing.visible_in_listings) == (True, True)
    assert listing.available_for_purchase_at is not None
    assert Stock.objects.get(product_variant__sku="SAFI-VASE-REF").quantity == 0


def test_the_staff_users_can_sign_in_with_their_permissions(seeded):
    # then
    admin = User.objects.get(email="admin@souk.example")
    manager = User.objects.get(email="manager@souk.example")
    assert (admin.is_superuser, admin.is_staff, admin.check_password("admin")) == (True, True, True)
    assert manager.check_password("manager")
    assert manager.effective_permissions() == {"MANAGE_PRODUCTS", "MANAGE_ORDERS"}


def test_running_it_twice_changes_nothing(seeded):
    # given
    before = pks_of_every_kind()
    product = Product.objects.get(slug="tajine-safi-vert")

    # when
    output = seed()

    # then
    assert pks_of_every_kind() == before
    assert Product.objects.get(slug="tajine-safi-vert").updated_at == product.updated_at
    assert " updated" not in output.replace(", 0 updated", "")
    assert "Nothing to change." in output


def test_a_changed_fixture_updates_its_rows(seeded, fixture_copy):
    # given
    products = read(fixture_copy, "products.json")
    tajine = next(p for p in products["products"] if p["slug"] == "tajine-safi-vert")
    tajine["name"] = "Tajine de Safi vert émeraude"
    tajine["attributes"]["artisan"] = ["mohamed-serghini"]
    tajine["variants"][0]["prices"]["cooperative-safi"] = 195
    tajine["variants"][0]["stocks"]["entrepot-safi"] = 30
    write(fixture_copy, "products.json", products)
    staff = read(fixture_copy, "staff.json")
    staff["staff"][1]["password"] = "nouveau"
    write(fixture_copy, "staff.json", staff)
    before = pks_of_every_kind()

    # when
    output = seed(fixture_copy)

    # then
    product = Product.objects.get(slug="tajine-safi-vert")
    assert product.name == "Tajine de Safi vert émeraude"
    artisans = product.attribute_values.filter(attribute__slug="artisan")
    assert [s.value.reference_page_id for s in artisans] == [
        Page.objects.get(slug="mohamed-serghini").pk
    ]
    price = ProductVariantChannelListing.objects.get(
        variant__sku="SAFI-TAJ-VERT-P", channel__slug="cooperative-safi"
    )
    assert price.price_amount == Decimal("195")
    assert Stock.objects.get(product_variant__sku="SAFI-TAJ-VERT-P").quantity == 30
    assert User.objects.get(email="manager@souk.example").check_password("nouveau")
    after = pks_of_every_kind()
    assert after["Product"] == before["Product"]
    assert after["ProductVariant"] == before["ProductVariant"]
    assert "products: 0 created, 1 updated, 29 unchanged" in output


def test_rows_the_fixtures_do_not_name_are_kept(seeded, channel):
    # given: the test channel "safi" was created outside the fixtures

    # when
    seed()

    # then
    assert Channel.objects.filter(slug="safi").exists()


@pytest.mark.parametrize(
    ("file", "change", "message"),
    [
        (
            "products.json",
            lambda d: d["products"][3].update(category="poterie"),
            'products.json: products[3] "jarre-safi-bleue": unknown category "poterie"',
        ),
        (
            "products.json",
            lambda d: d["products"][0]["attributes"].update(materiau="Plastique"),
            'products.json: products[0] "tajine-safi-vert": "Plastique" is not a value of attribute "materiau"',
        ),
        (
            "products.json",
            lambda d: d["products"][0]["attributes"].update(artisan=["inconnu"]),
            'products.json: products[0] "tajine-safi-vert": attribute "artisan" refers to unknown page "inconnu"',
        ),
        (
            "products.json",
            lambda d: d["products"][1]["variants"][0].update(sku="SAFI-TAJ-VERT-P"),
            'products.json: products[1] "plat-couscous-safi" variants[0] "SAFI-TAJ-VERT-P": duplicate SKU "SAFI-TAJ-VERT-P"',
        ),
        (
            "products.json",
            lambda d: d["products"][0]["variants"][1]["prices"].update(
                {"cooperative-safi": "douze"}
            ),
            'products.json: products[0] "tajine-safi-vert" variants[1] "SAFI-TAJ-VERT-G": "prices.cooperative-safi" must be a number, e.g. 450 or "450.00"',
        ),
        (
            "products.json",
            lambda d: d["products"][0]["variants"][1]["prices"].update({"souk-export": -27}),
            'products.json: products[0] "tajine-safi-vert" variants[1] "SAFI-TAJ-VERT-G": "prices.souk-export" must be a non-negative number with at most 3 decimals',
        ),
        (
            "channels.json",
            lambda d: d["channels"][5].update(currency_code="euro"),
            'channels.json: channels[5] "souk-export": "currency_code" \'euro\' must be an ISO 4217 code such as MAD',
        ),
        (
            "shipping.json",
            lambda d: d["shipping_zones"][0]["methods"][0]["prices"].update({"souk-export": 3}),
            'shipping.json: shipping_zones[0] "Maroc" methods[0] "Amana Express": unknown channel in prices "souk-export"',
        ),
        (
            "catalogue.json",
            lambda d: d["product_types"][0].update(variant_attributes=["dimensions"]),
            'catalogue.json: product_types[0] "ceramique": variant attribute "dimensions" must be a DROPDOWN',
        ),
        (
            "products.json",
            lambda d: d["products"][0]["translations"].update(arabe={"name": "طاجين"}),
            'products.json: products[0] "tajine-safi-vert": translation key "arabe" must be a LanguageCodeEnum name, e.g. "AR"',
        ),
        (
            "catalogue.json",
            lambda d: d["categories"][0]["translations"]["AR"].pop("name"),
            'catalogue.json: categories[0] "poterie-ceramique" translations.AR: "name" is required',
        ),
        (
            "staff.json",
            lambda d: d["staff"][1].update(permissions=["MANAGE_EVERYTHING"]),
            'staff.json: staff[1] "manager@souk.example": unknown permission "MANAGE_EVERYTHING"',
        ),
        (
            "artisans.json",
            lambda d: d["artisans"][0].update(titre="Potier"),
            'artisans.json: artisans[0] "abdelkader-benhima": unknown field(s): titre',
        ),
    ],
)
def test_invalid_fixture_data_fails_naming_the_file_and_the_entry(
    db, fixture_copy, file, change, message
):
    # given
    document = read(fixture_copy, file)
    change(document)
    write(fixture_copy, file, document)

    # when
    with pytest.raises(CommandError) as error:
        seed(fixture_copy)

    # then
    assert str(error.value) == f"Invalid sandbox fixture: {message}"
    assert not Product.objects.exists()


def test_a_file_that_is_not_json_is_named(db, fixture_copy):
    # given
    (fixture_copy / "catalogue.json").write_text("{ oops", encoding="utf-8")

    # when
    with pytest.raises(CommandError) as error:
        seed(fixture_copy)

    # then
    assert str(error.value).startswith("Invalid sandbox fixture: catalogue.json: -: invalid JSON:")


def test_a_failure_while_writing_leaves_nothing_behind(db, fixture_copy, monkeypatch):
    # given
    from saleor_sandbox.services import seed as seed_module

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(seed_module, "_staff", broken)

    # when
    with pytest.raises(RuntimeError):
        seed(fixture_copy)

    # then
    assert not Channel.objects.exists()
    assert not Product.objects.exists()
