"""What the App writes back into Saleor about one product's provenance: artisans' slugs and
shares, names as shown in Saleor. Built from the provenance services' `PublishedProvenance`
(see `sources.summary_for`), or by hand in the write-back's tests."""

from dataclasses import dataclass

BASIS_POINTS = 10_000


@dataclass(frozen=True)
class ArtisanShare:
    slug: str
    share_bps: int  # the artisan's part of the piece, in basis points (10 000 = all of it)

    def __post_init__(self) -> None:
        if not 0 <= self.share_bps <= BASIS_POINTS:
            raise ValueError(f"A share is 0..{BASIS_POINTS} basis points, not {self.share_bps}.")


@dataclass(frozen=True)
class ProvenanceSummary:
    saleor_product_id: str
    artisans: tuple[ArtisanShare, ...]
    cooperative_slug: str | None = None
    cooperative_name: str | None = None
    materials: tuple[str, ...] = ()
    technique: str | None = None
    certifications: tuple[str, ...] = ()
    certificate_url: str | None = None

    def __post_init__(self) -> None:
        total = sum(artisan.share_bps for artisan in self.artisans)
        if total > BASIS_POINTS:
            raise ValueError(f"Artisans' shares add up to {total} basis points, over 10 000.")
        slugs = [artisan.slug for artisan in self.artisans]
        if len(set(slugs)) != len(slugs):
            raise ValueError("An artisan is listed twice.")

    @property
    def artisan_slugs(self) -> tuple[str, ...]:
        return tuple(artisan.slug for artisan in self.artisans)
