"""The pages a shopper browses: the marketplace, a storefront's home, its catalogue, a product
with its provenance, an artisan, an editorial page. Each needs at most three GraphQL reads,
all cached briefly."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from theme import shops
from theme.catalogue import PAGE_SIZE, SORTS, parse_catalogue_query
from theme.graphql_client import SALEOR, read, saleor_read, souk_read
from theme.languages import best_language, format_day, format_share, graphql_language
from theme.marketplace import hits_by_channel, search_document, search_variables
from theme.texts import text
from theme.views.common import (
    crafts,
    description_paragraphs,
    is_translated,
    money,
    product_card,
    render_page,
    resolve_shop,
    shop_page,
    translated,
)

HOME_PIECES = 8


def root(request: HttpRequest) -> HttpResponse:
    return redirect(f"/{best_language(request.headers.get('Accept-Language', ''))}/")


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@shop_page
def front(request: HttpRequest, language: str) -> HttpResponse:
    """/<lang>/: the storefront whose domain this is, else the marketplace."""
    domain = shops.host_domain(request.get_host())
    if shops.storefront_by(language, domain=domain) is not None:
        return storefront_home(request, language, None)
    return marketplace(request, language)


def marketplace(request: HttpRequest, language: str) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:100]
    storefronts = shops.all_storefronts(language)
    matching = shops.all_storefronts(language, search) if search else storefronts
    cards = [marketplace_card(s, language) for s in matching]
    hits: list[dict[str, Any]] = []
    if search and storefronts:
        channels = [s["channelSlug"] for s in storefronts]
        data = read(
            SALEOR,
            search_document(len(channels)),
            search_variables(search, channels, graphql_language(language)),
        )
        by_channel = hits_by_channel(data, channels)
        for storefront in storefronts:
            base = f"/{language}/s/{shops.path_segment(storefront)}"
            for node in by_channel[storefront["channelSlug"]]:
                hits.append({**product_card(node, language, base), "shop_name": storefront["name"]})
    return render_page(
        request,
        "marketplace.html",
        language,
        storefronts=cards,
        search=search,
        hits=hits,
        search_title=text("search_results", language, q=search) if search else "",
    )


def marketplace_card(storefront: dict[str, Any], language: str) -> dict[str, Any]:
    heroes = storefront["theme"].get("heroImages") or []
    return {
        "name": storefront["name"],
        "tagline": storefront["tagline"],
        "url": f"/{language}/s/{shops.path_segment(storefront)}/",
        "city": storefront["cooperative"].get("city", ""),
        "crafts": crafts(storefront["cooperative"].get("crafts") or [], language),
        "hero": heroes[0] if heroes else None,
        "logo": storefront["theme"].get("logoUrl"),
        "colour": storefront["theme"].get("primaryColor"),
    }


@shop_page
def storefront_home(request: HttpRequest, language: str, shop: str | None = None) -> HttpResponse:
    current = resolve_shop(request, language, shop)
    data = saleor_read(
        "storefront_home",
        {
            "channel": current.channel,
            "first": HOME_PIECES,
            "languageCode": graphql_language(language),
        },
    )
    cards = [product_card(e["node"], language, current.base) for e in data["products"]["edges"]]
    return render_page(
        request,
        "home.html",
        language,
        current,
        products=cards,
        total=data["products"]["totalCount"],
    )


@shop_page
def catalogue(request: HttpRequest, language: str, shop: str | None = None) -> HttpResponse:
    current = resolve_shop(request, language, shop)
    query = parse_catalogue_query(request.GET)
    facets = souk_read(
        "piece_facets",
        {"cooperative": current.cooperative_slug, "language": graphql_language(language)},
    )["pieceFacets"]
    piece_ids: list[str] | None = None
    if query.needs_piece_search and current.cooperative_slug:
        piece_ids = souk_read(
            "piece_search",
            {"filter": query.piece_filter(current.cooperative_slug), "first": 100},
        )["pieceSearch"]
    if piece_ids == []:
        products: dict[str, Any] = {"totalCount": 0, "edges": [], "pageInfo": {}}
    else:
        variables = query.saleor_variables(current.channel, piece_ids)
        variables["languageCode"] = graphql_language(language)
        products = saleor_read("catalogue", variables)["products"]
    page_info = products.get("pageInfo") or {}
    return render_page(
        request,
        "catalogue.html",
        language,
        current,
        query=query,
        facets=facet_choices(facets, query.pieces),
        sorts=[(key, text(f"sort_{key}", language)) for key in SORTS],
        products=[product_card(e["node"], language, current.base) for e in products["edges"]],
        count=text("n_pieces", language, n=products["totalCount"] or 0),
        previous_url=(
            "?" + query.query_string(before=page_info["startCursor"], after=None)
            if page_info.get("hasPreviousPage") or query.after
            else None
        ),
        next_url=(
            "?" + query.query_string(after=page_info["endCursor"], before=None)
            if page_info.get("hasNextPage")
            else None
        ),
        page_size=PAGE_SIZE,
    )


def facet_choices(facets: dict[str, Any], chosen: dict[str, str]) -> list[dict[str, Any]]:
    groups = [("craft", "crafts"), ("region", "regions"), ("artisan", "artisans"),
              ("material", "materials")]  # fmt: skip
    return [
        {
            "name": name,
            "options": [
                {**option, "selected": chosen.get(name) == option["slug"]}
                for option in facets.get(key) or []
            ],
        }
        for name, key in groups
    ]


@shop_page
def product(
    request: HttpRequest, language: str, product_slug: str, shop: str | None = None
) -> HttpResponse:
    current = resolve_shop(request, language, shop)
    node = saleor_read(
        "product",
        {
            "channel": current.channel,
            "slug": product_slug,
            "languageCode": graphql_language(language),
        },
    )["product"]
    if node is None:
        raise Http404("No such product")
    provenance = souk_read(
        "product_provenance", {"product": node["id"], "language": graphql_language(language)}
    )["productProvenance"]
    variants = [
        {
            "id": v["id"],
            "name": translated(v, "name"),
            "price": money(((v.get("pricing") or {}).get("price") or {}).get("gross"), language),
            "available": (v.get("quantityAvailable") or 0) > 0,
        }
        for v in node.get("variants") or []
    ]
    return render_page(
        request,
        "product.html",
        language,
        current,
        product=node,
        name=translated(node, "name"),
        localized=is_translated(node, "name"),
        seo_title=translated(node, "seoTitle"),
        seo_description=translated(node, "seoDescription"),
        description=description_paragraphs(translated(node, "description")),
        description_localized=is_translated(node, "description"),
        variants=variants,
        media=node.get("media") or [],
        provenance=provenance_view(provenance, language, current.base) if provenance else None,
        added=request.GET.get("added") == "1",
    )


def provenance_view(provenance: dict[str, Any], language: str, base: str) -> dict[str, Any]:
    certificate = provenance.get("certificate")
    return {
        **provenance,
        "artisans": [
            {
                **c["artisan"],
                "share": format_share(c["share"], language),
                "url": f"{base}/artisans/{c['artisan']['slug']}/",
                "crafts": crafts(c["artisan"].get("crafts") or [], language),
                "years": (
                    text("years_of_practice", language, n=c["artisan"]["yearsOfPractice"])
                    if c["artisan"].get("yearsOfPractice")
                    else ""
                ),
                "photo_alt": text("photo_of", language, name=c["artisan"]["name"]),
            }
            for c in provenance.get("contributions") or []
        ],
        "time_to_make": (
            text("time_to_make", language, n=provenance["timeToMakeHours"])
            if provenance.get("timeToMakeHours")
            else ""
        ),
        "made_on": (
            text("made_on", language, date=format_day(provenance["madeOn"], language))
            if provenance.get("madeOn")
            else ""
        ),
        "custody": [
            {
                "step": text(f"step_{event['bizStep']}", language),
                "date": format_day(event["eventTime"], language),
                "place": ", ".join(p for p in (event.get("city"), event.get("region")) if p),
                "datetime": event["eventTime"],
            }
            for event in provenance.get("custodyEvents") or []
        ],
        "qr_alt": text("qr_alt", language, serial=certificate["serial"]) if certificate else "",
    }


@shop_page
def artisan(
    request: HttpRequest, language: str, artisan_slug: str, shop: str | None = None
) -> HttpResponse:
    current = resolve_shop(request, language, shop)
    person = souk_read("artisan", {"slug": artisan_slug, "language": graphql_language(language)})[
        "artisan"
    ]
    if person is None:
        raise Http404("No such artisan")
    products: list[dict[str, Any]] = []
    if current.cooperative_slug:
        ids = souk_read(
            "piece_search",
            {"filter": {"cooperative": current.cooperative_slug, "artisan": artisan_slug},
             "first": 24},
        )["pieceSearch"]  # fmt: skip
        if ids:
            edges = saleor_read(
                "artisan_products",
                {
                    "channel": current.channel,
                    "ids": ids,
                    "languageCode": graphql_language(language),
                },
            )
            products = [
                product_card(e["node"], language, current.base) for e in edges["products"]["edges"]
            ]
    return render_page(
        request,
        "artisan.html",
        language,
        current,
        artisan=person,
        artisan_crafts=crafts(person.get("crafts") or [], language),
        years=(
            text("years_of_practice", language, n=person["yearsOfPractice"])
            if person.get("yearsOfPractice")
            else ""
        ),
        photo_alt=text("photo_of", language, name=person["name"]),
        products=products,
        products_title=text("pieces_by", language, name=person["name"]),
    )


@shop_page
def editorial(
    request: HttpRequest, language: str, page_slug: str, shop: str | None = None
) -> HttpResponse:
    current = resolve_shop(request, language, shop)
    data = souk_read(
        "storefront_page",
        {"storefront": current.slug, "page": page_slug, "language": graphql_language(language)},
    )
    page = (data.get("storefront") or {}).get("page")
    if page is None:
        raise Http404("No such page")
    paragraphs = [p.strip() for p in page["body"].split("\n\n") if p.strip()]
    return render_page(request, "page.html", language, current, page=page, paragraphs=paragraphs)
