"""The marketplace search: one Saleor request with one aliased `products(channel:, search:)`
per cooperative channel, built from the `SearchHits` fragment (pure)."""

from typing import Any

from theme.graphql_client import SALEOR, fragment, spread_fragments

HITS_PER_CHANNEL = 4


def search_document(channel_count: int) -> str:
    variables = "".join(f", $channel{i}: String!" for i in range(channel_count))
    variables += ", $languageCode: LanguageCodeEnum!"
    fields = "".join(
        f"  c{i}: products(channel: $channel{i}, search: $search, first: {HITS_PER_CHANNEL})"
        " {\n    ...SearchHits\n  }\n"
        for i in range(channel_count)
    )
    text = f"query MarketplaceSearch($search: String!{variables}) {{\n{fields}}}\n"
    return text + "".join("\n" + fragment(SALEOR, f) for f in spread_fragments(SALEOR, text))


def search_variables(search: str, channels: list[str], language_code: str) -> dict[str, Any]:
    return {
        "search": search,
        "languageCode": language_code,
        **{f"channel{i}": slug for i, slug in enumerate(channels)},
    }


def hits_by_channel(data: dict[str, Any], channels: list[str]) -> dict[str, list[dict[str, Any]]]:
    return {
        slug: [edge["node"] for edge in (data.get(f"c{i}") or {}).get("edges", [])]
        for i, slug in enumerate(channels)
    }
