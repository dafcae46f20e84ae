"""Validating an app manifest as Saleor 3.23 does (saleor/app/manifest_schema.py and
manifest_validations.py): pure functions over the fetched JSON."""

import mimetypes
import re
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from semantic_version import NpmSpec, Version
from semantic_version.base import Range

from saleor_sandbox.webhooks.event_types import ASYNC_EVENTS, SYNC_EVENTS

_HOST = r"(?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?(?:\.(?!-)[a-z0-9\u00a1-\uffff-]{1,63}(?<!-))*\.?|localhost)"
_IPV4 = r"(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)(?:\.(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)){3}"
_IPV6 = r"\[[0-9a-f:.]+\]"
APP_URL_RE = re.compile(
    rf"^(?:[a-z0-9.+-]*)://(?:[^\s:@/]+(?::[^\s:@/]*)?@)?(?:{_IPV4}|{_IPV6}|{_HOST})(?::\d{{2,5}})?(?:[/?#][^\s]*)?\Z",
    re.IGNORECASE,
)
URL_SCHEMES = {"http", "https", "ftp", "ftps"}
WEBHOOK_SCHEMES = {"http", "https", "awssqs", "gcpubsub"}


class RequiredSaleorVersionSpec(NpmSpec):
    """Saleor's spec: npm ranges, with the `natural` prerelease policy."""

    class Parser(NpmSpec.Parser):
        @classmethod
        def range(cls, operator: Any, target: Any) -> Range:
            return Range(operator, target, prerelease_policy=Range.PRERELEASE_NATURAL)


@dataclass(frozen=True)
class ManifestError:
    field: str
    message: str
    code: str


@dataclass
class ManifestWebhook:
    name: str
    target_url: str
    query: str
    is_active: bool
    async_events: list[str]
    sync_events: list[str]
    custom_headers: dict[str, str]


@dataclass
class CleanManifest:
    identifier: str
    name: str
    version: str
    about: str
    author: str
    app_url: str
    token_target_url: str
    homepage_url: str
    support_url: str
    data_privacy_url: str
    required_saleor_version: str
    brand_logo_default: str
    webhooks: list[ManifestWebhook] = field(default_factory=list)


def is_app_url(url: str, schemes: set[str] = URL_SCHEMES) -> bool:
    if not isinstance(url, str) or not APP_URL_RE.match(url):
        return False
    return url.split("://", 1)[0].lower() in schemes


def _subscription_events(query: str) -> tuple[list[str], str | None]:
    """The events a subscription selects (`... on ProductUpdated` -> PRODUCT_UPDATED)."""
    try:
        document = parse(query)
    except GraphQLError as error:
        return [], f"Subscription query is not valid: {error.message}"
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) != 1 or operations[0].operation != OperationType.SUBSCRIPTION:
        return [], "Subscription query is not valid: a subscription operation is required."
    events: list[str] = []
    for selection in operations[0].selection_set.selections:
        for inner in getattr(getattr(selection, "selection_set", None), "selections", []) or []:
            condition = getattr(inner, "type_condition", None)
            if condition is not None:
                events.append(re.sub(r"(?<!^)(?=[A-Z])", "_", condition.name.value).upper())
    return events, None


