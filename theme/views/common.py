"""What every page shares: its language, its shop, its layout's context and its errors."""

import functools
import json
import logging
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import strip_tags

from theme import shops
from theme.appearance import appearance
from theme.graphql_client import GraphQLUnavailable
from theme.languages import LANGUAGES, NAMES, direction, format_money
from theme.texts import craft_name, text, texts_for

View = Callable[..., HttpResponse]
logger = logging.getLogger(__name__)


def switch_language(path: str, language: str) -> str:
    """The same page in another language: the first path segment is the language."""
    parts = path.split("/", 2)
    rest = parts[2] if len(parts) > 2 else ""
    return f"/{language}/{rest}"


def page_context(
    request: HttpRequest, language: str, shop: shops.Shop | None = None, **extra: Any
) -> dict[str, Any]:
    storefront = shop.storefront if shop else None
    languages = [
        code for code in (storefront or {}).get("languages") or LANGUAGES if code in LANGUAGES
    ] or list(LANGUAGES)
    carts = request.session.get("cart_quantities", {})
    return {
        "language": language,
        "dir": direction(language),
        "t": texts_for(language),
        "shop": shop,
        "storefront": storefront,
        "base": shop.base if shop else f"/{language}",
        "appearance": appearance((storefront or {}).get("theme"), language),
        "language_links": [
            {"code": code, "name": NAMES[code], "url": switch_language(request.path, code)}
            for code in languages
        ],
        "cart_quantity": carts.get(shop.channel, 0) if shop else 0,
        **extra,
    }


def render_page(
    request: HttpRequest,
    template: str,
    language: str,
    shop: shops.Shop | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    return render(
        request, f"theme/{template}", page_context(request, language, shop, **extra), status=status
    )


def resolve_shop(request: HttpRequest, language: str, shop: str | None) -> shops.Shop:
    """The storefront of /<lang>/s/<shop>/..., or of the Host's domain; 404 otherwise."""
    if shop is not None:
        storefront = shops.storefront_by_path(shop, language)
        base = f"/{language}/s/{shop}"
    else:
        storefront = shops.storefront_by(language, domain=shops.host_domain(request.get_host()))
        base = f"/{language}"
    if storefront is None:
        raise Http404("No such storefront")
    return shops.Shop(storefront=storefront, base=base)


def shop_page(view: View) -> View:
    """Wraps a page: an API that does not answer is a 503 page in the shopper's language, an
    unknown page a 404 page (both in the marketplace's look)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, language: str, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, language, *args, **kwargs)
        except GraphQLUnavailable as error:
            logger.warning("%s: %s", request.path, error)
            return render_page(
                request,
                "error.html",
                language,
                status=503,
                title=text("error_title", language),
                message=text("service_unavailable", language),
            )
        except Http404:
            return render_page(
                request,
                "error.html",
                language,
                status=404,
                title=text("not_found", language),
                message=text("not_found_text", language),
            )

    return wrapped


def money(value: dict[str, Any] | None, language: str) -> str:
    if not value:
        return ""
    return format_money(value["amount"], value["currency"], language)


def product_card(node: dict[str, Any], language: str, base: str) -> dict[str, Any]:
    """What a product card shows, with its price formatted and its image's sources."""
    start = (((node.get("pricing") or {}).get("priceRange") or {}).get("start") or {}).get("gross")
    thumbnail = node.get("thumbnail") or {}
    small = node.get("small") or {}
    return {
        "name": translated(node, "name"),
        "localized": is_translated(node, "name"),
        "url": f"{base}/p/{node['slug']}/",
        "price": text("from_price", language, price=money(start, language)) if start else "",
        "image": thumbnail.get("url"),
        "srcset": (
            f"{small['url']} 256w, {thumbnail['url']} 512w"
            if small.get("url") and thumbnail.get("url")
            else ""
        ),
        # the image's alt text is Saleor's (French): the translated name describes it better
        "alt": translated(node, "name")
        if is_translated(node, "name")
        else thumbnail.get("alt") or node["name"],
        "available": node.get("isAvailableForPurchase") is not False,
    }


def translated(node: dict[str, Any], field: str) -> Any:
    """A Saleor object's field in the page's language (its `translation`, asked for that
    language) when it has one, else the object's own (French) value."""
    return ((node.get("translation") or {}).get(field)) or node.get(field)


def is_translated(node: dict[str, Any], field: str) -> bool:
    """Whether `translated` found the page's language: if not, the text shown may run in
    another direction and is isolated (`dir="auto"`)."""
    return bool((node.get("translation") or {}).get(field))


def crafts(codes: list[str], language: str) -> list[str]:
    return [craft_name(code, language) for code in codes]


def description_paragraphs(description: str | None) -> list[str]:
    """The text of a Saleor (Editor.js) description's blocks, to be escaped by the template."""
    if not description:
        return []
    try:
        blocks = json.loads(description).get("blocks", [])
    except (ValueError, AttributeError):
        return [description]
    paragraphs = []
    for block in blocks:
        data = block.get("data") or {}
        if isinstance(data.get("text"), str) and data["text"].strip():
            paragraphs.append(strip_tags(data["text"]))
        for item in data.get("items") or []:
            if isinstance(item, str):
                paragraphs.append(strip_tags(item))
    return paragraphs
