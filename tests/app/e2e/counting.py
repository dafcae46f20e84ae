"""A requests adapter that counts the GraphQL operations the App sends Saleor."""

import json
import re
from typing import Any

from requests import PreparedRequest, Response
from requests.adapters import HTTPAdapter


class CountingAdapter(HTTPAdapter):
    """Records the operation of every GraphQL request the App sends."""

    def __init__(self) -> None:
        super().__init__()
        self.operations: list[str] = []

    def send(self, request: PreparedRequest, *args: Any, **kwargs: Any) -> Response:
        query = json.loads(request.body or b"{}")["query"]
        operation = re.search(r"^\s*(query|mutation)\s+(\w+)", query, re.MULTILINE)
        self.operations.append(" ".join(operation.groups()) if operation else "query")
        return super().send(request, *args, **kwargs)

    def mutations(self) -> list[str]:
        return [op.removeprefix("mutation ") for op in self.operations if op.startswith("mutation")]
