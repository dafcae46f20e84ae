"""Product and ProductVariant, read in a channel (see `context.in_channel`)."""

from typing import Any

import graphene

from saleor_sandbox.graphql.catalogue.context import all_in_channel, channel_of, in_channel
from saleor_sandbox.graphql.catalogue.enums import ThumbnailFormatEnum
from saleor_sandbox.graphql.catalogue.types.attributes import (
    SelectedAttribute,
    SelectedAttributeData,
    selected_attributes,
)
from saleor_sandbox.graphql.catalogue.types.listings import (
    Image,
    ProductChannelListing,
    ProductMedia,
    ProductVariantChannelListing,
    Stock,
    TaxedMoneyRange,
    Weight,
    media_url,
    weight_of,
)
from saleor_sandbox.graphql.catalogue.types.translations import (
    ProductTranslation,
    ProductVariantTranslation,
    translation_field,
)
from saleor_sandbox.graphql.core.connection import countable_connection
from saleor_sandbox.graphql.core.enums import CountryCode
from saleor_sandbox.graphql.core.metadata import ObjectWithMetadata
from saleor_sandbox.graphql.core.money import TaxedMoney, TaxedMoneyValue
from saleor_sandbox.graphql.core.nodes import register_node
from saleor_sandbox.models import Product as ProductModel
from saleor_sandbox.models import ProductVariant as ProductVariantModel
from saleor_sandbox.permissions import permission_required
from saleor_sandbox.services.catalogue_pricing import (
    Price,
    product_listing,
    product_price_range,
    variant_listing,
    variant_price,
)
from saleor_sandbox.services.catalogue_stock import quantity_available
from saleor_sandbox.services.catalogue_visibility import sees_all_products


def _taxed(price: Price) -> TaxedMoneyValue:
    return TaxedMoneyValue.untaxed(price.amount, price.currency)


class ProductPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean()
    discount = graphene.Field(TaxedMoney)
    display_gross_prices = graphene.Boolean(required=True)
    price_range = graphene.Field(TaxedMoneyRange)
    price_range_undiscounted = graphene.Field(TaxedMoneyRange)


class VariantPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean()
    discount = graphene.Field(TaxedMoney)
    price = graphene.Field(TaxedMoney)
    price_undiscounted = graphene.Field(TaxedMoney)


def variants_in_channel(info: Any, product: ProductModel) -> list[ProductVariantModel]:
    """Saleor's rule: staff see every variant (those listed in the channel when one is
    set); customers see the variants priced in the channel."""
    slug = channel_of(product)
    variants = list(product.variants.all())
    if sees_all_products(info.context):
        if slug is not None:
            variants = [v for v in variants if variant_listing(v, slug) is not None]
    elif slug is None:
        variants = []
    else:
        variants = [v for v in variants if variant_price(v, slug) is not None]
    return all_in_channel(variants, slug)


