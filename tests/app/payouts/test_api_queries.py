"""The payouts API: balances, ledger entries, splits, statements and their downloads, the
settings mutations' errors, and a fixed number of SQL queries whatever the page size."""

import io
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.models import Artisan, Cooperative, Membership
from storefront_plugins.payouts import ledger
from storefront_plugins.payouts.splits import Party, PartyKind
from storefront_plugins.payouts.statement_csv import statement_csv
from storefront_plugins.payouts.statement_links import SALT
from storefront_plugins.payouts.statements import period_of_month, statement_for_period
from tests.app.graphql_client import graphql
from tests.app.payouts.api_fixtures import SERGHINI_TAJINE, ids, sell

BALANCES = """query($parties: [PayoutPartyInput!]!) { payoutBalances(parties: $parties) {
  party { kind id name } currency
  held { currency minorUnits amount } payable { minorUnits } inTransit { minorUnits }
  tax { minorUnits } } }"""


def serghini() -> Party:
    return Party(PartyKind.ARTISAN, Artisan.objects.get(slug="mohamed-serghini").pk)


def test_balances_per_party_and_currency_in_minor_units_and_decimals(
    api_client: Client, all_tokens, sold
) -> None:
    # given 120.00 incl. 20.00 tax: 12 % commission, 5 % fee, 83.00 to the maker, held
    ledger.start_payout(serghini(), "MAD", 1000)  # a payout from what is not yet payable
    parties = [{"artisanId": ids()["serghini"]}, {"cooperativeId": ids()["safi"]}]

    # when
    result = graphql(api_client, BALANCES, {"parties": parties}, token=all_tokens["manager"])

    # then
    assert result["data"]["payoutBalances"] == [
        {
            "party": {"kind": "ARTISAN", "id": ids()["serghini"], "name": "Mohamed Serghini"},
            "currency": "MAD",
            "held": {"currency": "MAD", "minorUnits": 8300, "amount": "83.00"},
            "payable": {"minorUnits": -1000},
            "inTransit": {"minorUnits": 1000},
            "tax": {"minorUnits": 0},
        },
        {
            "party": {
                "kind": "COOPERATIVE",
                "id": ids()["safi"],
                "name": "Coopérative des potiers de Safi",
            },
            "currency": "MAD",
            "held": {"currency": "MAD", "minorUnits": 1200 + 2500, "amount": "37.00"},
            "payable": {"minorUnits": 0},
            "inTransit": {"minorUnits": 0},
            "tax": {"minorUnits": 2000 + 500},
        },
    ]


ENTRIES = """query($first: Int, $filter: LedgerEntryFilterInput) {
  ledgerEntries(first: $first, filter: $filter) { totalCount edges { node {
    id createdAt party { kind name } accountKind transactionKind role
    amount { minorUnits amount currency } orderNumber saleorOrderId description } } } }"""


@pytest.mark.parametrize("actor", ["treasurer", "staff"])
@pytest.mark.parametrize("page_size", [2, 20])
def test_ledger_entries_take_a_fixed_number_of_queries_for_any_page_size(
    api_client: Client, all_tokens, sold, actor, page_size, django_assert_num_queries
) -> None:
    # given 12 more orders: 60 more entries
    for n in range(12):
        sell(f"T3JkZXI6{n}", SERGHINI_TAJINE, "cooperative-safi")
    # the user (1), then for a treasurer the directory's viewer and members (2); the count,
    # the page with accounts, transactions and orders (2); the names: one query per party
    # kind on the page (here the cooperative's entries)
    expected = {"treasurer": 1 + 2 + 2 + 1, "staff": 1 + 2 + 1}[actor]
    safi = {"party": {"cooperativeId": ids()["safi"]}}

    # when
    with django_assert_num_queries(expected):
        result = graphql(
            api_client, ENTRIES, {"first": page_size, "filter": safi}, token=all_tokens[actor]
        )

    # then
    assert len(result["data"]["ledgerEntries"]["edges"]) == page_size


