"""What every resolver finds on `info.context`: the request, its user and its dataloaders."""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from graphql import GraphQLResolveInfo


@dataclass
class RequestContext:
    request: HttpRequest
    user: AbstractBaseUser | AnonymousUser
    language: str | None = None
    # DataLoader instances by class, and other per-request memos by key.
    dataloaders: dict[Any, Any] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)

    # graphene-django reads these from the context object.
    @property
    def META(self) -> Any:
        return self.request.META


def context_of(info: GraphQLResolveInfo) -> RequestContext:
    context = info.context
    assert isinstance(context, RequestContext), "The API view builds a RequestContext."
    return context
