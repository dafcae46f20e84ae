"""Souk's pages in the Saleor Dashboard: posted to by the Dashboard with the staff user's
token, verified by the App, rendered on the server in the user's language."""

from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from storefront_plugins.payouts.models import Payout, PayoutRun, PayoutState, Rail
from storefront_plugins.payouts.splits import Party, PartyKind
from tests.app.payouts.conftest import bank_method

pytestmark = pytest.mark.django_db

PROVENANCE = "/dashboard/provenance"
PAYOUTS = "/dashboard/payouts"


def post(client, url, saleor, *, token=None, language="fr", **fields):
    """What the Dashboard's hidden form posts (src/extensions/components/IframePost)."""
    data = {
        "saleorApiUrl": saleor.api_url,
        "accessToken": saleor.dashboard_token() if token is None else token,
        "appId": "QXBwOjE=",
        **fields,
    }
    return client.post(url, data, headers={"Accept-Language": language})


def text(response):
    return response.content.decode()


def test_staff_see_who_made_a_product_on_its_page(client, installation, fake_saleor, vase):
    # when
    response = post(client, PROVENANCE, fake_saleor, productId=vase.saleor_product_id)

    # then
    assert response.status_code == 200
    page = text(response)
    assert "Mohamed Serghini" in page
    assert "Fabriqué" in page
    assert "100 %" in page
    assert "Argile rouge de Safi" in page
    assert "ARG-2025-014" in page
    assert "Brouillon, non publiée" in page
    assert response["Content-Language"] == "fr"


def test_provenance_is_in_the_staff_users_language(client, installation, fake_saleor, vase):
    arabic = post(client, PROVENANCE, fake_saleor, language="ar", productId=vase.saleor_product_id)
    english = post(client, PROVENANCE, fake_saleor, language="en", productId=vase.saleor_product_id)

    assert '<html lang="ar" dir="rtl">' in text(arabic)
    assert "طين آسفي الأحمر" in text(arabic)
    assert '<html lang="en" dir="ltr">' in text(english)
    assert "Safi red clay" in text(english)
    assert "Made" in text(english)


def test_a_product_without_provenance_says_so(client, installation, fake_saleor):
    response = post(client, PROVENANCE, fake_saleor, language="en", productId="UHJvZHVjdDo5OTk=")

    assert response.status_code == 200
    assert "No provenance is recorded for this product in Souk." in text(response)


def test_the_provenance_widget_is_framed_only_by_the_installations_dashboard(
    client, installation, fake_saleor, vase, settings
):
    # given
    settings.SALEOR_DASHBOARD_ORIGINS = ["https://dashboard.example.ma/"]

    # when
    response = post(client, PROVENANCE, fake_saleor, productId=vase.saleor_product_id)

    # then
    saleor_origin = "{0.scheme}://{0.netloc}".format(urlsplit(fake_saleor.api_url))
    assert response["Content-Security-Policy"] == (
        f"frame-ancestors {saleor_origin} https://dashboard.example.ma"
    )
    assert "X-Frame-Options" not in response


def test_provenance_reads_a_fixed_number_of_queries(
    client, installation, fake_saleor, vase, django_assert_num_queries
):
    # given a second piece (a variant) of the product
    from storefront_plugins.provenance.models import Contribution, ProductProvenance

    variant = ProductProvenance.objects.create(
        saleor_product_id=vase.saleor_product_id,
        saleor_variant_id="UHJvZHVjdFZhcmlhbnQ6Nw==",
        cooperative=vase.cooperative,
    )
    Contribution.objects.create(
        provenance=variant, artisan=vase.contributions.get().artisan, share=10_000, role="cut"
    )
    token = fake_saleor.dashboard_token()

    # when / then: the installation, the pieces and their prefetches, whatever their number
    with django_assert_num_queries(10):
        response = post(
            client, PROVENANCE, fake_saleor, token=token, productId=vase.saleor_product_id
        )
    assert text(response).count("<section") == 2


