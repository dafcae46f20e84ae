"""The provenance query for 20 products against the App, beside the matching 20-product
listing query against the Saleor sandbox, at concurrency 1 and 8.

    .venv/bin/python -m bench.provenance_query [seconds per run, default 10]

Starts both servers as in production (gunicorn, PostgreSQL: DATABASE_URL's server, else the
embedded one), on scratch databases it drops at the end: the sandbox seeded, the App with
its directory loaded, installed into the sandbox, and provenance loaded for the seeded
products. Prints p50, p99 and throughput. Targets (issue 4): App p50 under 10 ms at
concurrency 1, and at most a tenth of the sandbox's p50 for the listing.

The App is measured twice: asked for the same page again and again, as a storefront's
visitors do (answered from the public response cache after the first request), and asked
for a different page each time (20 of the 30 products, a new choice per request), which
executes every request: the figure for a cold cache or a catalogue too large to cache.
"""

import os
import random
import sys

import requests

from bench.http_load import graphql_sender, rotating_graphql_sender, run_load
from bench.servers import running_sandbox_and_app

CHANNEL = "souk-export"

PROVENANCE_QUERY = """
query Provenance($ids: [ID!]!) {
  productProvenances(saleorProductIds: $ids) {
    saleorProductId
    technique
    timeToMakeHours
    madeOn
    cooperative { name slug }
    contributions { share role artisan { name slug city } }
    materials { name lotCode collector { name } }
    custodyEvents { __typename }
    certifications { scheme name level issuer validUntil }
    certificate { serial url status }
  }
}
"""
SANDBOX_LISTING = """
query Listing($channel: String!, $first: Int!) {
  products(channel: $channel, first: $first) {
    edges { node {
      id name slug
      category { name }
      thumbnail { url alt }
      pricing { priceRange { start { gross { amount currency } } } }
      attributes { attribute { slug } values { name reference } }
      metadata { key value }
    } }
  }
}
"""


def main(seconds: float) -> None:
    with running_sandbox_and_app("provenance") as (servers, _processes):
        sandbox_url, app_url = servers.sandbox_url, servers.app_url
        listing = requests.post(
            f"{sandbox_url}/graphql/",
            json={"query": SANDBOX_LISTING, "variables": {"channel": CHANNEL, "first": 100}},
            timeout=30,
        ).json()
        catalogue = [edge["node"]["id"] for edge in listing["data"]["products"]["edges"]]
        assert len(catalogue) >= 21, f"the seeded {CHANNEL} channel lists {len(catalogue)}"
        ids = catalogue[:20]

        chooser = random.Random(20)
        other_pages = [{"ids": chooser.sample(catalogue, 20)} for _ in range(5000)]
        senders = {
            "App productProvenances, same 20 products": graphql_sender(
                f"{app_url}/graphql/", PROVENANCE_QUERY, {"ids": ids}
            ),
            "App productProvenances, other 20 each time": rotating_graphql_sender(
                f"{app_url}/graphql/", PROVENANCE_QUERY, other_pages
            ),
            "Sandbox products(first: 20) listing": graphql_sender(
                f"{sandbox_url}/graphql/", SANDBOX_LISTING, {"channel": CHANNEL, "first": 20}
            ),
        }
        print(f"provenance query for 20 products, {seconds:g} s per run, {os.cpu_count()} cores")
        results = {}
        for concurrency in (1, 8):
            for label, send in senders.items():
                results[(label, concurrency)] = run_load(
                    send, concurrency=concurrency, seconds=seconds
                )
                print(results[(label, concurrency)].line(label))
        sandbox_label = "Sandbox products(first: 20) listing"
        for concurrency in (1, 8):
            for label in list(senders)[:2]:
                ratio = (
                    results[(label, concurrency)].p50_ms
                    / results[(sandbox_label, concurrency)].p50_ms
                )
                print(f"p50 {label} / sandbox, c={concurrency}: {ratio:.3f} (target <= 0.1)")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 10.0)
