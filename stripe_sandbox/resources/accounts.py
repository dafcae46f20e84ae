"""Connected accounts (Express): created unonboarded; completing onboarding through an
Account Link enables charges and payouts and turns requested capabilities active."""

from typing import Any

from stripe_sandbox.errors import invalid, unknown_parameter
from stripe_sandbox.events import emit
from stripe_sandbox.ids import new_id, now
from stripe_sandbox.listing import LIST_PARAMS, list_object
from stripe_sandbox.params import Params, merge_metadata
from stripe_sandbox.routing import ApiRequest, Route, route
from stripe_sandbox.state import StripeObject

CAPABILITIES = {"transfers", "card_payments"}
BUSINESS_TYPES = ("individual", "company", "non_profit", "government_entity")
CREATE_PARAMS = {"type", "country", "email", "business_type", "capabilities", "metadata"}
UPDATE_PARAMS = {"email", "business_type", "capabilities", "metadata"}
ONBOARDING_REQUIREMENTS = [
    "business_profile.mcc",
    "business_profile.url",
    "external_account",
    "individual.first_name",
    "individual.last_name",
    "tos_acceptance.date",
    "tos_acceptance.ip",
]


def _requirements(currently_due: list[str]) -> dict[str, Any]:
    return {
        "alternatives": [],
        "current_deadline": None,
        "currently_due": list(currently_due),
        "disabled_reason": "requirements.past_due" if currently_due else None,
        "errors": [],
        "eventually_due": list(currently_due),
        "past_due": list(currently_due),
        "pending_verification": [],
    }


def _requested_capabilities(params: Params) -> dict[str, bool]:
    requested = params.mapping("capabilities", accepted=CAPABILITIES) or {}
    result = {}
    for name, options in requested.items():
        if not isinstance(options, dict):
            raise invalid(f"Invalid object: capabilities[{name}]", param=f"capabilities[{name}]")
        for key in options:
            if key != "requested":
                raise unknown_parameter(f"capabilities[{name}][{key}]")
        result[name] = options.get("requested") == "true"
    return result


def create_account(request: ApiRequest, params: Params) -> StripeObject:
    account_type = params.string("type", choices=("express",)) or "express"
    country = (params.string("country") or "US").upper()
    business_type = params.string("business_type", choices=BUSINESS_TYPES)
    email = params.string("email")
    capabilities = _requested_capabilities(params)
    metadata = params.metadata() or {}
    account_id = new_id("acct", 16)
    account: StripeObject = {
        "id": account_id,
        "object": "account",
        "business_profile": {
            "annual_revenue": None,
            "estimated_worker_count": None,
            "mcc": None,
            "minority_owned_business_designation": None,
            "name": None,
            "product_description": None,
            "support_address": None,
            "support_email": None,
            "support_phone": None,
            "support_url": None,
            "url": None,
        },
        "business_type": business_type,
        "capabilities": {name: "inactive" for name, wanted in capabilities.items() if wanted},
        "charges_enabled": False,
        "controller": {
            "type": "application",
            "is_controller": True,
            "requirement_collection": "stripe",
            "fees": {"payer": "application_express"},
            "losses": {"payments": "application"},
            "stripe_dashboard": {"type": "express"},
        },
        "country": country,
        "created": now(),
        "default_currency": _default_currency(country),
        "details_submitted": False,
        "email": email,
        "external_accounts": {
            "object": "list",
            "data": [],
            "has_more": False,
            "url": f"/v1/accounts/{account_id}/external_accounts",
        },
        "future_requirements": _requirements([]),
        "metadata": metadata,
        "payouts_enabled": False,
        "requirements": _requirements(ONBOARDING_REQUIREMENTS),
        "settings": None,
        "tos_acceptance": {"date": None, "ip": None, "user_agent": None},
        "type": account_type,
    }
    request.store.add(account)
    return account


def _default_currency(country: str) -> str:
    return {"US": "usd", "GB": "gbp", "MA": "mad", "DZ": "dzd", "CA": "cad"}.get(country, "eur")


def retrieve_account(request: ApiRequest, params: Params, account: str) -> StripeObject:
    return request.store.get("account", account)


def update_account(request: ApiRequest, params: Params, account: str) -> StripeObject:
    found = request.store.get("account", account)
    email = params.string("email")
    business_type = params.string("business_type", choices=BUSINESS_TYPES)
    capabilities = _requested_capabilities(params)
    metadata = params.metadata()
    previous: dict[str, Any] = {}
    if email is not None and email != found["email"]:
        previous["email"] = found["email"]
        found["email"] = email
    if business_type is not None and business_type != found["business_type"]:
        previous["business_type"] = found["business_type"]
        found["business_type"] = business_type
    for name, wanted in capabilities.items():
        if wanted and name not in found["capabilities"]:
            previous.setdefault("capabilities", dict(found["capabilities"]))
            found["capabilities"][name] = "active" if found["details_submitted"] else "inactive"
    if metadata is not None:
        merged = merge_metadata(found["metadata"], metadata)
        if merged != found["metadata"]:
            previous["metadata"] = found["metadata"]
            found["metadata"] = merged
    if previous:
        emit(request, "account.updated", found, account=account, previous_attributes=previous)
    return found


def complete_onboarding(request: ApiRequest, account_id: str) -> StripeObject:
    """What the Express onboarding form does when submitted: details in, account enabled."""
    account = request.store.get("account", account_id)
    if account["details_submitted"]:
        return account
    previous = {
        "charges_enabled": False,
        "payouts_enabled": False,
        "details_submitted": False,
        "capabilities": dict(account["capabilities"]),
        "requirements": {"currently_due": list(account["requirements"]["currently_due"])},
    }
    account["charges_enabled"] = True
    account["payouts_enabled"] = True
    account["details_submitted"] = True
    account["capabilities"] = {name: "active" for name in account["capabilities"]}
    account["requirements"] = _requirements([])
    account["tos_acceptance"] = {"date": now(), "ip": "127.0.0.1", "user_agent": None}
    emit(request, "account.updated", account, account=account_id, previous_attributes=previous)
    return account


def list_accounts(request: ApiRequest, params: Params) -> StripeObject:
    return list_object("/v1/accounts", request.store.of_type("account"), params)


def has_active_transfers(account: StripeObject) -> bool:
    return bool(account["capabilities"].get("transfers") == "active")


ROUTES: list[Route] = [
    route("POST", "/v1/accounts", create_account, CREATE_PARAMS, "AccountCreateParams"),
    route("GET", "/v1/accounts", list_accounts, LIST_PARAMS, "AccountListParams"),
    route("GET", "/v1/accounts/{account}", retrieve_account, set(), "AccountRetrieveParams"),
    route("POST", "/v1/accounts/{account}", update_account, UPDATE_PARAMS, "AccountUpdateParams"),
]
