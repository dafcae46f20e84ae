"""The App installs into the Saleor sandbox by its manifest URL, over HTTP only."""

import pytest

from storefront_plugins.saleor_app.models import Installation
from tests.app.e2e.sandbox_server import parse_json_line

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_app_installs_into_the_sandbox_by_its_manifest_url(sandbox, live_server, settings):
    # given the App is served at a public URL the sandbox may install from
    settings.PUBLIC_URL = live_server.url
    settings.SALEOR_API_URL_ALLOWLIST = [sandbox.api_url]

    # when the sandbox installs it, as Saleor's install_app command does
    installed = parse_json_line(
        sandbox.manage(
            "sandbox_install_app", f"{live_server.url}/api/manifest", "--activate", "--replace"
        )
    )

    # then the App registered the installation with the sandbox's token and keys
    installation = Installation.objects.get()
    assert installation.saleor_api_url == sandbox.api_url
    assert installation.saleor_app_id == installed["app"]
    jwks = sandbox.graphql("{ shop { schemaVersion } }")
    assert jwks["data"]["shop"]["schemaVersion"] == "3.23"
    assert [key["kid"] for key in installation.jwks["keys"]] != []

    # and the token the App holds works against the sandbox
    from storefront_plugins.saleor_app.services import client_for

    assert client_for(installation).execute("{ app { id identifier } }")["app"] == {
        "id": installed["app"],
        "identifier": "souk",
    }
