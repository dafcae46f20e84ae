"""Fixtures for the sandbox's own tests: run with `--ds=saleor_sandbox.settings_test`."""

import json
import secrets
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from saleor_sandbox.models import App, AppToken, Channel, User, Warehouse
from saleor_sandbox.services.accounts import create_access_token, create_user

GraphQL = Callable[..., dict[str, Any]]


class GraphQLClient:
    """Posts documents to the sandbox's /graphql/ as a client of Saleor would."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.token: str | None = None

    def __call__(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        status: int = 200,
        token: str | None = None,
    ) -> dict[str, Any]:
        headers = {}
        bearer = token or self.token
        if bearer:
            headers["Authorization"] = f"Bearer {bearer}"
        response = self.client.post(
            "/graphql/",
            data=json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == status, response.content
        body: dict[str, Any] = response.json()
        return body


@pytest.fixture
def gql(client: Client, db: None) -> GraphQLClient:
    return GraphQLClient(client)


@pytest.fixture
def staff_user(db: None) -> User:
    return create_user(
        "staff@souk.example",
        "password",
        is_staff=True,
        permissions=["MANAGE_PRODUCTS", "MANAGE_ORDERS"],
    )


@pytest.fixture
def superuser(db: None) -> User:
    return create_user("admin@souk.example", "admin", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_token(staff_user: User) -> str:
    return create_access_token(staff_user)


@pytest.fixture
def superuser_token(superuser: User) -> str:
    return create_access_token(superuser)


def make_app(permissions: list[str], name: str = "Souk") -> tuple[App, str]:
    app = App.objects.create(name=name, identifier=name.lower(), permissions=permissions)
    raw = secrets.token_urlsafe(22)[:30]
    AppToken.objects.create(app=app, token_digest=AppToken.digest(raw), token_last_4=raw[-4:])
    return app, raw


@pytest.fixture
def app_and_token(db: None) -> tuple[App, str]:
    return make_app(["MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_PAGES"])


@pytest.fixture
def channel(db: None) -> Channel:
    channel = Channel.objects.create(
        name="Coopérative de Safi", slug="safi", currency_code="MAD", default_country="MA"
    )
    warehouse = Warehouse.objects.create(
        name="Atelier Safi", slug="atelier-safi", city="Safi", country="MA"
    )
    warehouse.channels.add(channel)
    return channel
