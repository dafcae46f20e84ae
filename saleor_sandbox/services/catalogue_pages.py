"""Pages (Saleor's "models": artisans, cooperatives...) and page types."""

import copy
from typing import Any

from django.utils import timezone

from saleor_sandbox.errors import MutationError, MutationErrors
from saleor_sandbox.models import Attribute, Page, PageType
from saleor_sandbox.services.catalogue_attributes import (
    clean_attribute_input,
    save_attribute_values,
)
from saleor_sandbox.services.catalogue_common import check_slug, get_node, get_nodes, unique_slug
from saleor_sandbox.services.catalogue_events import emit


def _apply(page: Page, data: dict[str, Any]) -> None:
    if data.get("title") is not None:
        page.title = data["title"]
    if "content" in data:
        page.content = data["content"]
    if data.get("slug"):
        page.slug = data["slug"]
    elif not page.slug:
        page.slug = unique_slug(Page, page.title)
    if data.get("is_published") is not None:
        page.is_published = data["is_published"]
        if page.is_published and page.published_at is None and not data.get("published_at"):
            page.published_at = timezone.now()
    if data.get("published_at") is not None:
        page.published_at = data["published_at"]
    seo = data.get("seo") or {}
    if seo.get("title") is not None:
        page.seo_title = seo["title"]
    if seo.get("description") is not None:
        page.seo_description = seo["description"]


def _clean(data: dict[str, Any], page_type: PageType, instance: Page | None) -> Any:
    if data.get("slug") is not None:
        check_slug(Page, data["slug"], instance.pk if instance else None, "Page")
    if instance is None and not (data.get("title") or "").strip():
        raise MutationErrors([MutationError("title", "REQUIRED", "This field cannot be blank.")])
    if data.get("attributes"):
        return clean_attribute_input(
            data["attributes"], page_type.attributes.all(), creation=instance is None
        )
    return []


def create_page(data: dict[str, Any], context: Any) -> Page:
    page_type = get_node(data["page_type"], "PageType", PageType, "pageType")
    attributes = _clean(data, page_type, None)
    page = Page(page_type=page_type)
    _apply(page, data)
    page.save()
    save_attribute_values(page, attributes)
    emit("PAGE_CREATED", page, context)
    return page


def get_page(global_id: str) -> Page:
    return get_node(global_id, "Page", Page, "id", Page.objects.select_for_update())


def update_page(page: Page, data: dict[str, Any], context: Any) -> Page:
    attributes = _clean(data, page.page_type, page)
    _apply(page, data)
    page.save()
    save_attribute_values(page, attributes)
    emit("PAGE_UPDATED", page, context)
    return page


def delete_page(page: Page, context: Any) -> Page:
    snapshot = copy.copy(page)
    emit("PAGE_DELETED", snapshot, context)
    page.delete()
    return snapshot


def create_page_type(data: dict[str, Any]) -> PageType:
    name = (data.get("name") or "").strip()
    if not name:
        raise MutationErrors([MutationError("name", "REQUIRED", "This field cannot be blank.")])
    slug = data.get("slug") or unique_slug(PageType, name)
    check_slug(PageType, slug, None, "Page type")
    attributes = get_nodes(
        data.get("add_attributes") or [], "Attribute", Attribute, "addAttributes"
    )
    wrong = [a for a in attributes if a.type != Attribute.Type.PAGE_TYPE]
    if wrong:
        raise MutationErrors(
            [
                MutationError(
                    "addAttributes",
                    "INVALID",
                    "Only page type attributes allowed.",
                )
            ]
        )
    page_type = PageType.objects.create(name=name, slug=slug)
    page_type.attributes.set(attributes)
    return page_type
