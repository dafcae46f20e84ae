from django.db import models


class PublicDataVersion(models.Model):
    """One row whose `version` changes, in the writer's transaction, whenever any table the
    public API reads changes: a PostgreSQL trigger on each of those tables (see the
    migrations) sets it from a sequence, so a rolled-back change never reuses a number.

    Cached public responses are keyed by it (`response_cache`): a write, by a service, a
    loader, an admin shell or a bulk update alike, makes every older response unreachable.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.BigIntegerField()
    changed_at = models.DateTimeField()

    class Meta:
        db_table = "api_public_data_version"
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="api_public_data_version_one_row")
        ]

    def __str__(self) -> str:
        return f"public data version {self.version}"
