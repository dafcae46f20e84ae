import pytest

from storefront_plugins.saleor_app.allowlist import (
    is_allowed_saleor_url,
    jwks_url,
    normalize_api_url,
)

ALLOWLIST = ["https://souk-shop.saleor.cloud/graphql/", "https://*.cooperatives.ma/graphql/"]


@pytest.mark.parametrize(
    "url",
    [
        "https://souk-shop.saleor.cloud/graphql/",
        "https://souk-shop.saleor.cloud/graphql",
        "https://SOUK-SHOP.saleor.cloud/graphql/",
        "https://fes.cooperatives.ma/graphql/",
        "https://api.safi.cooperatives.ma/graphql/",
    ],
)
def test_allowed_saleor_urls(url):
    assert is_allowed_saleor_url(url, ALLOWLIST)


@pytest.mark.parametrize(
    "url",
    [
        "http://souk-shop.saleor.cloud/graphql/",  # another scheme
        "https://souk-shop.saleor.cloud:8443/graphql/",  # another port
        "https://souk-shop.saleor.cloud/other/graphql/",  # another path
        "https://evil.example/souk-shop.saleor.cloud/graphql/",
        "https://cooperatives.ma/graphql/",  # the wildcard needs a sub-domain
        "https://evilcooperatives.ma/graphql/",
        "https://fes.cooperatives.ma.evil.example/graphql/",
        "https://user:pass@souk-shop.saleor.cloud/graphql/",
        "https://souk-shop.saleor.cloud/graphql/?x=1",
        "ftp://souk-shop.saleor.cloud/graphql/",
        "not a url",
        "",
    ],
)
def test_refused_saleor_urls(url):
    assert not is_allowed_saleor_url(url, ALLOWLIST)


def test_nothing_is_allowed_by_an_empty_allowlist():
    assert not is_allowed_saleor_url("https://souk-shop.saleor.cloud/graphql/", [])


def test_normalized_api_url_has_a_lowercase_host_and_a_trailing_slash():
    assert (
        normalize_api_url("https://Shop.Example.com/graphql") == "https://shop.example.com/graphql/"
    )


def test_jwks_is_served_at_the_root_of_the_api_host():
    assert jwks_url("https://shop.example.com:8443/graphql/") == (
        "https://shop.example.com:8443/.well-known/jwks.json"
    )
