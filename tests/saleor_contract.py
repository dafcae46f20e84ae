"""Saleor's real schema, for contract tests: SALEOR_SCHEMA_PATH overrides where it is read."""

import os
from functools import cache
from pathlib import Path

from graphql import GraphQLSchema, build_schema, parse, validate

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCHEMA_PATH = REPO_ROOT.parent / "shared" / "saleor" / "schema-3.23.graphql"


def saleor_schema_path() -> Path:
    return Path(os.environ.get("SALEOR_SCHEMA_PATH", str(DEFAULT_SCHEMA_PATH)))


@cache
def saleor_schema() -> GraphQLSchema:
    path = saleor_schema_path()
    if not path.is_file():
        raise FileNotFoundError(
            f"Saleor's schema is not at {path}; set SALEOR_SCHEMA_PATH to a schema.graphql."
        )
    return build_schema(path.read_text(), assume_valid=True)


def validation_errors(document: str) -> list[str]:
    return [error.message for error in validate(saleor_schema(), parse(document))]
