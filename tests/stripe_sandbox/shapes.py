"""Stripe's example objects (`fixtures3.json` from github.com/stripe/openapi) and a shape
comparison: the same keys, values of compatible types. The file is read from
`../shared/stripe/fixtures3.json` beside the repository, or `STRIPE_FIXTURES_PATH`."""

import json
import os
from functools import cache
from pathlib import Path
from typing import Any, get_args

import stripe

from tests.stripe_sandbox.server import REPO_ROOT

# Stripe's example objects stub a few polymorphic sub-objects with one of their variants'
# keys ({"type": "idempotency_error"}); there a returned object may carry more keys.
OPEN_SUB_OBJECTS = {"next_action", "last_payment_error", "controller"}
# Maps whose keys are data (a capability's name, a metadata key): only their values compare.
MAPS = {"capabilities", "metadata"}


def fixtures_path() -> Path:
    return Path(
        os.environ.get("STRIPE_FIXTURES_PATH", REPO_ROOT.parent / "shared/stripe/fixtures3.json")
    )


@cache
def stripe_example(resource: str) -> dict[str, Any]:
    resources: dict[str, dict[str, Any]] = json.loads(fixtures_path().read_text())["resources"]
    return resources[resource]


def shape_differences(example: Any, ours: Any, path: str = "") -> list[str]:
    """Where `ours` differs in shape from Stripe's `example` (empty when it conforms)."""
    if example is None or ours is None:
        return []
    if isinstance(example, bool) or isinstance(ours, bool):
        same = isinstance(example, bool) and isinstance(ours, bool)
        return [] if same else [f"{path or '.'}: {type(ours).__name__}, Stripe has bool"]
    if isinstance(example, dict) and isinstance(ours, dict):
        if not example:
            return []
        if path.rsplit(".", 1)[-1] in MAPS:
            sample = next(iter(example.values()))
            return [
                p for key in ours for p in shape_differences(sample, ours[key], f"{path}.{key}")
            ]
        problems = [f"{path}.{key}: missing" for key in example if key not in ours]
        if path.rsplit(".", 1)[-1] not in OPEN_SUB_OBJECTS:
            problems += [
                f"{path}.{key}: not in Stripe's object" for key in ours if key not in example
            ]
        for key in example:
            if key in ours:
                problems += shape_differences(example[key], ours[key], f"{path}.{key}")
        return problems
    if isinstance(example, list) and isinstance(ours, list):
        if example and ours:
            return shape_differences(example[0], ours[0], f"{path}[0]")
        return []
    if isinstance(example, int) and isinstance(ours, int):
        return []
    if isinstance(example, str) and isinstance(ours, str):
        return []
    return [f"{path or '.'}: {type(ours).__name__}, Stripe has {type(example).__name__}"]


def _declared(cls: type) -> dict[str, Any]:
    hints: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        hints.update(getattr(klass, "__annotations__", {}))
    return hints


def _nested_classes(annotation: Any) -> list[type]:
    """The stripe-python classes an annotation names (inside Optional, List, Union)."""
    if isinstance(annotation, type):
        return [annotation] if issubclass(annotation, stripe.StripeObject) else []
    found: list[type] = []
    for argument in get_args(annotation):
        found += _nested_classes(argument)
    return found


def undeclared_fields(cls: type, ours: Any, path: str = "") -> list[str]:
    """Keys of `ours`, at any depth, that stripe-python's resource class does not declare."""
    if not isinstance(ours, dict):
        return []
    declared = _declared(cls)
    problems = []
    for key, value in ours.items():
        if key not in declared:
            problems.append(f"{path}.{key}: not declared by {cls.__qualname__}")
            continue
        values = value if isinstance(value, list) else [value]
        for nested in _nested_classes(declared[key])[:1]:
            if nested.__qualname__.startswith(cls.__qualname__.split(".")[0] + "."):
                for item in values:
                    problems += undeclared_fields(nested, item, f"{path}.{key}")
    return problems
