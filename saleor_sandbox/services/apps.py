"""Installing apps from a manifest URL, step by step as Saleor 3.23 does
(saleor/app/installation_utils.py): fetch, validate, create the app with its webhooks and
token, post the token to the app, and delete the app again if the app refuses it."""

import logging
import secrets
import string
from typing import Any

import requests
from django.conf import settings
from django.db import transaction

from saleor_sandbox import http
from saleor_sandbox.errors import mutation_error
from saleor_sandbox.models import App, AppExtension, AppInstallation, AppToken, Webhook
from saleor_sandbox.services.manifest import (
    CleanManifest,
    clean_manifest,
    installation_failure_message,
    is_app_url,
)

logger = logging.getLogger(__name__)

TOKEN_ALPHABET = string.ascii_letters + string.digits


class AppInstallationFailed(Exception):
    pass


def generate_app_token() -> str:
    """30 characters, as Saleor's: the length tells app tokens from JWTs."""
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(30))


def create_app_token(app: App, name: str = "Default") -> str:
    raw = generate_app_token()
    AppToken.objects.create(
        app=app, name=name, token_digest=AppToken.digest(raw), token_last_4=raw[-4:]
    )
    return raw


def start_app_installation(
    *, requestor: Any, app_name: str, manifest_url: str, permissions: list[str], activate: bool
) -> AppInstallation:
    if not is_app_url(manifest_url):
        raise mutation_error("manifestUrl", "INVALID_URL_FORMAT", "Enter a valid URL.")
    missing = sorted(set(permissions) - requestor.effective_permissions())
    if missing:
        raise mutation_error(
            "permissions",
            "OUT_OF_SCOPE_PERMISSION",
            "You can't add permission that you don't have.",
            permissions=missing,
        )
    installation = AppInstallation.objects.create(
        app_name=app_name,
        manifest_url=manifest_url,
        permissions=permissions,
        activate_after_installation=activate,
    )
    from saleor_sandbox.tasks import install_app_task

    transaction.on_commit(lambda: install_app_task.delay(installation.pk))
    return installation


def fetch_manifest(manifest_url: str, retries: int = 2) -> Any:
    headers = {"Saleor-Schema-Version": settings.SCHEMA_VERSION}
    for attempt in range(retries + 1):
        try:
            response = http.send_request(
                "GET", manifest_url, headers=headers, timeout=(2 + attempt, 18)
            )
            break
        except (requests.ConnectionError, requests.Timeout):
            if attempt == retries:
                raise
    response.raise_for_status()
    return response.json()


def _create_app(
    manifest: CleanManifest,
    installation: AppInstallation | None,
    permissions: list[str],
    activate: bool,
    manifest_url: str,
) -> tuple[App, str]:
    with transaction.atomic():
        app = App.objects.create(
            identifier=manifest.identifier,
            type=App.Type.THIRDPARTY,
            audience=manifest.audience,
            name=installation.app_name if installation else manifest.name,
            is_active=activate,
            is_installed=False,
            permissions=permissions,
            about_app=manifest.about,
            version=manifest.version,
            author=manifest.author,
            app_url=manifest.app_url,
            homepage_url=manifest.homepage_url,
            support_url=manifest.support_url,
            data_privacy_url=manifest.data_privacy_url,
            manifest_url=manifest_url,
            token_target_url=manifest.token_target_url,
            brand_logo_default=manifest.brand_logo_default,
            required_saleor_version=manifest.required_saleor_version,
        )
        Webhook.objects.bulk_create(
            Webhook(
                app=app,
                name=hook.name,
                target_url=hook.target_url,
                is_active=hook.is_active,
                subscription_query=hook.query,
                async_events=hook.async_events,
                sync_events=hook.sync_events,
                custom_headers=hook.custom_headers,
            )
            for hook in manifest.webhooks
        )
        AppExtension.objects.bulk_create(
            AppExtension(
                app=app,
                label=extension.label,
                url=extension.url,
                mount=extension.mount,
                target=extension.target,
                permissions=extension.permissions,
                settings=extension.settings,
                identifier=extension.identifier,
            )
            for extension in manifest.extensions
        )
        token = create_app_token(app) if manifest.token_target_url else ""
    return app, token


def send_app_token(target_url: str, token: str) -> None:
    """POST the token; any refusal raises AppInstallationFailed with Saleor's message."""
    headers = {
        "Content-Type": "application/json",
        "X-Saleor-Domain": http.saleor_domain(),
        "Saleor-Domain": http.saleor_domain(),
        "Saleor-Api-Url": http.saleor_api_url(),
        "Saleor-Schema-Version": settings.SCHEMA_VERSION,
    }
    try:
        response = http.send_request(
            "POST", target_url, json={"auth_token": token}, headers=headers
        )
    except requests.RequestException as error:
        raise AppInstallationFailed(
            "Failed to connect to app. Try later or contact with app support."
        ) from error
    if response.status_code >= 400:
        try:
            message = str(response.json()["error"]["message"])
        except (ValueError, KeyError, TypeError):
            message = f"App internal error ({response.status_code}). Try later or contact with app support."
        raise AppInstallationFailed(message)


def install_app(
    manifest_url: str,
    *,
    permissions: list[str] | None = None,
    activate: bool = True,
    installation: AppInstallation | None = None,
) -> App:
    """Install an app; `permissions` None means the manifest's own (the CLI's behaviour)."""
    try:
        data = fetch_manifest(manifest_url)
    except (requests.RequestException, ValueError) as error:
        raise AppInstallationFailed(
            "Failed to connect to app. Try later or contact with app support."
        ) from error
    manifest, errors = clean_manifest(data, settings.SALEOR_VERSION)
    if manifest is None:
        raise AppInstallationFailed(installation_failure_message(errors))
    existing = App.objects.filter(identifier=manifest.identifier, removed_at__isnull=True).first()
    if existing is not None:
        raise AppInstallationFailed(
            f"identifier: ['App with the same identifier is already installed: {existing.name}']"
        )
    granted = (
        permissions if permissions is not None else [str(p) for p in data.get("permissions") or []]
    )
    app, token = _create_app(manifest, installation, granted, activate, manifest_url)
    if manifest.token_target_url:
        try:
            send_app_token(manifest.token_target_url, token)
        except AppInstallationFailed:
            app.delete()
            raise
    App.objects.filter(pk=app.pk).update(is_installed=True)
    app.refresh_from_db()
    return app


def run_installation(installation_id: int) -> None:
    installation = AppInstallation.objects.filter(pk=installation_id).first()
    if installation is None or installation.status != AppInstallation.Status.PENDING:
        return
    try:
        install_app(
            installation.manifest_url,
            permissions=list(installation.permissions),
            activate=installation.activate_after_installation,
            installation=installation,
        )
    except AppInstallationFailed as error:
        installation.status = AppInstallation.Status.FAILED
        installation.message = str(error)[:255]
        installation.save(update_fields=["status", "message", "updated_at"])
        logger.info("App installation %s failed: %s", installation_id, error)
        return
    installation.status = AppInstallation.Status.SUCCESS
    installation.save(update_fields=["status", "updated_at"])
