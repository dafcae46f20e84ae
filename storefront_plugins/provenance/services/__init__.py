"""The provenance services: the only writers of provenance data, and its reads for other
capabilities (payouts, the Saleor write-back) and the GraphQL layer.

access_* fetch and check, validate_* check input, verbs write (validated first, then in one
transaction: no partial writes). Callers import this package (`services.create_provenance`);
the submodules, split by concept, import each other, never this package, so there is no cycle.
"""

from storefront_plugins.provenance.services.access import (
    access_certification_for_edit,
    access_certification_holder,
    access_provenance_for_edit,
)
from storefront_plugins.provenance.services.certifications import (
    CertificationResult,
    attach_certification_evidence,
    create_certification,
    update_certification,
)
from storefront_plugins.provenance.services.facets import (
    MAX_PIECE_SEARCH,
    ArtisanFacet,
    Facet,
    PieceFacets,
    PieceFilter,
    piece_facets,
    search_pieces,
)
from storefront_plugins.provenance.services.inputs import (
    CertificationHolder,
    ContributionInput,
    CustodyEventInput,
    MaterialInput,
    ProvenanceInput,
)
from storefront_plugins.provenance.services.pieces import (
    CustodyEventResult,
    ProvenanceResult,
    RemovalResult,
    certify,
    create_provenance,
    mark_removed_from_saleor,
    publish_provenance,
    record_custody_event,
    update_provenance,
)
from storefront_plugins.provenance.services.reads import (
    ArtisanContribution,
    PieceMakers,
    PublishedProvenance,
    makers_of_products,
    pieces_made_by,
    provenance_for_claim,
    provenance_summary,
    provenances_for_products,
    visible_provenances,
)
from storefront_plugins.provenance.services.system import (
    SystemCertificationResult,
    SystemProvenanceResult,
    put_cooperative_certification_as_system,
    put_provenance_as_system,
)
from storefront_plugins.provenance.services.validation import (
    CERTIFICATION_FIELDS,
    CLOCK_SKEW,
    PROVENANCE_FIELDS,
    TRANSLATED_FIELDS,
    validate_certification,
    validate_contributions,
    validate_cooperative_and_product,
    validate_custody_event,
    validate_evidence_file,
    validate_materials,
    validate_provenance_changes,
    validate_provenance_input,
    validate_quality_checker,
)

__all__ = [
    "CERTIFICATION_FIELDS",
    "CLOCK_SKEW",
    "MAX_PIECE_SEARCH",
    "PROVENANCE_FIELDS",
    "TRANSLATED_FIELDS",
    "ArtisanContribution",
    "ArtisanFacet",
    "CertificationHolder",
    "CertificationResult",
    "ContributionInput",
    "CustodyEventInput",
    "CustodyEventResult",
    "Facet",
    "MaterialInput",
    "PieceFacets",
    "PieceFilter",
    "PieceMakers",
    "ProvenanceInput",
    "ProvenanceResult",
    "PublishedProvenance",
    "RemovalResult",
    "SystemCertificationResult",
    "SystemProvenanceResult",
    "access_certification_for_edit",
    "access_certification_holder",
    "access_provenance_for_edit",
    "attach_certification_evidence",
    "certify",
    "create_certification",
    "create_provenance",
    "makers_of_products",
    "mark_removed_from_saleor",
    "piece_facets",
    "pieces_made_by",
    "provenance_for_claim",
    "provenance_summary",
    "provenances_for_products",
    "publish_provenance",
    "put_cooperative_certification_as_system",
    "put_provenance_as_system",
    "record_custody_event",
    "search_pieces",
    "update_certification",
    "update_provenance",
    "validate_certification",
    "validate_contributions",
    "validate_cooperative_and_product",
    "validate_custody_event",
    "validate_evidence_file",
    "validate_materials",
    "validate_provenance_changes",
    "validate_provenance_input",
    "validate_quality_checker",
    "visible_provenances",
]
