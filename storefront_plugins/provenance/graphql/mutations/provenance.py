from typing import Any

import graphene

from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.provenance import services
from storefront_plugins.provenance.graphql.context import viewer_of
from storefront_plugins.provenance.graphql.input_values import provenance_input
from storefront_plugins.provenance.graphql.inputs import (
    ProductProvenanceCreateInput,
    ProductProvenanceInput,
)
from storefront_plugins.provenance.graphql.mutations.base import payload
from storefront_plugins.provenance.graphql.types import (
    ProductProvenance,
    ProvenanceCertificate,
    ProvenanceError,
)


def _result(result: services.ProvenanceResult) -> dict[str, Any]:
    return {"product_provenance": result.provenance, "certificate": result.certificate}


class ProductProvenanceCreate(graphene.Mutation):
    """A manager records a piece of their cooperative; an artisan, a piece they made."""

    class Arguments:
        input = ProductProvenanceCreateInput(required=True)

    product_provenance = graphene.Field(ProductProvenance)
    certificate = graphene.Field(ProvenanceCertificate)
    errors = graphene.List(graphene.NonNull(ProvenanceError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, input: Any) -> "ProductProvenanceCreate":
        viewer = viewer_of(info)
        cooperative_pk = pk_from_global_id(input["cooperative"], "Cooperative")
        data = provenance_input(input)
        return payload(
            cls,
            lambda: _result(
                services.create_provenance(
                    viewer,
                    input["saleor_product_id"],
                    cooperative_pk,
                    data,
                    saleor_variant_id=input.get("saleor_variant_id") or "",
                )
            ),
        )


class ProductProvenanceUpdate(graphene.Mutation):
    """Its makers and its cooperative's managers edit a piece's provenance; a published
    piece gets a new certificate that supersedes the old one."""

    class Arguments:
        id = graphene.ID(required=True)
        input = ProductProvenanceInput(required=True)

    product_provenance = graphene.Field(ProductProvenance)
    certificate = graphene.Field(ProvenanceCertificate)
    errors = graphene.List(graphene.NonNull(ProvenanceError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, input: Any) -> "ProductProvenanceUpdate":
        viewer = viewer_of(info)
        pk = pk_from_global_id(id, "ProductProvenance")
        data = provenance_input(input)
        return payload(cls, lambda: _result(services.update_provenance(viewer, pk, data)))


class ProductProvenancePublish(graphene.Mutation):
    """Publishes (or hides) a piece's provenance; publishing issues its certificate."""

    class Arguments:
        id = graphene.ID(required=True)
        is_published = graphene.Boolean(default_value=True)

    product_provenance = graphene.Field(ProductProvenance)
    certificate = graphene.Field(ProvenanceCertificate)
    errors = graphene.List(graphene.NonNull(ProvenanceError), required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, id: str, is_published: bool = True
    ) -> "ProductProvenancePublish":
        viewer = viewer_of(info)
        pk = pk_from_global_id(id, "ProductProvenance")
        return payload(cls, lambda: _result(services.publish_provenance(viewer, pk, is_published)))