class ProductVariant(graphene.ObjectType):
    name = graphene.String(required=True)
    sku = graphene.String()
    product = graphene.Field(lambda: Product, required=True)
    track_inventory = graphene.Boolean(required=True)
    quantity_limit_per_customer = graphene.Int()
    weight = graphene.Field(Weight)
    channel = graphene.String()
    channel_listings = graphene.List(graphene.NonNull(ProductVariantChannelListing))
    pricing = graphene.Field(VariantPricingInfo)
    attributes = graphene.List(graphene.NonNull(SelectedAttribute), required=True)
    media = graphene.List(graphene.NonNull(ProductMedia))
    stocks = graphene.List(graphene.NonNull(Stock), country_code=graphene.Argument(CountryCode))
    quantity_available = graphene.Int(country_code=graphene.Argument(CountryCode))
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    external_reference = graphene.String()
    translation = translation_field(ProductVariantTranslation)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, ProductVariantModel)

    @staticmethod
    def resolve_product(root: ProductVariantModel, _info: Any) -> ProductModel:
        return in_channel(root.product, channel_of(root))

    @staticmethod
    def resolve_weight(root: ProductVariantModel, _info: Any) -> Any:
        return weight_of(root.weight_kg)

    @staticmethod
    def resolve_channel(root: ProductVariantModel, _info: Any) -> str | None:
        return channel_of(root)

    @staticmethod
    @permission_required("MANAGE_PRODUCTS")
    def resolve_channel_listings(root: ProductVariantModel, _info: Any) -> list[Any]:
        return list(root.channel_listings.all())

    @staticmethod
    def resolve_pricing(root: ProductVariantModel, _info: Any) -> Any:
        slug = channel_of(root)
        if slug is None or product_listing(root.product, slug) is None:
            return None
        price = variant_price(root, slug)
        if price is None:
            return None
        return VariantPricingInfo(
            on_sale=False, discount=None, price=_taxed(price), price_undiscounted=_taxed(price)
        )

    @staticmethod
    def resolve_attributes(root: ProductVariantModel, info: Any) -> list[SelectedAttributeData]:
        attributes = list(root.product.product_type.variant_attributes.all())
        return selected_attributes(info, root, attributes)

    @staticmethod
    def resolve_media(root: ProductVariantModel, _info: Any) -> list[Any]:
        return list(root.media.all())

    @staticmethod
    @permission_required("MANAGE_PRODUCTS", "MANAGE_ORDERS")
    def resolve_stocks(
        root: ProductVariantModel, info: Any, country_code: str | None = None
    ) -> list[Any]:
        from saleor_sandbox.services.catalogue_stock import country_warehouse_ids

        stocks = list(root.stocks.all())
        slug = channel_of(root)
        if country_code and slug:
            allowed = country_warehouse_ids(slug, country_code, info.context.loaders)
            stocks = [stock for stock in stocks if stock.warehouse_id in allowed]
        return stocks

    @staticmethod
    def resolve_quantity_available(
        root: ProductVariantModel, info: Any, country_code: str | None = None
    ) -> int:
        return quantity_available(root, channel_of(root), country_code, info.context.loaders)