def _webhook(raw: Any, index: int, errors: list[ManifestError]) -> ManifestWebhook | None:
    if not isinstance(raw, dict):
        errors.append(ManifestError("webhooks", "Incorrect structure of webhook.", "INVALID"))
        return None
    missing = [key for key in ("name", "targetUrl", "query") if not isinstance(raw.get(key), str)]
    if missing:
        errors.append(ManifestError("webhooks", "Field required", "INVALID"))
        return None
    if not is_app_url(raw["targetUrl"], WEBHOOK_SCHEMES):
        errors.append(ManifestError("webhooks", "Invalid target url.", "INVALID_URL_FORMAT"))
        return None
    async_events = [str(e) for e in raw.get("asyncEvents") or []]
    sync_events = [str(e) for e in raw.get("syncEvents") or []]
    if any(e not in ASYNC_EVENTS for e in async_events):
        errors.append(ManifestError("webhooks", "Invalid asynchronous event.", "INVALID"))
        return None
    if any(e not in SYNC_EVENTS for e in sync_events):
        errors.append(ManifestError("webhooks", "Invalid synchronous event.", "INVALID"))
        return None
    selected, query_error = _subscription_events(raw["query"])
    if query_error:
        errors.append(ManifestError("webhooks", query_error, "INVALID"))
        return None
    if not async_events and not sync_events:
        async_events = [e for e in selected if e in ASYNC_EVENTS]
        sync_events = [e for e in selected if e in SYNC_EVENTS]
    headers = raw.get("customHeaders") or {}
    if not isinstance(headers, dict):
        errors.append(
            ManifestError("webhooks", "Invalid custom headers.", "INVALID_CUSTOM_HEADERS")
        )
        return None
    return ManifestWebhook(
        name=raw["name"],
        target_url=raw["targetUrl"],
        query=raw["query"],
        is_active=bool(raw.get("isActive", True)),
        async_events=async_events,
        sync_events=sync_events,
        custom_headers={str(k).lower(): str(v) for k, v in headers.items()},
    )


def clean_manifest(
    data: Any, saleor_version: str
) -> tuple[CleanManifest | None, list[ManifestError]]:
    """Saleor's structural schema, then its semantic checks. Permissions are not read: the
    installer grants the permissions given to `appInstall`, as Saleor does."""
    if not isinstance(data, dict):
        return None, [
            ManifestError(
                "manifestUrl", "Incorrect structure of manifest.", "INVALID_MANIFEST_FORMAT"
            )
        ]
    errors: list[ManifestError] = []
    for key in ("id", "name", "version"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            errors.append(ManifestError(key, "Field required", "REQUIRED"))
    author = data.get("author")
    if author is not None and (not isinstance(author, str) or not author.strip()):
        errors.append(ManifestError("author", '"author" cannot be an empty string.', "INVALID"))
    token_target_url = data.get("tokenTargetUrl") or ""
    if token_target_url and not is_app_url(token_target_url):
        errors.append(ManifestError("tokenTargetUrl", "Invalid target url.", "INVALID_URL_FORMAT"))
    required = data.get("requiredSaleorVersion") or ""
    if required:
        try:
            spec = RequiredSaleorVersionSpec(required)
        except ValueError:
            errors.append(
                ManifestError(
                    "requiredSaleorVersion",
                    "Incorrect value for required Saleor version.",
                    "INVALID",
                )
            )
        else:
            if Version(saleor_version) not in spec:
                errors.append(
                    ManifestError(
                        "requiredSaleorVersion",
                        f"Saleor version {saleor_version} is not supported by the app.",
                        "UNSUPPORTED_SALEOR_VERSION",
                    )
                )
    logo = (
        ((data.get("brand") or {}).get("logo") or {}).get("default")
        if isinstance(data.get("brand"), dict)
        else None
    )
    if logo is not None and (
        not is_app_url(str(logo)) or mimetypes.guess_type(str(logo))[0] != "image/png"
    ):
        errors.append(
            ManifestError("brand", "Invalid file type for field: logo.default.", "INVALID")
        )
    webhooks = [_webhook(raw, i, errors) for i, raw in enumerate(data.get("webhooks") or [])]
    if errors:
        return None, errors
    return (
        CleanManifest(
            identifier=data["id"],
            name=data["name"],
            version=data["version"],
            about=str(data.get("about") or ""),
            author=str(author or ""),
            app_url=str(data.get("appUrl") or ""),
            token_target_url=token_target_url,
            homepage_url=str(data.get("homepageUrl") or ""),
            support_url=str(data.get("supportUrl") or ""),
            data_privacy_url=str(data.get("dataPrivacyUrl") or ""),
            required_saleor_version=required,
            brand_logo_default=str(logo or ""),
            webhooks=[w for w in webhooks if w is not None],
        ),
        [],
    )


def installation_failure_message(errors: list[ManifestError]) -> str:
    """Saleor's AppInstallation.message for validation errors: `field: ['msg']`, joined."""
    return ", ".join(f"{e.field}: ['{e.message}']" for e in errors)[:255]
