"""Saleor's custom scalars (graphene provides DateTime, Date, UUID, JSONString, Decimal)."""

from decimal import Decimal, InvalidOperation
from typing import Any

import graphene
from graphql.language import ast


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


class PositiveDecimal(graphene.Scalar):
    """Positive Decimal scalar implementation. Should be used in places where value must be positive."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return float(value) if isinstance(value, Decimal) else value

    @staticmethod
    def parse_value(value: Any) -> Decimal | None:
        parsed = _decimal(value)
        return parsed if parsed is not None and parsed >= 0 else None

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Decimal | None:
        if isinstance(node, (ast.FloatValueNode, ast.IntValueNode, ast.StringValueNode)):
            return PositiveDecimal.parse_value(node.value)
        return None


class PositiveInt(graphene.Scalar):
    """Positive Integer scalar implementation. Should be used in places where value must be positive."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return value

    @staticmethod
    def parse_value(value: Any) -> int | None:
        return value if isinstance(value, int) and value >= 0 else None

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> int | None:
        if isinstance(node, ast.IntValueNode):
            return PositiveInt.parse_value(int(node.value))
        return None


class Metadata(graphene.Scalar):
    """Metadata is a map of key-value pairs, both keys and values are `String`."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return value

    @staticmethod
    def parse_value(value: Any) -> Any:
        return value

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        return None


class Minute(graphene.Scalar):
    @staticmethod
    def serialize(value: Any) -> Any:
        return value

    @staticmethod
    def parse_value(value: Any) -> int | None:
        return value if isinstance(value, int) and value > 0 else None

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> int | None:
        return int(node.value) if isinstance(node, ast.IntValueNode) else None


class Day(Minute):
    pass


class Hour(Minute):
    pass


class WeightScalar(graphene.Scalar):
    @staticmethod
    def serialize(value: Any) -> Any:
        return float(value) if isinstance(value, Decimal) else value

    @staticmethod
    def parse_value(value: Any) -> Decimal | None:
        return _decimal(value)

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Decimal | None:
        if isinstance(node, (ast.FloatValueNode, ast.IntValueNode)):
            return _decimal(node.value)
        return None


class Upload(graphene.Scalar):
    """Variables of this type must be set to null in mutations. They will be replaced with a filename from a following multipart part containing a binary file. See: https://github.com/jaydenseric/graphql-multipart-request-spec."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return value

    @staticmethod
    def parse_value(value: Any) -> Any:
        return value

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        return node.value if isinstance(node, ast.StringValueNode) else None


class JSON(Metadata):
    """Any JSON value, returned as it is (Saleor's `JSON`, e.g. AppExtension.settings)."""
