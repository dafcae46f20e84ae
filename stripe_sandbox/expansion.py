"""`expand[]=latest_charge`, `expand[]=data.destination`: ids replaced by their objects."""

import copy
from typing import Any

from stripe_sandbox.errors import invalid
from stripe_sandbox.state import Store, StripeObject


def expand(store: Store, obj: StripeObject, paths: list[str]) -> StripeObject:
    if not paths:
        return obj
    result = copy.deepcopy(obj)
    for path in paths:
        _expand_path(store, result, path.split("."), path)
    return result


def _expand_path(store: Store, node: Any, parts: list[str], whole: str) -> None:
    if isinstance(node, dict) and node.get("object") == "list" and parts[0] == "data":
        for item in node["data"]:
            _expand_path(store, item, parts[1:], whole)
        return
    if not isinstance(node, dict) or parts[0] not in node:
        raise invalid(f"This property cannot be expanded ({parts[0]}).", param="expand")
    value = node[parts[0]]
    if isinstance(value, str):
        found = store.find(value)
        if found is None:
            raise invalid(f"This property cannot be expanded ({whole}).", param="expand")
        value = node[parts[0]] = copy.deepcopy(found)
    if len(parts) > 1 and value is not None:
        _expand_path(store, value, parts[1:], whole)
