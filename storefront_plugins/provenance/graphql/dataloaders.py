from collections.abc import Sequence

from django.db.models import Q

from storefront_plugins.core.graphql.dataloaders import DataLoader, grouped
from storefront_plugins.provenance.models import (
    Certificate,
    Certification,
    Contribution,
    CustodyEvent,
    MaterialUse,
    ProductProvenance,
)


class ContributionsByProvenanceIdLoader(DataLoader[int, list[Contribution]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[Contribution]]:
        rows = Contribution.objects.filter(provenance_id__in=keys).select_related("artisan")
        return grouped(rows, "provenance_id", keys)


class MaterialUsesByProvenanceIdLoader(DataLoader[int, list[MaterialUse]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[MaterialUse]]:
        rows = MaterialUse.objects.filter(provenance_id__in=keys).select_related("collector")
        return grouped(rows, "provenance_id", keys)


class CustodyEventsByProvenanceIdLoader(DataLoader[int, list[CustodyEvent]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[CustodyEvent]]:
        rows = CustodyEvent.objects.filter(provenance_id__in=keys).order_by("event_time", "pk")
        return grouped(rows, "provenance_id", keys)


class CertificationsByProvenanceIdLoader(DataLoader[int, list[Certification]]):
    """A piece's own certifications, then its cooperative's, then its artisans': two queries."""

    def batch_load(self, keys: Sequence[int]) -> list[list[Certification]]:
        holders: dict[int, tuple[set[int], set[int]]] = {key: (set(), set()) for key in keys}
        rows = ProductProvenance.objects.filter(pk__in=keys).values_list(
            "pk", "cooperative_id", "contributions__artisan_id"
        )
        for pk, cooperative_id, artisan_id in rows:
            holders[pk][0].add(cooperative_id)
            if artisan_id is not None:
                holders[pk][1].add(artisan_id)
        cooperative_ids = set().union(*(c for c, _ in holders.values()))
        artisan_ids = set().union(*(a for _, a in holders.values()))
        certifications = list(
            Certification.objects.filter(
                Q(provenance_id__in=keys)
                | Q(cooperative_id__in=cooperative_ids)
                | Q(artisan_id__in=artisan_ids)
            )
        )
        result = []
        for key in keys:
            cooperatives, artisans = holders[key]
            own = [c for c in certifications if c.provenance_id == key]
            of_cooperative = [c for c in certifications if c.cooperative_id in cooperatives]
            of_artisans = [c for c in certifications if c.artisan_id in artisans]
            result.append(own + of_cooperative + of_artisans)
        return result


class CertificateByIdLoader(DataLoader[str, Certificate | None]):
    """A piece's certificate as listings show it: without the signed document and signature,
    which only the verification reads (it loads the certificate itself)."""

    def batch_load(self, keys: Sequence[str]) -> list[Certificate | None]:
        certificates = {
            str(c.pk): c
            for c in Certificate.objects.filter(pk__in=keys).defer("document", "signature")
        }
        return [certificates.get(str(key)) for key in keys]
