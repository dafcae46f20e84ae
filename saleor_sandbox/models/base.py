from django.db import models


class MetadataModel(models.Model):
    """Public and private metadata, as Saleor keeps them: string keys to string values."""

    metadata = models.JSONField(default=dict, blank=True)
    private_metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True


MONEY_DIGITS = 12
MONEY_DECIMALS = 3  # Saleor stores amounts with 3 decimal places
