"""Stripe's form encoding (`metadata[k]=v`, `expand[0]=x`, `expand[]=x`) and parameter checks.

`decode_form` turns the flat pairs into nested dicts and lists; `Params` reads them with
Stripe's refusals: unknown parameters, missing ones, and values of the wrong type.
"""

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl

from stripe_sandbox.errors import invalid, invalid_value, missing_parameter, unknown_parameter

_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")

MAX_METADATA_KEYS = 50


def decode_form(body: str) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for raw_key, value in parse_qsl(body, keep_blank_values=True):
        match = _KEY.match(raw_key)
        if match is None:
            raise invalid(f"Invalid parameter name: {raw_key}", param=raw_key)
        parts = [match.group(1), *re.findall(r"\[([^\[\]]*)\]", match.group(2))]
        node = root
        for part in parts[:-1]:
            key = part if part != "" else str(len(node))
            child = node.get(key)
            if not isinstance(child, dict):
                child = {}
                node[key] = child
            node = child
        last = parts[-1] if parts[-1] != "" else str(len(node))
        node[last] = value
    result = _lists_from_indexed(root)
    assert isinstance(result, dict)
    return result


def _lists_from_indexed(node: Any) -> Any:
    """`{"0": a, "1": b}` becomes `[a, b]`, as Stripe reads `expand[0]` and `expand[]`."""
    if not isinstance(node, dict):
        return node
    converted = {key: _lists_from_indexed(value) for key, value in node.items()}
    if converted and all(key.isdigit() for key in converted):
        return [converted[key] for key in sorted(converted, key=int)]
    return converted


class Params:
    """The parameters of one request, checked against the names the endpoint accepts."""

    def __init__(self, values: dict[str, Any], accepted: Iterable[str]) -> None:
        accepted = frozenset(accepted)
        for name in values:
            if name not in accepted:
                raise unknown_parameter(name)
        self.values = values

    def __contains__(self, name: str) -> bool:
        return name in self.values

    def raw(self, name: str) -> Any:
        return self.values.get(name)

    def string(
        self, name: str, *, required: bool = False, choices: Iterable[str] = ()
    ) -> str | None:
        value = self.values.get(name)
        if value is None or value == "":
            if required:
                raise missing_parameter(name)
            return None
        if not isinstance(value, str):
            raise invalid_value(name, f"Invalid string: {value!r}")
        options = tuple(choices)
        if options and value not in options:
            raise invalid_value(name, f"Invalid {name}: must be one of {', '.join(options)}")
        return value

    def required_string(self, name: str, *, choices: Iterable[str] = ()) -> str:
        value = self.string(name, required=True, choices=choices)
        assert value is not None
        return value

    def integer(self, name: str, *, required: bool = False, minimum: int = 0) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            if required:
                raise missing_parameter(name)
            return None
        if not isinstance(value, str) or not re.fullmatch(r"-?\d+", value):
            raise invalid(f"Invalid integer: {value}", param=name, code="parameter_invalid_integer")
        number = int(value)
        if number < minimum:
            raise invalid(
                f"This value must be greater than or equal to {minimum}.",
                param=name,
                code="parameter_invalid_integer",
            )
        return number

    def required_integer(self, name: str, *, minimum: int = 0) -> int:
        value = self.integer(name, required=True, minimum=minimum)
        assert value is not None
        return value

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self.values.get(name)
        if value is None or value == "":
            return default
        if value not in ("true", "false"):
            raise invalid(f"Invalid boolean: {value}", param=name)
        return value == "true"

    def currency(self, name: str = "currency", *, required: bool = True) -> str | None:
        value = self.string(name, required=required)
        if value is None:
            return None
        if not re.fullmatch(r"[A-Za-z]{3}", value):
            raise invalid(f"Invalid currency: {value}.", param=name)
        return value.lower()

    def string_list(self, name: str) -> list[str] | None:
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise invalid(f"Invalid array: {name}", param=name)
        return list(value)

    def mapping(self, name: str, accepted: Iterable[str] | None = None) -> dict[str, Any] | None:
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if not isinstance(value, dict):
            raise invalid(f"Invalid object: {name}", param=name)
        if accepted is not None:
            allowed = frozenset(accepted)
            for key in value:
                if key not in allowed:
                    raise unknown_parameter(f"{name}[{key}]")
        return value

    def metadata(self) -> dict[str, str] | None:
        """Metadata to merge: an empty value removes its key, as Stripe does."""
        value = self.values.get("metadata")
        if value is None:
            return None
        if value == "":
            return {}
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise invalid("Invalid metadata: values must be strings.", param="metadata")
        if len(value) > MAX_METADATA_KEYS:
            raise invalid(
                f"Invalid metadata: metadata can have up to {MAX_METADATA_KEYS} keys.",
                param="metadata",
            )
        return dict(value)

    def expand(self) -> list[str]:
        return self.string_list("expand") or []


def merge_metadata(current: dict[str, str], update: dict[str, str] | None) -> dict[str, str]:
    if update is None:
        return current
    if update == {}:
        return {}
    merged = dict(current)
    for key, value in update.items():
        if value == "":
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged
