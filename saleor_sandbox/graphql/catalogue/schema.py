import graphene

from saleor_sandbox.graphql.catalogue import (
    events,  # noqa: F401  (metadata listeners)
    types,  # noqa: F401  (registers node kinds)
)
from saleor_sandbox.graphql.catalogue.mutations.media import (
    ProductMediaCreate,
    ProductMediaDelete,
    ProductMediaReorder,
    ProductMediaUpdate,
)
from saleor_sandbox.graphql.catalogue.mutations.pages import (
    PageCreate,
    PageDelete,
    PageTypeCreate,
    PageUpdate,
)
from saleor_sandbox.graphql.catalogue.mutations.products import (
    ProductChannelListingUpdate,
    ProductCreate,
    ProductDelete,
    ProductUpdate,
)
from saleor_sandbox.graphql.catalogue.mutations.structure import (
    AttributeCreate,
    CategoryCreate,
    CollectionCreate,
    ProductAttributeAssign,
    ProductTypeCreate,
)
from saleor_sandbox.graphql.catalogue.mutations.translations import (
    CategoryTranslate,
    ProductTranslate,
    ProductVariantTranslate,
)
from saleor_sandbox.graphql.catalogue.mutations.variants import (
    ProductVariantChannelListingUpdate,
    ProductVariantCreate,
    ProductVariantDelete,
    ProductVariantStocksCreate,
    ProductVariantStocksUpdate,
    ProductVariantUpdate,
)
from saleor_sandbox.graphql.catalogue.queries import CatalogueQueries

__all__ = ["CatalogueMutations", "CatalogueQueries"]


class CatalogueMutations(graphene.ObjectType):
    product_create = ProductCreate.Field()
    product_update = ProductUpdate.Field()
    product_delete = ProductDelete.Field()
    product_channel_listing_update = ProductChannelListingUpdate.Field()
    product_media_create = ProductMediaCreate.Field()
    product_media_update = ProductMediaUpdate.Field()
    product_media_delete = ProductMediaDelete.Field()
    product_media_reorder = ProductMediaReorder.Field()
    product_variant_create = ProductVariantCreate.Field()
    product_variant_update = ProductVariantUpdate.Field()
    product_variant_delete = ProductVariantDelete.Field()
    product_variant_channel_listing_update = ProductVariantChannelListingUpdate.Field()
    product_variant_stocks_create = ProductVariantStocksCreate.Field()
    product_variant_stocks_update = ProductVariantStocksUpdate.Field()
    page_create = PageCreate.Field()
    page_update = PageUpdate.Field()
    page_delete = PageDelete.Field()
    page_type_create = PageTypeCreate.Field()
    attribute_create = AttributeCreate.Field()
    product_type_create = ProductTypeCreate.Field()
    product_attribute_assign = ProductAttributeAssign.Field()
    category_create = CategoryCreate.Field()
    collection_create = CollectionCreate.Field()
    product_translate = ProductTranslate.Field()
    product_variant_translate = ProductVariantTranslate.Field()
    category_translate = CategoryTranslate.Field()
