"""Translations as Saleor serves them: `translation(languageCode:)` on products, variants,
categories and collections (null when there is none), and the productTranslate,
productVariantTranslate and categoryTranslate mutations (MANAGE_TRANSLATIONS)."""

import json

import pytest

from saleor_sandbox.global_ids import to_global_id
from saleor_sandbox.models import (
    CategoryTranslation,
    Collection,
    CollectionTranslation,
    ProductTranslation,
    ProductVariantTranslation,
)
from saleor_sandbox.services.accounts import create_access_token, create_user
from tests.sandbox.catalogue.conftest import gid, make_product
from tests.sandbox.conftest import make_app

ARABIC_DESCRIPTION = {
    "time": 1705309200000,
    "blocks": [{"id": "a", "type": "paragraph", "data": {"text": "طاجين من طين آسفي الأحمر."}}],
    "version": "2.24.3",
}

PRODUCT_TRANSLATION = """
query($slug: String!, $language: LanguageCodeEnum!) {
  product(slug: $slug, channel: "safi") {
    name
    translation(languageCode: $language) {
      id name description seoTitle seoDescription language { code language }
    }
    category { translation(languageCode: $language) { name } }
    variants { name translation(languageCode: $language) { name language { code } } }
  }
}
"""

PRODUCT_TRANSLATE = """
mutation($id: ID!, $language: LanguageCodeEnum!, $input: TranslationInput!) {
  productTranslate(id: $id, languageCode: $language, input: $input) {
    product { name translation(languageCode: $language) { name description seoTitle } }
    errors { field code message }
    translationErrors { code }
  }
}
"""

VARIANT_TRANSLATE = """
mutation($id: ID!, $language: LanguageCodeEnum!, $input: NameTranslationInput!) {
  productVariantTranslate(id: $id, languageCode: $language, input: $input) {
    productVariant { name translation(languageCode: $language) { name } }
    errors { field code message }
  }
}
"""

CATEGORY_TRANSLATE = """
mutation($id: ID!, $language: LanguageCodeEnum!, $input: TranslationInput!) {
  categoryTranslate(id: $id, languageCode: $language, input: $input) {
    category { name translation(languageCode: $language) { name description seoDescription } }
    errors { field code message }
  }
}
"""


@pytest.fixture
def translator_token(db):
    user = create_user(
        "traduction@souk.example", "password", is_staff=True, permissions=["MANAGE_TRANSLATIONS"]
    )
    return create_access_token(user)


def test_a_product_without_a_translation_in_that_language_has_none(gql, tajine):
    # when
    product = gql(PRODUCT_TRANSLATION, {"slug": tajine.slug, "language": "AR"})["data"]["product"]

    # then
    assert product["translation"] is None
    assert product["category"]["translation"] is None
    assert [v["translation"] for v in product["variants"]] == [None]


def test_a_product_reads_its_translation_in_the_language_asked(gql, tajine):
    # given
    arabic = ProductTranslation.objects.create(
        product=tajine,
        language_code="ar",
        name="طاجين آسفي",
        description=ARABIC_DESCRIPTION,
        seo_title="طاجين آسفي",
    )
    ProductTranslation.objects.create(product=tajine, language_code="en", name="Safi tagine")
    CategoryTranslation.objects.create(category=tajine.category, language_code="ar", name="الفخار")
    ProductVariantTranslation.objects.create(
        product_variant=tajine.variants.get(), language_code="ar", name="قطعة فريدة"
    )

    # when
    product = gql(PRODUCT_TRANSLATION, {"slug": tajine.slug, "language": "AR"})["data"]["product"]
    english = gql(PRODUCT_TRANSLATION, {"slug": tajine.slug, "language": "EN"})["data"]["product"]

    # then
    assert product["name"] == "Tajine De Safi"
    translation = product["translation"]
    assert json.loads(translation.pop("description")) == ARABIC_DESCRIPTION
    assert translation == {
        "id": to_global_id("ProductTranslation", arabic.pk),
        "name": "طاجين آسفي",
        "seoTitle": "طاجين آسفي",
        "seoDescription": None,
        "language": {"code": "AR", "language": "Arabic"},
    }
    assert product["category"]["translation"] == {"name": "الفخار"}
    assert product["variants"][0]["translation"] == {
        "name": "قطعة فريدة",
        "language": {"code": "AR"},
    }
    assert english["translation"]["name"] == "Safi tagine"
    assert english["category"]["translation"] is None


