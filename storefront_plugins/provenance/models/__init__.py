from storefront_plugins.provenance.models.certificates import Certificate, SigningKey
from storefront_plugins.provenance.models.certifications import Certification, CertificationScheme
from storefront_plugins.provenance.models.custody import BizStep, CustodyEvent, Disposition
from storefront_plugins.provenance.models.provenance import (
    FULL_SHARE,
    Contribution,
    ContributionRole,
    MaterialUse,
    ProductProvenance,
    QualityResult,
)

__all__ = [
    "FULL_SHARE",
    "BizStep",
    "Certificate",
    "Certification",
    "CertificationScheme",
    "Contribution",
    "ContributionRole",
    "CustodyEvent",
    "Disposition",
    "MaterialUse",
    "ProductProvenance",
    "QualityResult",
    "SigningKey",
]
