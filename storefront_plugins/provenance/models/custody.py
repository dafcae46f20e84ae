from django.db import models

from storefront_plugins.provenance.models.provenance import ProductProvenance


class BizStep(models.TextChoices):
    """A subset of GS1 CBV 2.0 business steps, and one of ours for crafting."""

    COLLECTING = "urn:epcglobal:cbv:bizstep:collecting", "Collecte"
    CRAFTING = "urn:souk:bizstep:crafting", "Fabrication"
    INSPECTING = "urn:epcglobal:cbv:bizstep:inspecting", "Contrôle"
    PACKING = "urn:epcglobal:cbv:bizstep:packing", "Emballage"
    SHIPPING = "urn:epcglobal:cbv:bizstep:shipping", "Expédition"


class Disposition(models.TextChoices):
    ACTIVE = "urn:epcglobal:cbv:disp:active", "Active"
    IN_PROGRESS = "urn:epcglobal:cbv:disp:in_progress", "En cours"
    CONFORMANT = "urn:epcglobal:cbv:disp:conformant", "Conforme"
    NON_CONFORMANT = "urn:epcglobal:cbv:disp:non_conformant", "Non conforme"
    IN_TRANSIT = "urn:epcglobal:cbv:disp:in_transit", "En transit"


class CustodyEvent(models.Model):
    """An EPCIS 2.0 ObjectEvent (action OBSERVE) on a piece: what, when, where, why, who.

    Append-only: events are never edited; a correction is a new event."""

    provenance = models.ForeignKey(
        ProductProvenance, on_delete=models.CASCADE, related_name="custody_events"
    )
    event_time = models.DateTimeField()
    event_time_zone_offset = models.CharField(max_length=6, default="+00:00")
    biz_step = models.CharField(max_length=64, choices=BizStep.choices)
    disposition = models.CharField(max_length=64, choices=Disposition.choices, blank=True)
    read_point = models.CharField(max_length=200, help_text="The named place it happened.")
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=200, blank=True)
    biz_location = models.CharField(max_length=200, blank=True)
    note = models.CharField(max_length=500, blank=True)
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    recorded_by = models.ForeignKey(
        "artisans.Artisan", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event_time", "pk"]
        indexes = [models.Index(fields=["provenance", "event_time"])]

    def __str__(self) -> str:
        return f"{self.biz_step} at {self.event_time:%Y-%m-%d}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("Custody events are append-only: record a correction instead.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]
