"""The demo catalogue's JSON files (fixtures/sandbox/) read into `SeedData` and checked
before anything is written: shapes, slugs, currencies and every cross-reference. Channels,
shipping, artisans and staff here; the catalogue in `seed_fixtures_catalogue`."""

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from saleor_sandbox.permissions import ALL_PERMISSIONS
from saleor_sandbox.services.seed_fixtures_catalogue import parse_catalogue
from saleor_sandbox.services.seed_specs import (
    ChannelSpec,
    Entry,
    FixtureError,
    PageSpec,
    PageTypeSpec,
    SeedData,
    ShippingMethodSpec,
    ShippingZoneSpec,
    StaffSpec,
    WarehouseSpec,
    channel_prices,
    entries,
    known,
    label,
    unique,
)

FILES = (
    "channels.json",
    "shipping.json",
    "artisans.json",
    "catalogue.json",
    "products.json",
    "staff.json",
)
MARK_AS_PAID = {"PAYMENT_FLOW", "TRANSACTION_FLOW"}
TRANSACTION_FLOW = {"CHARGE", "AUTHORIZATION"}


def read_documents(directory: Path) -> dict[str, dict[str, Any]]:
    documents = {}
    for name in FILES:
        path = directory / name
        if not path.is_file():
            raise FixtureError(name, "-", f"file not found in {directory}")
        try:
            document = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise FixtureError(name, "-", f"invalid JSON: {error}") from error
        if not isinstance(document, dict):
            raise FixtureError(name, "-", "expected a JSON object at the top level")
        documents[name] = document
    return documents


def parse_fixtures(directory: Path) -> SeedData:
    """Reads and validates every fixture file under `directory`."""
    documents = read_documents(directory)
    channels, warehouses = _parse_channels(documents["channels.json"])
    channel_slugs = {c.slug: c for c in channels}
    shipping = _parse_shipping(documents["shipping.json"], channel_slugs, warehouses)
    page_types, pages = _parse_artisans(documents["artisans.json"])
    catalogue = parse_catalogue(documents, channel_slugs, warehouses, page_types, pages)
    staff = _parse_staff(documents["staff.json"])
    return SeedData(
        channels=channels,
        warehouses=warehouses,
        shipping_zones=shipping,
        page_types=page_types,
        pages=pages,
        staff=staff,
        **catalogue,
    )


def _parse_channels(
    document: dict[str, Any],
) -> tuple[tuple[ChannelSpec, ...], tuple[WarehouseSpec, ...]]:
    file = "channels.json"
    channels, seen = [], set[str]()
    for e in entries(file, document, "channels"):
        currency = e.text("currency_code")
        country = e.text("default_country")
        if not re.fullmatch(r"[A-Z]{3}", currency):
            e.fail(f'"currency_code" {currency!r} must be an ISO 4217 code such as MAD')
        if not re.fullmatch(r"[A-Z]{2}", country):
            e.fail(f'"default_country" {country!r} must be an ISO 3166 code such as MA')
        spec = ChannelSpec(
            slug=unique(e, seen, e.slug(), "channel"),
            name=e.text("name"),
            currency_code=currency,
            default_country=country,
            automatically_confirm_all_new_orders=e.flag(
                "automatically_confirm_all_new_orders", True
            ),
            allow_unpaid_orders=e.flag("allow_unpaid_orders", False),
            mark_as_paid_strategy=e.text("mark_as_paid_strategy", "TRANSACTION_FLOW"),
            default_transaction_flow_strategy=e.text("default_transaction_flow_strategy", "CHARGE"),
        )
        if spec.mark_as_paid_strategy not in MARK_AS_PAID:
            e.fail(f'"mark_as_paid_strategy" must be one of {sorted(MARK_AS_PAID)}')
        if spec.default_transaction_flow_strategy not in TRANSACTION_FLOW:
            e.fail(f'"default_transaction_flow_strategy" must be one of {sorted(TRANSACTION_FLOW)}')
        e.done()
        channels.append(spec)
    warehouses, seen = [], set()
    for e in entries(file, document, "warehouses"):
        spec_w = WarehouseSpec(
            slug=unique(e, seen, e.slug(), "warehouse"),
            name=e.text("name"),
            city=e.text("city"),
            country=e.text("country"),
            email=e.text("email", ""),
            channels=e.texts("channels", required=True),
        )
        known(e, spec_w.channels, {c.slug for c in channels}, "channel")
        e.done()
        warehouses.append(spec_w)
    return tuple(channels), tuple(warehouses)


