"""An app on a local port, serving its manifest, for the installation tests."""

import json

import pytest
from werkzeug import Request, Response


def manifest(base_url, **changes):
    data = {
        "id": "souk",
        "version": "1.0.0",
        "name": "Souk",
        "about": "Artisan provenance and payouts",
        "author": "Souk",
        "permissions": ["MANAGE_PRODUCTS", "MANAGE_APPS"],
        "appUrl": f"{base_url}/app/",
        "tokenTargetUrl": f"{base_url}/api/register",
        "brand": {"logo": {"default": f"{base_url}/static/logo.png"}},
        "requiredSaleorVersion": ">=3.20",
        "webhooks": [
            {
                "name": "Souk product updated",
                "asyncEvents": ["PRODUCT_UPDATED"],
                "query": "subscription { event { ... on ProductUpdated { product { id } } } }",
                "targetUrl": f"{base_url}/api/webhooks/product-updated",
            }
        ],
    }
    data.update(changes)
    return data


class FakeApp:
    """An app on a local port: serves its manifest and records the token it is sent."""

    def __init__(self, server):
        self.server = server
        self.base_url = server.url_for("").rstrip("/")
        self.manifest = manifest(self.base_url)
        self.register_response = Response(
            json.dumps({"success": True}), content_type="application/json"
        )
        self.registrations: list[dict] = []
        server.expect_request("/api/manifest").respond_with_handler(
            lambda request: Response(json.dumps(self.manifest), content_type="application/json")
        )
        server.expect_request("/api/register", method="POST").respond_with_handler(self._register)

    @property
    def manifest_url(self):
        return f"{self.base_url}/api/manifest"

    def _register(self, request: Request) -> Response:
        self.registrations.append({"headers": dict(request.headers), "body": request.get_json()})
        return self.register_response


@pytest.fixture
def fake_app(httpserver):
    return FakeApp(httpserver)
