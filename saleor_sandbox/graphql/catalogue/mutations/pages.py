from typing import Any

import graphene

from saleor_sandbox.graphql.catalogue.inputs import PageCreateInput, PageInput, PageTypeCreateInput
from saleor_sandbox.graphql.catalogue.mutations.base import (
    CatalogueMutation,
    PageError,
    legacy_errors,
)
from saleor_sandbox.graphql.catalogue.types import Page, PageType
from saleor_sandbox.graphql.core.mutations import errors_field
from saleor_sandbox.services import catalogue_pages


class PageCreate(CatalogueMutation):
    page_errors = legacy_errors(PageError)
    errors = errors_field(PageError)
    page = graphene.Field(Page)

    class Arguments:
        input = PageCreateInput(required=True)

    error_type = PageError
    permissions = ("MANAGE_PAGES",)
    legacy_errors_attribute = "page_errors"

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        return {"page": catalogue_pages.create_page(arguments["input"], info.context)}


class PageUpdate(CatalogueMutation):
    page_errors = legacy_errors(PageError)
    errors = errors_field(PageError)
    page = graphene.Field(Page)

    class Arguments:
        id = graphene.ID(required=True)
        input = PageInput(required=True)

    error_type = PageError
    permissions = ("MANAGE_PAGES",)
    legacy_errors_attribute = "page_errors"

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        page = catalogue_pages.get_page(arguments["id"])
        return {"page": catalogue_pages.update_page(page, arguments["input"], info.context)}


class PageDelete(CatalogueMutation):
    page_errors = legacy_errors(PageError)
    errors = errors_field(PageError)
    page = graphene.Field(Page)

    class Arguments:
        id = graphene.ID(required=True)

    error_type = PageError
    permissions = ("MANAGE_PAGES",)
    legacy_errors_attribute = "page_errors"

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        page = catalogue_pages.get_page(arguments["id"])
        return {"page": catalogue_pages.delete_page(page, info.context)}


class PageTypeCreate(CatalogueMutation):
    page_errors = legacy_errors(PageError)
    errors = errors_field(PageError)
    page_type = graphene.Field(PageType)

    class Arguments:
        input = PageTypeCreateInput(required=True)

    error_type = PageError
    permissions = ("MANAGE_PAGE_TYPES_AND_ATTRIBUTES",)
    legacy_errors_attribute = "page_errors"

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        return {"page_type": catalogue_pages.create_page_type(arguments["input"])}
