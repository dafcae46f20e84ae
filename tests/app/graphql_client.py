"""Calls the App's GraphQL API at /graphql/ as a client would."""

import json
from typing import Any

from django.test import Client

from storefront_plugins.accounts.models import User
from storefront_plugins.accounts.services import sign_in


def access_token_for(user: User, password: str = "motdepasse-1") -> str:
    return sign_in(user.email, password).access_token


def post_graphql(
    client: Client, query: str, variables: dict[str, Any] | None = None, token: str | None = None
) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        headers=headers,
    )


def graphql(
    client: Client, query: str, variables: dict[str, Any] | None = None, token: str | None = None
) -> Any:
    response = post_graphql(client, query, variables, token)
    assert response.status_code in (200, 400), response.content
    return response.json()
