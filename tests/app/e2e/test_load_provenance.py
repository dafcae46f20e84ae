"""The provenance fixtures loaded against the seeded sandbox with the App installed: product
ids looked up in Saleor by slug, every piece published and certified, idempotent, readable
through the App's GraphQL API."""

import json
from io import StringIO
from typing import Any

import pytest
import requests
from django.core.management import call_command

from storefront_plugins.artisans.loading import load_directory_file
from storefront_plugins.provenance.models import Certificate, CustodyEvent, ProductProvenance
from tests.app.artisans.conftest import DIRECTORY

pytestmark = pytest.mark.django_db(transaction=True)

PRODUCTS = DIRECTORY.parents[1] / "sandbox" / "products.json"
PRODUCT_PROVENANCES = """
query($ids: [ID!]!) {
  productProvenances(saleorProductIds: $ids) {
    saleorProductId
    isPublished
    cooperative { slug }
    contributions { share role artisan { slug } }
    certificate { serial url }
  }
}
"""


def _load(api_url: str) -> dict[str, Any]:
    out = StringIO()
    call_command("load_provenance", "--saleor-api-url", api_url, stdout=out)
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


def test_load_provenance_publishes_and_certifies_every_sandbox_product(
    app_installed_in_sandbox, seeded_sandbox, live_server
):
    # given
    load_directory_file(DIRECTORY)
    api_url = seeded_sandbox.api_url
    products = json.loads(PRODUCTS.read_text(encoding="utf-8"))["products"]

    # when
    first = _load(api_url)

    # then
    assert first == {
        "certificates": 30,
        "certificationsChanged": 7,
        "created": 30,
        "missing": 0,
        "unchanged": 0,
        "updated": 0,
    }
    provenances = ProductProvenance.objects.all()
    assert provenances.count() == 30
    assert all(p.is_published and p.certificate_id for p in provenances)
    certificates = dict(provenances.values_list("saleor_product_id", "certificate_id"))
    assert Certificate.objects.count() == 30
    events = CustodyEvent.objects.count()
    assert events == 30 * 4

    # when
    second = _load(api_url)

    # then
    assert second == {**first, "certificationsChanged": 0, "created": 0, "unchanged": 30}
    assert dict(provenances.values_list("saleor_product_id", "certificate_id")) == certificates
    assert Certificate.objects.count() == 30
    assert CustodyEvent.objects.count() == events

    # when
    ids = [p.saleor_product_id for p in provenances.order_by("pk")]
    response = requests.post(
        f"{live_server.url}/graphql/",
        json={"query": PRODUCT_PROVENANCES, "variables": {"ids": ids}},
        timeout=30,
    )

    # then
    body = response.json()
    assert "errors" not in body, body
    found = body["data"]["productProvenances"]
    assert [p["saleorProductId"] for p in found] == ids
    by_id = {p["saleorProductId"]: p for p in found}
    slug_to_id = dict(zip([p["slug"] for p in products], ids, strict=True))
    for product in products:
        provenance = by_id[slug_to_id[product["slug"]]]
        assert provenance["isPublished"] is True
        assert [c["artisan"]["slug"] for c in provenance["contributions"]] == product["attributes"][
            "artisan"
        ]
        assert sum(c["share"] for c in provenance["contributions"]) == 10_000
        assert provenance["certificate"]["url"].startswith("http")
        assert provenance["certificate"]["serial"]


def test_products_saleor_does_not_have_are_reported_and_skipped(
    app_installed_in_sandbox, seeded_sandbox, tmp_path
):
    # given
    load_directory_file(DIRECTORY)
    data = json.loads((DIRECTORY.parent / "provenance.json").read_text(encoding="utf-8"))
    piece = data["products"]["tajine-safi-vert"]
    data["products"] = {"tajine-safi-vert": piece, "tajine-introuvable": piece}
    path = tmp_path / "provenance.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out, err = StringIO(), StringIO()

    # when
    call_command(
        "load_provenance",
        "--saleor-api-url",
        seeded_sandbox.api_url,
        "--fixtures",
        str(path),
        stdout=out,
        stderr=err,
    )

    # then
    assert json.loads(out.getvalue())["missing"] == 1
    assert err.getvalue() == "Skipped tajine-introuvable: no such product in Saleor.\n"
    assert ProductProvenance.objects.count() == 1


def test_the_loaded_provenance_is_written_back_into_the_sandbox_as_bin_demo_does(
    app_installed_in_sandbox, seeded_sandbox
):
    # given
    load_directory_file(DIRECTORY)
    api_url = seeded_sandbox.api_url
    _load(api_url)

    # when
    first, second = StringIO(), StringIO()
    call_command("sync_saleor", api_url, stdout=first)
    call_command("sync_saleor", api_url, stdout=second)

    # then
    written = json.loads(first.getvalue())
    assert sum(v for k, v in written.items() if k.startswith("products_")) == 30
    assert json.loads(second.getvalue()) == {
        "pages_unchanged": 13,
        "pages_written": 0,
        "products_unchanged": 30,
    }
