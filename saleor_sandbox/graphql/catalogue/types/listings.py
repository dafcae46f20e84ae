"""Channel listings, stock, media, and the small value types products use."""

from typing import Any

import graphene
from django.conf import settings

from saleor_sandbox.graphql.catalogue.enums import ProductMediaType, ThumbnailFormatEnum
from saleor_sandbox.graphql.channels.types import Channel, Warehouse
from saleor_sandbox.graphql.core.enums import WeightUnitsEnum
from saleor_sandbox.graphql.core.money import Money, MoneyValue, TaxedMoney
from saleor_sandbox.graphql.core.nodes import register_node, to_global_id
from saleor_sandbox.models import ProductChannelListing as ProductChannelListingModel
from saleor_sandbox.models import ProductMedia as ProductMediaModel
from saleor_sandbox.models import ProductVariantChannelListing as VariantListingModel
from saleor_sandbox.models import Stock as StockModel


class Weight(graphene.ObjectType):
    unit = WeightUnitsEnum(required=True, description="Weight unit.")
    value = graphene.Float(required=True, description="Weight value.")


def weight_of(weight_kg: Any) -> dict[str, Any] | None:
    return None if weight_kg is None else {"unit": "KG", "value": float(weight_kg)}


class Image(graphene.ObjectType):
    url = graphene.String(required=True, description="The URL of the image.")
    alt = graphene.String(description="Alt text for an image.")


def media_url(media: ProductMediaModel) -> str:
    if media.external_url:
        return media.external_url
    if media.image.startswith(("http://", "https://")):
        return media.image
    return f"{settings.PUBLIC_URL}/media/{media.image.lstrip('/')}"


class MoneyRange(graphene.ObjectType):
    start = graphene.Field(Money)
    stop = graphene.Field(Money)


class TaxedMoneyRange(graphene.ObjectType):
    start = graphene.Field(TaxedMoney)
    stop = graphene.Field(TaxedMoney)


class ProductMedia(graphene.ObjectType):
    sort_order = graphene.Int()
    alt = graphene.String(required=True)
    type = ProductMediaType(required=True, resolver=lambda root, _info: root.type)
    oembed_data = graphene.JSONString(required=True)
    url = graphene.String(
        required=True, size=graphene.Int(), format=graphene.Argument(ThumbnailFormatEnum)
    )
    product_id = graphene.ID()

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, ProductMediaModel)

    @staticmethod
    def resolve_url(root: ProductMediaModel, _info: Any, **_thumbnail: Any) -> str:
        return media_url(root)

    @staticmethod
    def resolve_product_id(root: ProductMediaModel, _info: Any) -> str:
        return to_global_id("Product", root.product_id)


class ProductChannelListing(graphene.ObjectType):
    published_at = graphene.DateTime()
    is_published = graphene.Boolean(required=True)
    channel = graphene.Field(Channel, required=True)
    visible_in_listings = graphene.Boolean(required=True)
    available_for_purchase_at = graphene.DateTime()
    discounted_price = graphene.Field(Money)
    is_available_for_purchase = graphene.Boolean()

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, ProductChannelListingModel)

    @staticmethod
    def resolve_discounted_price(root: ProductChannelListingModel, _info: Any) -> Any:
        if root.discounted_price_amount is None:
            return None
        return MoneyValue(root.discounted_price_amount, root.currency)

    @staticmethod
    def resolve_is_available_for_purchase(root: ProductChannelListingModel, info: Any) -> bool:
        moment = root.available_for_purchase_at
        return moment is not None and moment <= info.context.request_time


class ProductVariantChannelListing(graphene.ObjectType):
    channel = graphene.Field(Channel, required=True)
    price = graphene.Field(Money)
    cost_price = graphene.Field(Money)
    prior_price = graphene.Field(Money)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, VariantListingModel)

    @staticmethod
    def resolve_price(root: VariantListingModel, _info: Any) -> Any:
        return _money(root.price_amount, root.currency)

    @staticmethod
    def resolve_cost_price(root: VariantListingModel, _info: Any) -> Any:
        return _money(root.cost_price_amount, root.currency)

    @staticmethod
    def resolve_prior_price(root: VariantListingModel, _info: Any) -> Any:
        return _money(root.prior_price_amount, root.currency)


def _money(amount: Any, currency: str) -> MoneyValue | None:
    return None if amount is None else MoneyValue(amount, currency)


class Stock(graphene.ObjectType):
    warehouse = graphene.Field(Warehouse, required=True)
    product_variant = graphene.Field(
        "saleor_sandbox.graphql.catalogue.types.products.ProductVariant", required=True
    )
    quantity = graphene.Int(required=True)
    quantity_allocated = graphene.Int(required=True)
    quantity_reserved = graphene.Int(required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, StockModel)

    @staticmethod
    def resolve_quantity_reserved(_root: StockModel, _info: Any) -> int:
        return 0


register_node("ProductMedia", ProductMediaModel, "MANAGE_PRODUCTS")
register_node("ProductChannelListing", ProductChannelListingModel, "MANAGE_PRODUCTS")
register_node("ProductVariantChannelListing", VariantListingModel, "MANAGE_PRODUCTS")
register_node("Stock", StockModel, "MANAGE_PRODUCTS")
