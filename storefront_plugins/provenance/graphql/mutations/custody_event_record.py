from typing import Any

import graphene

from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.provenance import services
from storefront_plugins.provenance.graphql.context import viewer_of
from storefront_plugins.provenance.graphql.input_values import custody_event_input
from storefront_plugins.provenance.graphql.inputs import CustodyEventInput
from storefront_plugins.provenance.graphql.mutations.base import payload
from storefront_plugins.provenance.graphql.types import (
    CustodyEvent,
    ProductProvenance,
    ProvenanceCertificate,
    ProvenanceError,
)


class CustodyEventRecord(graphene.Mutation):
    """Appends an event to a piece's chain of custody; events are never edited."""

    class Arguments:
        product_provenance_id = graphene.ID(required=True)
        input = CustodyEventInput(required=True)

    custody_event = graphene.Field(CustodyEvent)
    product_provenance = graphene.Field(ProductProvenance)
    certificate = graphene.Field(ProvenanceCertificate)
    errors = graphene.List(graphene.NonNull(ProvenanceError), required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, product_provenance_id: str, input: Any
    ) -> "CustodyEventRecord":
        viewer = viewer_of(info)
        pk = pk_from_global_id(product_provenance_id, "ProductProvenance")
        event = custody_event_input(input)

        def record() -> dict[str, Any]:
            result = services.record_custody_event(viewer, pk, event)
            return {
                "custody_event": result.event,
                "product_provenance": result.provenance,
                "certificate": result.certificate,
            }

        return payload(cls, record)
