"""The catalogue's query string: filters, sorting and page, read and checked (pure).

The App's filters (craft, region, artisan, material) select piece ids through `pieceSearch`;
the price range and the sorting are Saleor's `products(filter, sortBy)`.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import QueryDict

PAGE_SIZE = 12
SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")
SORTS: dict[str, dict[str, str]] = {
    "newest": {"field": "CREATED_AT", "direction": "DESC"},
    "price_asc": {"field": "MINIMAL_PRICE", "direction": "ASC"},
    "price_desc": {"field": "MINIMAL_PRICE", "direction": "DESC"},
    "name": {"field": "NAME", "direction": "ASC"},
}
PIECE_FILTERS = ("craft", "region", "artisan", "material")


@dataclass(frozen=True)
class CatalogueQuery:
    pieces: dict[str, str] = field(default_factory=dict)  # craft, region, artisan, material
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    sort: str = "newest"
    after: str | None = None
    before: str | None = None

    @property
    def needs_piece_search(self) -> bool:
        return bool(self.pieces)

    def piece_filter(self, cooperative: str) -> dict[str, str]:
        return {"cooperative": cooperative, **self.pieces}

    def saleor_variables(self, channel: str, piece_ids: list[str] | None) -> dict[str, Any]:
        product_filter: dict[str, Any] = {}
        if piece_ids is not None:
            product_filter["ids"] = piece_ids
        if self.price_min is not None or self.price_max is not None:
            product_filter["price"] = {
                key: float(value)  # Saleor's PriceRangeInput takes Float
                for key, value in (("gte", self.price_min), ("lte", self.price_max))
                if value is not None
            }
        variables: dict[str, Any] = {
            "channel": channel,
            "filter": product_filter or None,
            "sortBy": {**SORTS[self.sort], "channel": channel},
        }
        if self.before:
            variables.update(last=PAGE_SIZE, before=self.before)
        else:
            variables.update(first=PAGE_SIZE, after=self.after)
        return variables

    def query_string(self, **changes: str | None) -> str:
        """This query's parameters with some changed (None removes one), for links."""
        params: dict[str, str] = dict(self.pieces)
        if self.price_min is not None:
            params["price_min"] = str(self.price_min)
        if self.price_max is not None:
            params["price_max"] = str(self.price_max)
        if self.sort != "newest":
            params["sort"] = self.sort
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        query = QueryDict(mutable=True)
        query.update(params)
        return query.urlencode()


def _price(raw: str | None) -> Decimal | None:
    if not raw:
        return None
    try:
        value = Decimal(raw.replace(",", ".").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() and 0 <= value < 10**9 else None


def _cursor(raw: str | None) -> str | None:
    return raw if raw and len(raw) <= 200 and raw.isascii() else None


def parse_catalogue_query(params: QueryDict) -> CatalogueQuery:
    """Unknown or malformed values are dropped (a shared link never fails)."""
    pieces = {
        name: value
        for name in PIECE_FILTERS
        if (value := params.get(name, "")) and SLUG.fullmatch(value)
    }
    price_min, price_max = _price(params.get("price_min")), _price(params.get("price_max"))
    if price_min is not None and price_max is not None and price_min > price_max:
        price_min, price_max = price_max, price_min
    sort = params.get("sort", "newest")
    return CatalogueQuery(
        pieces=pieces,
        price_min=price_min,
        price_max=price_max,
        sort=sort if sort in SORTS else "newest",
        after=_cursor(params.get("after")),
        before=_cursor(params.get("before")),
    )
