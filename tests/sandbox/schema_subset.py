"""Is one GraphQL schema a subset of another? Used to hold the sandbox to Saleor's names."""

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
)
from graphql.type.introspection import introspection_types
from graphql.type.scalars import specified_scalar_types


def schema_subset_problems(subset: GraphQLSchema, superset: GraphQLSchema) -> list[str]:
    problems: list[str] = []
    builtin = set(introspection_types) | set(specified_scalar_types)
    for name, sub_type in sorted(subset.type_map.items()):
        if name in builtin:
            continue
        super_type = superset.type_map.get(name)
        if super_type is None:
            problems.append(f"type {name} does not exist in Saleor")
            continue
        if _kind(super_type) != _kind(sub_type):
            problems.append(f"type {name} is {_kind(sub_type)}, Saleor's is {_kind(super_type)}")
            continue
        problems.extend(_type_problems(name, sub_type, super_type))
    return problems


KINDS = (
    GraphQLObjectType,
    GraphQLInterfaceType,
    GraphQLInputObjectType,
    GraphQLEnumType,
    GraphQLUnionType,
    GraphQLScalarType,
)


def _kind(named_type: GraphQLNamedType) -> str:
    return next(kind.__name__ for kind in KINDS if isinstance(named_type, kind))


def _type_problems(name: str, sub: GraphQLNamedType, sup: GraphQLNamedType) -> list[str]:
    problems: list[str] = []
    if isinstance(sub, (GraphQLObjectType, GraphQLInterfaceType)):
        assert isinstance(sup, (GraphQLObjectType, GraphQLInterfaceType))
        for interface in sub.interfaces:
            if interface.name not in {i.name for i in sup.interfaces}:
                problems.append(f"{name} implements {interface.name}, Saleor's does not")
        for field_name, field in sub.fields.items():
            super_field = sup.fields.get(field_name)
            if super_field is None:
                problems.append(f"field {name}.{field_name} does not exist in Saleor")
                continue
            if str(field.type) != str(super_field.type):
                problems.append(
                    f"field {name}.{field_name} is {field.type}, Saleor's is {super_field.type}"
                )
            for arg_name, arg in field.args.items():
                super_arg = super_field.args.get(arg_name)
                if super_arg is None:
                    problems.append(
                        f"argument {name}.{field_name}({arg_name}) does not exist in Saleor"
                    )
                elif str(arg.type) != str(super_arg.type):
                    problems.append(
                        f"argument {name}.{field_name}({arg_name}) is {arg.type}, Saleor's is {super_arg.type}"
                    )
            for arg_name, super_arg in super_field.args.items():
                if (
                    arg_name not in field.args
                    and str(super_arg.type).endswith("!")
                    and super_arg.default_value is None
                ):
                    problems.append(
                        f"argument {name}.{field_name}({arg_name}) is required by Saleor but missing"
                    )
    elif isinstance(sub, GraphQLInputObjectType):
        assert isinstance(sup, GraphQLInputObjectType)
        for field_name, field in sub.fields.items():
            super_field = sup.fields.get(field_name)
            if super_field is None:
                problems.append(f"input field {name}.{field_name} does not exist in Saleor")
            elif str(field.type) != str(super_field.type):
                problems.append(
                    f"input field {name}.{field_name} is {field.type}, Saleor's is {super_field.type}"
                )
    elif isinstance(sub, GraphQLEnumType):
        assert isinstance(sup, GraphQLEnumType)
        for value in sub.values:
            if value not in sup.values:
                problems.append(f"enum value {name}.{value} does not exist in Saleor")
    elif isinstance(sub, GraphQLUnionType):
        assert isinstance(sup, GraphQLUnionType)
        for member in sub.types:
            if member.name not in {t.name for t in sup.types}:
                problems.append(f"union {name} has {member.name}, Saleor's does not")
    elif isinstance(sub, GraphQLScalarType):
        pass
    return problems