def test_ledger_entries_filtered_by_party_kind_transaction_currency_and_period(
    api_client: Client, all_tokens, sold
) -> None:
    # given a payout of the potter
    ledger.start_payout(serghini(), "MAD", 500, description="Virement novembre")
    today = timezone.now().date()
    base = {"party": {"artisanId": ids()["serghini"]}, "currency": "MAD"}

    # when
    def entries(**filters):
        result = graphql(
            api_client,
            ENTRIES,
            {"first": 50, "filter": {**base, **filters}},
            token=all_tokens["artisan_self"],
        )
        return [
            (
                e["node"]["accountKind"],
                e["node"]["transactionKind"],
                e["node"]["role"],
                e["node"]["amount"]["minorUnits"],
            )
            for e in result["data"]["ledgerEntries"]["edges"]
        ]

    # then, newest first
    assert entries() == [
        ("PAYOUTS_IN_TRANSIT", "PAYOUT", None, 500),
        ("PAYABLE", "PAYOUT", None, -500),
        ("HELD", "SPLIT", "ARTISAN_SHARE", 8300),
    ]
    assert entries(accountKinds=["HELD"]) == [("HELD", "SPLIT", "ARTISAN_SHARE", 8300)]
    assert entries(transactionKinds=["PAYOUT"], accountKinds=["PAYABLE"]) == [
        ("PAYABLE", "PAYOUT", None, -500)
    ]
    assert entries(currency="EUR") == []
    assert len(entries(period={"from": today.isoformat(), "to": today.isoformat()})) == 3
    assert entries(period={"month": "2020-01"}) == []


def test_an_order_split_per_line_and_shipping(api_client: Client, all_tokens, sold) -> None:
    # when
    result = graphql(
        api_client,
        """query { orderSplit(saleorOrderId: "T3JkZXI6c2FmaQ==") { orderNumber currency
          total { minorUnits } components { key quantity gross { minorUnits }
          parts { party { name } role amount { minorUnits } } } } }""",
        token=all_tokens["staff"],
    )

    # then
    split = result["data"]["orderSplit"]
    assert (split["orderNumber"], split["currency"], split["total"]) == (
        "1001",
        "MAD",
        {"minorUnits": 15000},
    )
    assert [
        (
            c["key"],
            c["gross"]["minorUnits"],
            {(p["party"]["name"], p["role"]): p["amount"]["minorUnits"] for p in c["parts"]},
        )
        for c in split["components"]
    ] == [
        (
            "T3JkZXI6c2FmaQ==-l1",
            12000,
            {
                ("Coopérative des potiers de Safi", "TAX"): 2000,
                ("Coopérative des potiers de Safi", "COMMISSION"): 1200,
                ("Souk", "PLATFORM_FEE"): 500,
                ("Mohamed Serghini", "ARTISAN_SHARE"): 8300,
            },
        ),
        (
            "shipping",
            3000,
            {
                ("Coopérative des potiers de Safi", "TAX"): 500,
                ("Coopérative des potiers de Safi", "SHIPPING"): 2500,
            },
        ),
    ]


def test_an_unknown_order_has_no_split(api_client: Client, all_tokens, sold) -> None:
    result = graphql(
        api_client,
        'query { orderSplit(saleorOrderId: "T3JkZXI6bm9uZQ==") { currency } }',
        token=all_tokens["staff"],
    )
    assert result == {"data": {"orderSplit": None}}


STATEMENT = """query($party: PayoutPartyInput!, $month: String!) {
  payoutStatement(party: $party, currency: "MAD", period: {month: $month}, language: FR) {
    party { name } firstDay lastDay openingBalance { minorUnits } closingBalance { minorUnits }
    held { minorUnits } payable { minorUnits } inTransit { minorUnits }
    totals { kind amount { minorUnits } }
    lines { kind orderNumber amount { amount } balance { minorUnits } }
    reconciles csvUrl pdfUrl } }"""


def this_month() -> str:
    return timezone.now().strftime("%Y-%m")


def statement_of(api_client: Client, token: str | None, party: dict | None = None) -> dict:
    result = graphql(
        api_client,
        STATEMENT,
        {"party": party or {"artisanId": ids()["serghini"]}, "month": this_month()},
        token=token,
    )
    assert "errors" not in result, result
    return result["data"]["payoutStatement"]


def test_a_statement_reconciles_and_links_to_its_csv_and_pdf(
    api_client: Client, all_tokens, sold
) -> None:
    # when
    statement = statement_of(api_client, all_tokens["artisan_self"])

    # then
    period = period_of_month(this_month())
    assert statement["firstDay"] == period.first_day.isoformat()
    assert statement["lastDay"] == period.last_day.isoformat()
    assert statement["lines"] == [
        {
            "kind": "SALE",
            "orderNumber": "1001",
            "amount": {"amount": "100.00"},
            "balance": {"minorUnits": 10000},
        },
        {
            "kind": "COMMISSION",
            "orderNumber": "1001",
            "amount": {"amount": "-17.00"},
            "balance": {"minorUnits": 8300},
        },
    ]
    assert (statement["openingBalance"], statement["closingBalance"]) == (
        {"minorUnits": 0},
        {"minorUnits": 8300},
    )
    assert statement["reconciles"] is True
    assert {t["kind"]: t["amount"]["minorUnits"] for t in statement["totals"]} == {
        "SALE": 10000,
        "COMMISSION": -1700,
        "REFUND": 0,
        "PAYOUT": 0,
        "ADJUSTMENT": 0,
    }

    # when the links are followed without any Authorization header
    csv_response = Client().get(_local(statement["csvUrl"]))
    pdf_response = Client().get(_local(statement["pdfUrl"]))

    # then
    expected = statement_csv(statement_for_period(serghini(), "MAD", period), "fr")
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response.content.decode("utf-8-sig") == expected
    assert pdf_response.status_code == 200
    assert pdf_response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf_response.content)).pages[0].extract_text()
    assert "Relevé de compte" in text
    assert "Solde de clôture 83,00\u00a0MAD" in text