def test_a_collection_reads_its_translation(gql, channel):
    # given
    collection = Collection.objects.create(name="Pièces uniques", slug="pieces-uniques")
    collection.channels.add(channel)
    CollectionTranslation.objects.create(
        collection=collection, language_code="en", name="One-of-a-kind pieces"
    )
    query = """query($l: LanguageCodeEnum!) { collection(slug: "pieces-uniques", channel: "safi") {
      translation(languageCode: $l) { name language { code } } } }"""

    # when
    english = gql(query, {"l": "EN"})["data"]["collection"]
    arabic = gql(query, {"l": "AR"})["data"]["collection"]

    # then
    assert english["translation"] == {"name": "One-of-a-kind pieces", "language": {"code": "EN"}}
    assert arabic["translation"] is None


def test_product_translate_creates_then_updates_the_language_s_translation(
    gql, tajine, translator_token
):
    # given
    variables = {
        "id": gid(tajine),
        "language": "AR",
        "input": {"name": "طاجين آسفي", "description": json.dumps(ARABIC_DESCRIPTION)},
    }

    # when
    created = gql(PRODUCT_TRANSLATE, variables, token=translator_token)["data"]
    variables["input"] = {"seoTitle": "طاجين"}
    updated = gql(PRODUCT_TRANSLATE, variables, token=translator_token)["data"]

    # then
    first = created["productTranslate"]
    assert (first["errors"], first["translationErrors"]) == ([], [])
    assert first["product"]["name"] == "Tajine De Safi"
    translation = first["product"]["translation"]
    assert json.loads(translation.pop("description")) == ARABIC_DESCRIPTION
    assert translation == {"name": "طاجين آسفي", "seoTitle": None}
    translation = updated["productTranslate"]["product"]["translation"]
    assert json.loads(translation.pop("description")) == ARABIC_DESCRIPTION
    assert translation == {"name": "طاجين آسفي", "seoTitle": "طاجين"}
    assert ProductTranslation.objects.filter(product=tajine).count() == 1


def test_product_translate_takes_the_translatable_content_id(gql, tajine, translator_token):
    # given
    content_id = to_global_id("ProductTranslatableContent", tajine.pk)

    # when
    payload = gql(
        PRODUCT_TRANSLATE,
        {"id": content_id, "language": "EN", "input": {"name": "Safi tagine"}},
        token=translator_token,
    )["data"]["productTranslate"]

    # then
    assert payload["errors"] == []
    assert payload["product"]["translation"]["name"] == "Safi tagine"


@pytest.mark.parametrize(
    ("given_id", "field_input", "error"),
    [
        (
            to_global_id("Product", 999999),
            {"name": "x"},
            {
                "field": "id",
                "code": "NOT_FOUND",
                "message": f"Couldn't resolve to a node: {to_global_id('Product', 999999)}",
            },
        ),
        (
            to_global_id("Category", 1),
            {"name": "x"},
            {
                "field": "id",
                "code": "GRAPHQL_ERROR",
                "message": f"Invalid ID: {to_global_id('Category', 1)}. "
                "Expected: Product, received: Category.",
            },
        ),
        (
            None,
            {"seoTitle": "ط" * 71},
            {
                "field": "seoTitle",
                "code": "INVALID",
                "message": "Ensure this value has at most 70 characters (it has 71).",
            },
        ),
    ],
)
def test_product_translate_reports_saleor_s_errors(
    gql, tajine, translator_token, given_id, field_input, error
):
    # when
    payload = gql(
        PRODUCT_TRANSLATE,
        {"id": given_id or gid(tajine), "language": "AR", "input": field_input},
        token=translator_token,
    )["data"]["productTranslate"]

    # then
    assert payload["errors"] == [error]
    assert payload["product"] is None
    assert not ProductTranslation.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "products_manager", "app_without_permission"])