def _parse_shipping(
    document: dict[str, Any],
    channels: dict[str, ChannelSpec],
    warehouses: tuple[WarehouseSpec, ...],
) -> tuple[ShippingZoneSpec, ...]:
    file = "shipping.json"
    warehouse_channels = {w.slug: set(w.channels) for w in warehouses}
    zones, seen = [], set[str]()
    for e in entries(file, document, "shipping_zones"):
        name = unique(e, seen, e.text("name"), "shipping zone")
        countries = e.texts("countries", required=True)
        if any(not re.fullmatch(r"[A-Z]{2}", c) for c in countries):
            e.fail('"countries" must be ISO 3166 codes such as MA')
        zone_channels = e.texts("channels", required=True)
        known(e, zone_channels, channels, "channel")
        zone_warehouses = e.texts("warehouses", required=True)
        known(e, zone_warehouses, warehouse_channels, "warehouse")
        for slug in zone_warehouses:
            if not warehouse_channels[slug] & set(zone_channels):
                e.fail(f'warehouse "{slug}" shares no channel with the zone')
        methods, method_names = [], set[str]()
        for index, raw in enumerate(e.items("methods", required=True)):
            m = Entry(file, f"{e.label} {label('methods', index, raw)}", raw)
            method_name = unique(m, method_names, m.text("name"), "shipping method")
            low, high = m.integer("minimum_delivery_days"), m.integer("maximum_delivery_days")
            if low is not None and high is not None and low > high:
                m.fail('"minimum_delivery_days" is above "maximum_delivery_days"')
            methods.append(
                ShippingMethodSpec(
                    name=method_name,
                    minimum_delivery_days=low,
                    maximum_delivery_days=high,
                    description=m.paragraphs("description", f"shipping-{index}", required=False),
                    prices=channel_prices(m, "prices", zone_channels),
                )
            )
            m.done()
        e.done()
        zones.append(
            ShippingZoneSpec(name, countries, zone_channels, zone_warehouses, tuple(methods))
        )
    return tuple(zones)


def _parse_artisans(
    document: dict[str, Any],
) -> tuple[tuple[PageTypeSpec, ...], tuple[PageSpec, ...]]:
    file = "artisans.json"
    page_types, seen = [], set[str]()
    for e in entries(file, document, "page_types"):
        page_types.append(PageTypeSpec(unique(e, seen, e.slug(), "page type"), e.text("name")))
        e.done()
    pages, seen_pages = [], set[str]()
    for e in entries(file, document, "artisans"):
        slug = unique(e, seen_pages, e.slug(), "page")
        page_type = e.text("page_type", "artisan")
        known(e, [page_type], seen, "page type")
        metadata = {key: e.text(key) for key in ("city", "craft", "cooperative")}
        pages.append(
            PageSpec(
                slug=slug,
                title=e.text("title"),
                page_type=page_type,
                content=e.paragraphs("content", slug) or {},
                seo_description=e.text("seo_description", ""),
                metadata=metadata,
                published_at=e.moment("published_at"),
            )
        )
        e.done()
    return tuple(page_types), tuple(pages)


def _parse_staff(document: dict[str, Any]) -> tuple[StaffSpec, ...]:
    staff, seen = [], set[str]()
    for e in entries("staff.json", document, "staff"):
        email = e.text("email").lower()
        if "@" not in email:
            e.fail(f'"email" {email!r} is not an e-mail address')
        permissions = e.texts("permissions")
        known(e, permissions, ALL_PERMISSIONS, "permission")
        staff.append(
            StaffSpec(
                email=unique(e, seen, email, "e-mail"),
                password=e.text("password"),
                first_name=e.text("first_name", ""),
                last_name=e.text("last_name", ""),
                is_superuser=e.flag("is_superuser", False),
                permissions=permissions,
            )
        )
        e.done()
    return tuple(staff)
