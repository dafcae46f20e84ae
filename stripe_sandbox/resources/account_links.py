"""Account Links: a single-use URL to the stand-in's own Express onboarding page. Submitting
the page completes onboarding (`account.updated`) and redirects to `return_url`."""

import html
import secrets

from stripe_sandbox.ids import now
from stripe_sandbox.params import Params
from stripe_sandbox.resources.accounts import complete_onboarding
from stripe_sandbox.routing import ApiRequest, HtmlResponse, Route, page, route
from stripe_sandbox.state import OnboardingLink, StripeObject

CREATE_PARAMS = {"account", "refresh_url", "return_url", "type"}
LINK_LIFETIME = 300


def create_account_link(request: ApiRequest, params: Params) -> StripeObject:
    account_id = params.required_string("account")
    params.required_string("type", choices=("account_onboarding",))
    refresh_url = params.string("refresh_url")
    return_url = params.string("return_url")
    request.store.get("account", account_id)
    token = secrets.token_urlsafe(18)
    created = now()
    request.store.onboarding_links[token] = OnboardingLink(
        account_id, return_url, refresh_url, created + LINK_LIFETIME
    )
    return {
        "object": "account_link",
        "created": created,
        "expires_at": created + LINK_LIFETIME,
        "url": f"{request.base_url}/connect/onboarding/{token}",
    }


def _usable(link: OnboardingLink | None) -> OnboardingLink | HtmlResponse:
    """The link if it can be used, else the answer: its refresh_url, or a page saying so."""
    if link is not None and not link.used and link.expires_at >= now():
        return link
    if link is not None and link.refresh_url:
        return HtmlResponse(302, "", {"Location": link.refresh_url})
    return HtmlResponse(404, "<!doctype html><title>Expired</title><p>This link has expired.</p>")


def onboarding_page(request: ApiRequest, token: str) -> HtmlResponse:
    link = _usable(request.store.onboarding_links.get(token))
    if isinstance(link, HtmlResponse):
        return link
    return HtmlResponse(
        200,
        "<!doctype html><html><head><meta charset='utf-8'><title>Stripe Express onboarding (stand-in)</title></head>"
        f"<body><h1>Onboarding {html.escape(link.account)}</h1>"
        "<p>This stand-in fills in the account's details for you.</p>"
        f"<form method='post' action='/connect/onboarding/{html.escape(token)}'>"
        "<button type='submit'>Submit details</button></form></body></html>",
    )


def submit_onboarding(request: ApiRequest, token: str) -> HtmlResponse:
    link = _usable(request.store.onboarding_links.get(token))
    if isinstance(link, HtmlResponse):
        return link
    link.used = True
    complete_onboarding(request, link.account)
    if link.return_url:
        return HtmlResponse(303, "", {"Location": link.return_url})
    return HtmlResponse(200, "<!doctype html><title>Done</title><p>Onboarding complete.</p>")


ROUTES: list[Route] = [
    route(
        "POST", "/v1/account_links", create_account_link, CREATE_PARAMS, "AccountLinkCreateParams"
    ),
    page("GET", "/connect/onboarding/{token}", onboarding_page),
    page("POST", "/connect/onboarding/{token}", submit_onboarding),
]