def test_translate_mutations_need_manage_translations(gql, tajine, manager_token, who):
    # given
    token = {
        "anonymous": None,
        "products_manager": manager_token,
        "app_without_permission": make_app(["MANAGE_PRODUCTS"], name="Other")[1],
    }[who]

    # when
    body = gql(
        PRODUCT_TRANSLATE,
        {"id": gid(tajine), "language": "AR", "input": {"name": "طاجين"}},
        token=token,
    )

    # then
    assert body["data"]["productTranslate"] is None
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert not ProductTranslation.objects.exists()


def test_an_app_with_manage_translations_may_translate(gql, tajine):
    # given
    _app, token = make_app(["MANAGE_TRANSLATIONS"], name="Traductions")

    # when
    payload = gql(
        PRODUCT_TRANSLATE,
        {"id": gid(tajine), "language": "EN", "input": {"name": "Safi tagine"}},
        token=token,
    )["data"]["productTranslate"]

    # then
    assert payload["errors"] == []
    assert ProductTranslation.objects.get(product=tajine).language_code == "en"


def test_product_variant_translate_names_the_variant_in_that_language(
    gql, tajine, translator_token
):
    # given
    variant = tajine.variants.get()

    # when
    payload = gql(
        VARIANT_TRANSLATE,
        {"id": gid(variant), "language": "AR_MA", "input": {"name": "قطعة فريدة"}},
        token=translator_token,
    )["data"]["productVariantTranslate"]

    # then
    assert payload == {
        "productVariant": {"name": "Unique", "translation": {"name": "قطعة فريدة"}},
        "errors": [],
    }
    assert ProductVariantTranslation.objects.get(product_variant=variant).language_code == "ar-ma"


def test_category_translate_translates_name_and_description(gql, category, translator_token):
    # when
    payload = gql(
        CATEGORY_TRANSLATE,
        {
            "id": gid(category),
            "language": "AR",
            "input": {
                "name": "الفخار",
                "description": json.dumps(ARABIC_DESCRIPTION),
                "seoDescription": "فخار آسفي",
            },
        },
        token=translator_token,
    )["data"]["categoryTranslate"]

    # then
    assert payload["errors"] == []
    assert payload["category"]["name"] == "Poterie"
    translation = payload["category"]["translation"]
    assert json.loads(translation.pop("description")) == ARABIC_DESCRIPTION
    assert translation == {"name": "الفخار", "seoDescription": "فخار آسفي"}


LIST_TRANSLATED = """
query { products(channel: "safi", first: 50) { edges { node {
  name translation(languageCode: AR) { name description }
  category { name translation(languageCode: AR) { name } }
  variants { name translation(languageCode: AR) { name } }
} } } }
"""


def test_translated_product_lists_take_the_same_number_of_queries_for_any_page_size(
    gql, ceramics, channel, category, django_assert_num_queries
):
    # given
    def translated_product(slug: str) -> None:
        product = make_product(ceramics, slug, channel, category=category)
        ProductTranslation.objects.create(product=product, language_code="ar", name=f"ع {slug}")
        ProductVariantTranslation.objects.create(
            product_variant=product.variants.get(), language_code="ar", name="فريدة"
        )

    CategoryTranslation.objects.create(category=category, language_code="ar", name="الفخار")
    translated_product("a")
    gql(LIST_TRANSLATED)  # warms up
    with django_assert_num_queries(11) as one:
        gql(LIST_TRANSLATED)
    for slug in ("b", "c", "d", "e"):
        translated_product(slug)

    # when / then
    with django_assert_num_queries(len(one.captured_queries)):
        edges = gql(LIST_TRANSLATED)["data"]["products"]["edges"]
    assert [e["node"]["translation"]["name"] for e in edges] == [
        f"ع {s}" for s in ("a", "b", "c", "d", "e")
    ]
    assert {e["node"]["category"]["translation"]["name"] for e in edges} == {"الفخار"}
    assert {e["node"]["variants"][0]["translation"]["name"] for e in edges} == {"فريدة"}