class Product(graphene.ObjectType):
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String(required=True)
    description = graphene.JSONString()
    product_type = graphene.Field(
        "saleor_sandbox.graphql.catalogue.types.structure.ProductType", required=True
    )
    slug = graphene.String(required=True)
    category = graphene.Field("saleor_sandbox.graphql.catalogue.types.structure.Category")
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    weight = graphene.Field(Weight)
    default_variant = graphene.Field(ProductVariant)
    rating = graphene.Float()
    channel = graphene.String()
    thumbnail = graphene.Field(
        Image, size=graphene.Int(), format=graphene.Argument(ThumbnailFormatEnum)
    )
    pricing = graphene.Field(ProductPricingInfo)
    is_available = graphene.Boolean()
    attribute = graphene.Field(SelectedAttribute, slug=graphene.String(required=True))
    attributes = graphene.List(graphene.NonNull(SelectedAttribute), required=True)
    channel_listings = graphene.List(graphene.NonNull(ProductChannelListing))
    variants = graphene.List(graphene.NonNull(ProductVariant))
    media = graphene.List(graphene.NonNull(ProductMedia))
    collections = graphene.List(
        graphene.NonNull("saleor_sandbox.graphql.catalogue.types.structure.Collection")
    )
    available_for_purchase_at = graphene.DateTime()
    is_available_for_purchase = graphene.Boolean()
    external_reference = graphene.String()
    translation = translation_field(ProductTranslation)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, ProductModel)

    @staticmethod
    def resolve_seo_title(root: ProductModel, _info: Any) -> str | None:
        return root.seo_title or None

    @staticmethod
    def resolve_seo_description(root: ProductModel, _info: Any) -> str | None:
        return root.seo_description or None

    @staticmethod
    def resolve_weight(root: ProductModel, _info: Any) -> Any:
        return weight_of(root.weight_kg)

    @staticmethod
    def resolve_channel(root: ProductModel, _info: Any) -> str | None:
        return channel_of(root)

    @staticmethod
    def resolve_default_variant(root: ProductModel, _info: Any) -> Any:
        variants = list(root.variants.all())
        return in_channel(variants[0], channel_of(root)) if variants else None

    @staticmethod
    def resolve_thumbnail(root: ProductModel, _info: Any, **_thumbnail: Any) -> Any:
        media = list(root.media.all())
        if not media:
            return None
        return Image(url=media_url(media[0]), alt=media[0].alt)

    @staticmethod
    def resolve_pricing(root: ProductModel, _info: Any) -> Any:
        slug = channel_of(root)
        if slug is None or product_listing(root, slug) is None:
            return None
        price_range = product_price_range(list(root.variants.all()), slug)
        if price_range is None:
            return None
        taxed = TaxedMoneyRange(start=_taxed(price_range.start), stop=_taxed(price_range.stop))
        return ProductPricingInfo(
            on_sale=False,
            discount=None,
            display_gross_prices=True,
            price_range=taxed,
            price_range_undiscounted=taxed,
        )

    @staticmethod
    def resolve_is_available(root: ProductModel, info: Any) -> bool | None:
        slug = channel_of(root)
        if slug is None:
            return None
        listing = product_listing(root, slug)
        if listing is None or listing.available_for_purchase_at is None:
            return False
        if listing.available_for_purchase_at > info.context.request_time:
            return False
        return any(
            quantity_available(variant, slug, None, info.context.loaders) > 0
            for variant in root.variants.all()
            if variant_price(variant, slug) is not None
        )

    @staticmethod
    def resolve_attribute(root: ProductModel, info: Any, slug: str) -> Any:
        attributes = [a for a in root.product_type.product_attributes.all() if a.slug == slug]
        found = selected_attributes(info, root, attributes)
        return found[0] if found else None

    @staticmethod
    def resolve_attributes(root: ProductModel, info: Any) -> list[SelectedAttributeData]:
        return selected_attributes(info, root, list(root.product_type.product_attributes.all()))

    @staticmethod
    @permission_required("MANAGE_PRODUCTS")
    def resolve_channel_listings(root: ProductModel, _info: Any) -> list[Any]:
        return list(root.channel_listings.all())

    @staticmethod
    def resolve_variants(root: ProductModel, info: Any) -> list[ProductVariantModel]:
        return variants_in_channel(info, root)

    @staticmethod
    def resolve_media(root: ProductModel, _info: Any) -> list[Any]:
        return list(root.media.all())

    @staticmethod
    def resolve_collections(root: ProductModel, info: Any) -> list[Any]:
        slug = channel_of(root)
        collections = list(root.collections.all())  # type: ignore[attr-defined]
        if not sees_all_products(info.context):
            collections = [
                c for c in collections if any(ch.slug == slug for ch in c.channels.all())
            ]
        return all_in_channel(collections, slug)

    @staticmethod
    def resolve_available_for_purchase_at(root: ProductModel, _info: Any) -> Any:
        slug = channel_of(root)
        listing = product_listing(root, slug) if slug else None
        return listing.available_for_purchase_at if listing else None

    @staticmethod
    def resolve_is_available_for_purchase(root: ProductModel, info: Any) -> bool | None:
        slug = channel_of(root)
        listing = product_listing(root, slug) if slug else None
        if listing is None:
            return None
        moment = listing.available_for_purchase_at
        return moment is not None and moment <= info.context.request_time


ProductCountableConnection = countable_connection(Product)
ProductVariantCountableConnection = countable_connection(ProductVariant)

register_node("Product", ProductModel, "MANAGE_PRODUCTS")
register_node("ProductVariant", ProductVariantModel, "MANAGE_PRODUCTS")
