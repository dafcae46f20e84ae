"""File uploads over GraphQL, by the GraphQL multipart request spec
(https://github.com/jaydenseric/graphql-multipart-request-spec): a multipart POST with an
`operations` field (the usual JSON body, files as null), a `map` field (which file goes to
which variable path) and the files. The `Upload` scalar carries Django's UploadedFile."""

import json
from collections.abc import Mapping
from typing import Any

import graphene


class Upload(graphene.Scalar):
    """A file sent as a part of a multipart request (GraphQL multipart request spec)."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return value

    @staticmethod
    def parse_value(value: Any) -> Any:
        return value

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        return None  # a file cannot be written inline in a document


class MultipartRequestError(ValueError):
    """The multipart request does not follow the spec."""


def operations_with_files(form: Mapping[str, str], files: Mapping[str, Any]) -> Any:
    """The `operations` JSON with each mapped file put at its paths."""
    try:
        operations = json.loads(form["operations"])
        file_map = json.loads(form.get("map", "{}"))
    except (KeyError, json.JSONDecodeError) as error:
        raise MultipartRequestError(
            "A multipart request has JSON fields `operations` and `map`."
        ) from error
    if not isinstance(file_map, dict):
        raise MultipartRequestError("`map` is an object of file keys to paths.")
    for key, paths in file_map.items():
        if key not in files:
            raise MultipartRequestError(f"No file part named {key!r}.")
        if not isinstance(paths, list):
            raise MultipartRequestError(f"`map` of {key!r} is a list of paths.")
        for path in paths:
            _put(operations, str(path).split("."), files[key])
    return operations


def _put(container: Any, path: list[str], value: Any) -> None:
    *parents, last = path
    try:
        for part in parents:
            container = container[int(part)] if isinstance(container, list) else container[part]
        if isinstance(container, list):
            container[int(last)] = value
        elif isinstance(container, dict) and last in container:
            container[last] = value
        else:
            raise KeyError(last)
    except (KeyError, IndexError, ValueError, TypeError) as error:
        raise MultipartRequestError(f"No variable at {'.'.join(path)!r}.") from error