def _local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_a_statement_link_is_refused_when_tampered_with_expired_or_its_reader_lost_the_role(
    api_client: Client, all_tokens, sold, settings
) -> None:
    # given a treasurer's link to the cooperative's statement
    link = _local(
        statement_of(api_client, all_tokens["treasurer"], {"cooperativeId": ids()["safi"]})[
            "csvUrl"
        ]
    )

    # when / then
    assert Client().get(link).status_code == 200
    assert Client().get(link[:-3] + "abc").status_code == 403
    data = signing.loads(parse_qs(urlsplit(link).query)["s"][0], salt=SALT)
    forged = signing.dumps(
        {**data, "party": f"cooperative:{Cooperative.objects.get(slug='fes-zellige').pk}"},
        salt="other",
    )
    assert Client().get(f"/payouts/statement.csv?{urlencode({'s': forged})}").status_code == 403
    Membership.objects.filter(
        artisan__slug="khadija-ouazzani", cooperative__slug="cooperative-safi"
    ).update(role="artisan")
    refused = Client().get(link)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "PERMISSION_DENIED"


def test_a_statement_link_expires(api_client: Client, all_tokens, sold, monkeypatch) -> None:
    # given
    link = _local(statement_of(api_client, all_tokens["artisan_self"])["pdfUrl"])
    monkeypatch.setattr("storefront_plugins.payouts.statement_links.STATEMENT_LINK_SECONDS", -1)

    # when
    response = Client().get(link)

    # then
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "LINK_EXPIRED"


def test_a_statement_downloads_with_a_bearer_token_too(
    api_client: Client, all_tokens, sold
) -> None:
    # given
    period = period_of_month(this_month())
    query = (
        f"party=artisan:{serghini().id}&currency=MAD&from={period.first_day}"
        f"&to={period.last_day}&lang=en"
    )

    # when
    allowed = Client().get(
        f"/payouts/statement.csv?{query}",
        headers={"Authorization": f"Bearer {all_tokens['manager']}"},
    )
    refused = Client().get(
        f"/payouts/statement.csv?{query}",
        headers={"Authorization": f"Bearer {all_tokens['other_manager']}"},
    )
    anonymous = Client().get(f"/payouts/statement.csv?{query}")

    # then
    assert allowed.status_code == 200
    assert allowed.content.decode("utf-8-sig").startswith("Statement,Artisan,Mohamed Serghini\r\n")
    assert (refused.status_code, anonymous.status_code) == (403, 403)


SPLIT_RULE_SET = """mutation($c: ID!, $input: SplitRuleInput!) {
  splitRuleSet(cooperativeId: $c, input: $input) {
    splitRule { categorySlug commissionBp platformFeeBp } errors { field code message } } }"""
POLICY_SET = """mutation($c: ID!, $input: PayoutPolicyInput!) {
  payoutPolicySet(cooperativeId: $c, input: $input) {
    payoutPolicy { holdDays holdStarts shippingTo isDefault } errors { field code message } } }"""


