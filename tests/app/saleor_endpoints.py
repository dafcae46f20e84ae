"""A local HTTP server standing in for the two Saleor endpoints the App protocol calls:
`POST /graphql/` (the `app { id }` check) and `GET /.well-known/jwks.json`.

It signs bodies the way Saleor does (RS256, detached unencoded payload) with RSA keys
made here, and can rotate its key as a Saleor operator would.
"""

import json
import time
from dataclasses import dataclass, field
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt import api_jws
from jwt.algorithms import RSAAlgorithm
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

APP_ID = "QXBwOjE="


@dataclass
class SigningKey:
    kid: str
    private_key: rsa.RSAPrivateKey

    @classmethod
    def generate(cls, kid: str) -> "SigningKey":
        return cls(kid, rsa.generate_private_key(public_exponent=65537, key_size=2048))

    def public_jwk(self) -> dict[str, Any]:
        jwk: dict[str, Any] = json.loads(RSAAlgorithm.to_jwk(self.private_key.public_key()))
        return {**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}


def saleor_signature(body: bytes, key: SigningKey) -> str:
    """What Saleor puts in `Saleor-Signature` for `body`."""
    return api_jws.encode(
        body,
        key.private_key,
        algorithm="RS256",
        headers={"kid": key.kid, "b64": False, "crit": ["b64"]},
        is_payload_detached=True,
    )


def dashboard_token_for(
    api_url: str,
    key: SigningKey,
    *,
    permissions: tuple[str, ...] = ("MANAGE_PRODUCTS",),
    app_id: str = APP_ID,
    expires_in: int = 300,
    **overrides: Any,
) -> str:
    """What the Dashboard gives an App extension: Saleor's `thirdparty` JWT for a staff user
    (saleor/core/jwt.py `create_access_token_for_app_extension`)."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "iat": now,
        "owner": "saleor",
        "iss": api_url,
        "exp": now + expires_in,
        "token": "user-jwt-token-key",
        "email": "amina@cooperative.example",
        "type": "thirdparty",
        "user_id": "VXNlcjoxMg==",
        "is_staff": True,
        "app": app_id,
        "permissions": list(permissions),
        "user_permissions": list(permissions),
        "app_extension": "QXBwRXh0ZW5zaW9uOjE=",
        **overrides,
    }
    return jwt.encode(claims, key.private_key, algorithm="RS256", headers={"kid": key.kid})


@dataclass
class FakeSaleor:
    server: HTTPServer
    keys: list[SigningKey]
    valid_tokens: set[str] = field(default_factory=lambda: {"app-token-1"})
    jwks_requests: int = 0
    graphql_requests: list[dict[str, Any]] = field(default_factory=list)
    jwks_status: int = 200

    @property
    def api_url(self) -> str:
        return self.server.url_for("/graphql/")

    @property
    def current_key(self) -> SigningKey:
        return self.keys[-1]

    def sign(self, body: bytes, key: SigningKey | None = None) -> str:
        return saleor_signature(body, key or self.current_key)

    def dashboard_token(self, **kwargs: Any) -> str:
        key = kwargs.pop("key", None) or self.current_key
        return dashboard_token_for(self.api_url, key, **kwargs)

    def rotate_key(self, kid: str) -> SigningKey:
        """Saleor gets a new key; its JWKS now lists only the new one."""
        new_key = SigningKey.generate(kid)
        self.keys = [new_key]
        return new_key

    def jwks(self) -> dict[str, Any]:
        return {"keys": [key.public_jwk() for key in self.keys]}

    def install(self) -> "FakeSaleor":
        self.server.expect_request("/.well-known/jwks.json", method="GET").respond_with_handler(
            self._serve_jwks
        )
        self.server.expect_request("/graphql/", method="POST").respond_with_handler(
            self._serve_graphql
        )
        return self

    def _serve_jwks(self, request: Request) -> Response:
        self.jwks_requests += 1
        if self.jwks_status != 200:
            return Response("unavailable", status=self.jwks_status)
        return Response(json.dumps(self.jwks()), content_type="application/json")

    def _serve_graphql(self, request: Request) -> Response:
        body = request.get_json()
        self.graphql_requests.append(
            {"body": body, "authorization": request.headers.get("Authorization")}
        )
        token = (request.headers.get("Authorization") or "").removeprefix("Bearer ")
        if token in self.valid_tokens:
            data: dict[str, Any] = {"data": {"app": {"id": APP_ID}}}
        else:
            # What Saleor answers an unknown app token: the `app` field is refused.
            data = {
                "data": {"app": None},
                "errors": [
                    {
                        "message": "You need one of the following permissions: AUTHENTICATED_APP",
                        "path": ["app"],
                        "extensions": {"exception": {"code": "PermissionDenied"}},
                    }
                ],
            }
        return Response(json.dumps(data), content_type="application/json")