@pytest.mark.parametrize(
    ("url", "permissions", "status"),
    [
        (PROVENANCE, ("MANAGE_PRODUCTS",), 200),
        (PROVENANCE, ("MANAGE_ORDERS", "HANDLE_PAYMENTS"), 403),
        (PROVENANCE, (), 403),
        (PAYOUTS, ("HANDLE_PAYMENTS",), 200),
        (PAYOUTS, ("MANAGE_ORDERS", "MANAGE_PRODUCTS"), 403),
        (PAYOUTS, (), 403),
    ],
)
def test_each_page_needs_its_saleor_permission(
    client, installation, fake_saleor, url, permissions, status
):
    # when
    token = fake_saleor.dashboard_token(permissions=permissions)
    response = post(client, url, fake_saleor, token=token, language="en", productId="UHJvZHVjdDox")

    # then
    assert response.status_code == status
    if status == 403:
        assert "Access denied" in text(response)
        assert 'data-code="PERMISSION_DENIED"' in text(response)


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("missing", "MISSING_TOKEN"),
        ("expired", "EXPIRED_TOKEN"),
        ("forged", "INVALID_TOKEN"),
        ("other-app", "WRONG_APP"),
        ("unknown-saleor", "UNKNOWN_SALEOR"),
    ],
)
@pytest.mark.parametrize("url", [PROVENANCE, PAYOUTS])
def test_a_token_that_proves_no_staff_user_of_this_app_is_a_401_page(
    client, installation, fake_saleor, url, case, code
):
    # given
    from tests.app.saleor_endpoints import SigningKey, dashboard_token_for

    tokens = {
        "missing": "",
        "expired": fake_saleor.dashboard_token(expires_in=-600),
        "forged": dashboard_token_for(fake_saleor.api_url, SigningKey.generate("key-1")),
        "other-app": fake_saleor.dashboard_token(app_id="QXBwOjQy"),
        "unknown-saleor": dashboard_token_for(
            "https://stranger.example/graphql/", fake_saleor.current_key
        ),
    }
    api_url = "https://stranger.example/graphql/" if case == "unknown-saleor" else None

    # when
    response = client.post(
        url,
        {"accessToken": tokens[case], "saleorApiUrl": api_url or fake_saleor.api_url},
        headers={"Accept-Language": "en"},
    )

    # then
    assert response.status_code == 401
    assert f'data-code="{code}"' in text(response)
    assert "Reload the page in the Saleor Dashboard." in text(response)


def test_a_refused_token_of_an_unknown_saleor_may_not_be_framed(client, installation):
    response = client.post(PROVENANCE, {"accessToken": ""})

    assert response.status_code == 401
    assert response["Content-Security-Policy"] == "frame-ancestors 'none'"


def test_a_reload_of_the_payouts_tab_asks_to_open_it_from_the_dashboard(client, installation):
    response = client.get(PAYOUTS, headers={"Accept-Language": "ar"})

    assert response.status_code == 401
    assert '<html lang="ar" dir="rtl">' in text(response)


@pytest.fixture
def runs(safi, potters, settings):
    """Two runs of cooperative-safi; one payout in transit whose rail has gone silent."""
    settings.SOUK_PORTAL_URL = "https://souk.example.ma/portal/"
    march = PayoutRun.objects.create(
        cooperative_id=safi.pk,
        currency="MAD",
        period="2026-03",
        state="closed",
        payout_count=2,
        total_amount=150_000,
    )
    april = PayoutRun.objects.create(
        cooperative_id=safi.pk,
        currency="MAD",
        period="2026-04",
        payout_count=1,
        total_amount=42_050,
    )
    methods = {potter.pk: bank_method(Party(PartyKind.ARTISAN, potter.pk)) for potter in potters}
    for run, potter, amount, state, attempts in (
        (march, potters[0], 100_000, PayoutState.PAID, 1),
        (march, potters[1], 50_000, PayoutState.FAILED, 1),
        (april, potters[0], 42_050, PayoutState.SUBMITTED, 12),
    ):
        party = Party(PartyKind.ARTISAN, potter.pk)
        Payout.objects.create(
            run=run,
            party_kind=party.kind,
            party_id=party.id,
            currency="MAD",
            amount=amount,
            rail=Rail.BANK_TRANSFER,
            method=methods[potter.pk],
            state=state,
            idempotency_key=f"{run.pk}-{potter.pk}",
            submit_attempts=attempts,
            state_changed_at=timezone.now(),
        )
    return march, april, potters


def test_treasury_staff_see_the_runs_and_the_payouts_needing_attention(
    client, installation, fake_saleor, runs
):
    # given
    _, _, potters = runs

    # when
    token = fake_saleor.dashboard_token(permissions=("HANDLE_PAYMENTS",))
    response = post(client, PAYOUTS, fake_saleor, token=token, language="en")

    # then
    assert response.status_code == 200
    page = text(response)
    assert page.count('class="run"') == 2
    assert page.index("2026-04") < page.index("2026-03")  # newest first
    assert "2/2</bdi> · 1 failed" in page
    assert page.count("<td>In progress</td>") == page.count("<td>Closed</td>") == 1
    assert page.count('class="attention"') == 1
    assert potters[0].name in page
    assert "MAD\xa0420.50" in page
    newest = PayoutRun.objects.order_by("-pk").first()
    assert newest is not None
    assert f'https://souk.example.ma/portal/payouts/runs/{newest.pk}"' in page
    assert response["X-Frame-Options"] == "DENY"
    assert response["Content-Security-Policy"] == "frame-ancestors 'none'"


def test_payouts_read_a_fixed_number_of_queries(
    client, installation, fake_saleor, runs, django_assert_num_queries
):
    token = fake_saleor.dashboard_token(permissions=("HANDLE_PAYMENTS",))

    with django_assert_num_queries(6):
        response = post(client, PAYOUTS, fake_saleor, token=token)

    assert response.status_code == 200


def test_the_manifests_extension_urls_are_served(client, settings, installation):
    from storefront_plugins.saleor_app.manifest import dashboard_extensions

    for extension in dashboard_extensions("https://souk.example.ma"):
        # unauthenticated, so refused, but by the view rather than a 404
        assert client.post(urlsplit(extension["url"]).path).status_code == 401
