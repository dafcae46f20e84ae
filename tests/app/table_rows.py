"""Every row of some tables, in one query: what a permission test compares before and after
a request that must change nothing."""

from collections.abc import Sequence
from typing import Any

from django.db import connection, models


def _rows_sql(model: type[models.Model]) -> str:
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(str(model._meta.pk and model._meta.pk.column))
    return f"(SELECT json_agg(t ORDER BY t.{pk}) FROM {table} t)"  # noqa: S608  (models' tables)


def rows_of(tables: Sequence[type[models.Model]]) -> tuple[Any, ...]:
    """Each model's rows as JSON, by primary key."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(_rows_sql(model) for model in tables))
        row = cursor.fetchone()
    assert row is not None
    return tuple(row)
