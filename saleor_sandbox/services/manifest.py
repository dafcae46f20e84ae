"""Validating an app manifest as Saleor 3.23 does (saleor/app/manifest_schema.py and
manifest_validations.py): pure functions over the fetched JSON."""

import mimetypes
import re
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from semantic_version import NpmSpec, Version
from semantic_version.base import Range

from saleor_sandbox.permissions import ALL_PERMISSIONS
from saleor_sandbox.webhooks.event_types import ASYNC_EVENTS, SYNC_EVENTS

_HOST = r"(?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?(?:\.(?!-)[a-z0-9\u00a1-\uffff-]{1,63}(?<!-))*\.?|localhost)"
_IPV4 = r"(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)(?:\.(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)){3}"
_IPV6 = r"\[[0-9a-f:.]+\]"
APP_URL_RE = re.compile(
    rf"^(?:[a-z0-9.+-]*)://(?:[^\s:@/]+(?::[^\s:@/]*)?@)?(?:{_IPV4}|{_IPV6}|{_HOST})(?::\d{{2,5}})?(?:[/?#][^\s]*)?\Z",
    re.IGNORECASE,
)
URL_SCHEMES = {"http", "https", "ftp", "ftps"}
DEFAULT_EXTENSION_TARGET = "popup"
EXTENSION_IDENTIFIER_MAX_LENGTH = 256
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
class ManifestExtension:
    label: str
    url: str
    mount: str  # lower case, as Saleor stores it
    target: str
    permissions: list[str]
    settings: dict[str, Any]
    identifier: str | None


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
    audience: str = ""
    webhooks: list[ManifestWebhook] = field(default_factory=list)
    extensions: list[ManifestExtension] = field(default_factory=list)


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


def _permission_names(raw: Any) -> list[str] | None:
    if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
        return None
    return list(raw)


def _extension_permissions(
    raw: Any, app_permissions: list[str], errors: list[ManifestError]
) -> list[str]:
    """Saleor's `_clean_extension_permissions`: known names, never MANAGE_APPS, and only
    permissions the manifest asks for the app itself."""
    names = _permission_names(raw if raw is not None else [])
    if names is None:
        errors.append(ManifestError("extensions", "Field required", "INVALID"))
        return []
    if "MANAGE_APPS" in names:
        errors.append(
            ManifestError(
                "extensions",
                "MANAGE_APPS permission cannot be granted to an app.",
                "OUT_OF_SCOPE_PERMISSION",
            )
        )
        return []
    if any(name not in ALL_PERMISSIONS for name in names):
        errors.append(
            ManifestError("extensions", "Given permissions don't exist.", "INVALID_PERMISSION")
        )
        return []
    if any(name not in app_permissions for name in names):
        errors.append(
            ManifestError(
                "extensions",
                "Extension permission must be listed in App's permissions.",
                "OUT_OF_SCOPE_PERMISSION",
            )
        )
    return [name for name in names if name in app_permissions]


def _extension_url_is_valid(url: str, app_url: str) -> bool:
    """Relative URLs (`/dashboard/listings`) need the manifest's appUrl; others must be
    absolute app URLs."""
    if url.startswith("/"):
        return bool(app_url)
    return is_app_url(url)


def _extensions(
    data: dict[str, Any], app_permissions: list[str], errors: list[ManifestError]
) -> list[ManifestExtension]:
    """Saleor 3.23's `_clean_extensions`: label, url and mount are required strings; mount
    and target (default popup) are stored in lower case; `options` become the settings."""
    raw_extensions = data.get("extensions") or []
    if not isinstance(raw_extensions, list):
        errors.append(ManifestError("extensions", "Input should be a valid list", "INVALID"))
        return []
    extensions: list[ManifestExtension] = []
    identifiers: set[str] = set()
    for raw in raw_extensions:
        if not isinstance(raw, dict) or not all(
            isinstance(raw.get(key), str) for key in ("label", "url", "mount")
        ):
            errors.append(ManifestError("extensions", "Field required", "INVALID"))
            continue
        target = raw.get("target", DEFAULT_EXTENSION_TARGET)
        options = raw.get("options") or {}
        if not isinstance(target, str) or not isinstance(options, dict):
            errors.append(ManifestError("extensions", "Incorrect structure.", "INVALID"))
            continue
        identifier = str(raw.get("identifier") or "").strip() or None
        if identifier is not None and len(identifier) > EXTENSION_IDENTIFIER_MAX_LENGTH:
            errors.append(
                ManifestError(
                    "extensions",
                    "Identifier is too long. Maximum length is "
                    f"{EXTENSION_IDENTIFIER_MAX_LENGTH} characters.",
                    "INVALID",
                )
            )
        elif identifier is not None and identifier in identifiers:
            errors.append(
                ManifestError(
                    "extensions",
                    f"Duplicate extension identifier: {identifier}.",
                    "DUPLICATED_EXTENSION_IDENTIFIER",
                )
            )
        if identifier is not None:
            identifiers.add(identifier)
        if not _extension_url_is_valid(raw["url"], str(data.get("appUrl") or "")):
            errors.append(
                ManifestError("extensions", "Incorrect value for field: url.", "INVALID_URL_FORMAT")
            )
        extensions.append(
            ManifestExtension(
                label=raw["label"],
                url=raw["url"],
                mount=raw["mount"].lower(),
                target=target.lower(),
                permissions=_extension_permissions(raw.get("permissions"), app_permissions, errors),
                settings=options,
                identifier=identifier,
            )
        )
    return extensions


def clean_manifest(
    data: Any, saleor_version: str
) -> tuple[CleanManifest | None, list[ManifestError]]:
    """Saleor's structural schema, then its semantic checks. The manifest's permissions bound
    its extensions' permissions; the installer grants the app the permissions given to
    `appInstall`, as Saleor does."""
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
    app_permissions = _permission_names(data.get("permissions") or []) or []
    extensions = _extensions(data, app_permissions, errors)
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
            audience=str(data.get("audience") or ""),
            webhooks=[w for w in webhooks if w is not None],
            extensions=extensions,
        ),
        [],
    )


def installation_failure_message(errors: list[ManifestError]) -> str:
    """Saleor's AppInstallation.message for validation errors: `field: ['msg']`, joined."""
    return ", ".join(f"{e.field}: ['{e.message}']" for e in errors)[:255]