def test_split_rules_and_policies_are_validated_then_written(
    api_client: Client, all_tokens, sold
) -> None:
    # when
    def run(document, input, actor="manager", cooperative=None):
        return graphql(
            api_client,
            document,
            {"c": cooperative or ids()["safi"], "input": input},
            token=all_tokens[actor],
        )["data"]

    too_much = run(SPLIT_RULE_SET, {"commissionBp": 9000, "platformFeeBp": 2000})
    out_of_range = run(SPLIT_RULE_SET, {"commissionBp": 10001})
    set_rule = run(SPLIT_RULE_SET, {"categorySlug": "ceramique", "commissionBp": 1500})
    long_hold = run(POLICY_SET, {"holdDays": 400, "holdStarts": "PAYMENT"})
    policy = run(POLICY_SET, {"holdDays": 7, "holdStarts": "FULFILMENT", "shippingTo": "PLATFORM"})
    unknown = run(
        POLICY_SET,
        {"holdDays": 7, "holdStarts": "PAYMENT"},
        actor="staff",
        cooperative="Q29vcGVyYXRpdmU6OTk5OQ==",
    )
    settings = graphql(
        api_client,
        """query($c: ID!) { cooperativePayoutSettings(cooperativeId: $c) {
          splitRules { categorySlug commissionBp platformFeeBp }
          payoutPolicy { holdDays holdStarts shippingTo isDefault } } }""",
        {"c": ids()["safi"]},
        token=all_tokens["treasurer"],
    )["data"]["cooperativePayoutSettings"]

    # then
    assert too_much["splitRuleSet"] == {
        "splitRule": None,
        "errors": [
            {
                "field": "commissionBp",
                "code": "RATES_EXCEED_TOTAL",
                "message": "The commission and the platform fee cannot exceed 100 %.",
            }
        ],
    }
    assert out_of_range["splitRuleSet"]["errors"] == [
        {
            "field": "commissionBp",
            "code": "OUT_OF_RANGE",
            "message": "Between 0 and 10000 basis points.",
        }
    ]
    assert set_rule["splitRuleSet"] == {
        "splitRule": {"categorySlug": "ceramique", "commissionBp": 1500, "platformFeeBp": None},
        "errors": [],
    }
    assert long_hold["payoutPolicySet"]["errors"] == [
        {"field": "holdDays", "code": "OUT_OF_RANGE", "message": "Between 0 and 365 days."}
    ]
    assert policy["payoutPolicySet"]["errors"] == []
    assert unknown["payoutPolicySet"]["errors"] == [
        {"field": "cooperative", "code": "NOT_FOUND", "message": "No such cooperative."}
    ]
    assert settings == {
        "splitRules": [{"categorySlug": "ceramique", "commissionBp": 1500, "platformFeeBp": None}],
        "payoutPolicy": {
            "holdDays": 7,
            "holdStarts": "FULFILMENT",
            "shippingTo": "PLATFORM",
            "isDefault": False,
        },
    }


def test_a_signed_in_user_who_is_no_party_is_refused_like_a_visitor(
    api_client: Client, sold
) -> None:
    # given
    from tests.app.graphql_client import access_token_for

    user = User.objects.create_user("shopper@souk.example", "motdepasse-1")
    token = access_token_for(user)

    # when
    result = graphql(api_client, "query { ledgerEntries(first: 5) { totalCount } }", token=token)

    # then
    assert result["data"] == {"ledgerEntries": None}
    assert [e["extensions"]["exception"]["code"] for e in result["errors"]] == ["PermissionDenied"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("party=artisan:{id}&currency=MAD&from=2026-11-30&to=2026-11-01&lang=fr", "INVALID_PERIOD"),
        (
            "party=artisan:{id}&currency=XAU&from=2026-11-01&to=2026-11-30&lang=fr",
            "INVALID_CURRENCY",
        ),
        ("party=artisan:{id}&currency=MAD&from=2026-11-01&to=2026-11-30&lang=de", "INVALID"),
        ("party=seller:{id}&currency=MAD&from=2026-11-01&to=2026-11-30&lang=fr", "INVALID"),
    ],
)
def test_a_bad_statement_request_is_answered_400(
    api_client: Client, all_tokens, sold, query, code
) -> None:
    # when
    response = Client().get(
        f"/payouts/statement.pdf?{query.format(id=serghini().id)}",
        headers={"Authorization": f"Bearer {all_tokens['staff']}"},
    )

    # then
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code


@pytest.mark.parametrize("party_count", [1, 4])
def test_balances_take_a_fixed_number_of_queries_for_any_number_of_parties(
    api_client: Client, all_tokens, sold, party_count, django_assert_num_queries
) -> None:
    # given
    parties = [
        {"artisanId": ids()["serghini"]},
        {"cooperativeId": ids()["safi"]},
        {"artisanId": ids()["bennani"]},
        {"cooperativeId": ids()["fes"]},
    ][:party_count]

    # when / then the user; the balances; the names of artisans and of cooperatives (one
    # query each when the list has parties of that kind)
    names = len({next(iter(p)) for p in parties})
    with django_assert_num_queries(1 + 1 + names):
        result = graphql(api_client, BALANCES, {"parties": parties}, token=all_tokens["staff"])
    assert len(result["data"]["payoutBalances"]) == party_count
