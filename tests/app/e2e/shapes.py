"""The shape of a GraphQL response: its keys and value kinds, not its values, so that
answers from two Saleors with different data can be compared."""

from typing import Any


def shape(value: Any) -> Any:
    if isinstance(value, dict):
        if "message" in value and "extensions" in value:  # a top-level error
            return {"error": value.get("extensions", {}).get("exception", {}).get("code")}
        return {key: shape(item) for key, item in sorted(value.items()) if key != "extensions"}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return "string"


def shape_differences(left: Any, right: Any, path: str = "") -> list[str]:
    """Where two shapes differ; an empty list or a null on either side is not a difference."""
    if left is None or right is None or left == [] or right == []:
        return []
    if isinstance(left, dict) and isinstance(right, dict):
        differences = []
        for key in sorted(set(left) | set(right)):
            if key not in left or key not in right:
                differences.append(
                    f"{path}.{key}: only in {'sandbox' if key in left else 'Saleor'}"
                )
            else:
                differences.extend(shape_differences(left[key], right[key], f"{path}.{key}"))
        return differences
    if isinstance(left, list) and isinstance(right, list):
        return shape_differences(left[0], right[0], f"{path}[0]")
    return [] if left == right else [f"{path}: {left} vs {right}"]
